using System.Net;
using System.Text.Json;
using FluentAssertions;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Unit;

/// <summary>
/// batchRead and batchWrite refuse a malformed request whole, before anything is read or written:
/// the shape before any DynamoDB call, and for a write what needs the table's key after asking
/// DynamoDB for it (DescribeTable) and before the first BatchWriteItem.
/// </summary>
public class BatchValidationTests
{
    private static readonly CannedDynamoDb NeverCalled = new(request => throw new AssertionException($"DynamoDB was called: {request.Action}"));

    [TestCase("""{}""", "Missing required parameter in payload: \"Keys\".")]
    [TestCase("""{"Keys":[]}""", "Invalid length for parameter Keys: 0, it takes 1 to 10000 elements.")]
    [TestCase("""{"Keys":{"id":"1"}}""", "Invalid type for parameter Keys: expected a list, got an object.")]
    [TestCase("""{"Keys":[{"id":"1"},"2"]}""", "Invalid type for parameter Keys[1]: expected an object, got a string.")]
    [TestCase("""{"Keys":[{"id":"1"},{}]}""", "Invalid value for parameter Keys[1]: an empty object; it needs at least one attribute.")]
    [TestCase("""{"Keys":[{"id":"1","sk":1,"x":2}]}""", "Invalid value for parameter Keys[0]: a key is the partition key and at most one sort key, got 3 attributes.")]
    [TestCase("""{"Keys":[{"id":true}]}""", "Invalid type for parameter Keys[0].id: key attributes are strings or numbers.")]
    [TestCase("""{"Keys":[{"id":"1"}],"AttributesToGet":["id"]}""", "Unknown parameter in payload: \"AttributesToGet\", must be one of: Keys, ProjectionExpression, ExpressionAttributeNames, ConsistentRead.")]
    public async Task A_malformed_batchRead_is_refused_before_DynamoDB_is_called(string payload, string message)
    {
        var answer = await TestFunction.Against(NeverCalled).Call("batchRead", "lambda-apigateway", payload);

        answer.ErrorType.Should().Be("InvalidRequest");
        answer.ErrorMessage.Should().Be(message);
    }

    [TestCase("""{"Keys":[{"id":1},{"pk":1}]}""",
        "The provided key element does not match the schema: every element of Keys names the same key attributes, but Keys[0] names \"id\" and Keys[1] names \"pk\".")]
    [TestCase("""{"Keys":[{"id":1},{"id":"1"},{"id":1.0}]}""",
        "Provided list of item keys contains duplicates: Keys[0] and Keys[2] are for the same item.")]
    [TestCase("""{"Keys":[{"id":"a","sk":10},{"sk":1E1,"id":"a"}]}""",
        "Provided list of item keys contains duplicates: Keys[0] and Keys[1] are for the same item.")]
    [TestCase("""{"Keys":[{"id":""}]}""",
        "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value: Keys[0].id.")]
    [TestCase("""{"Keys":[{"id":1.23456789012345678901234567890123456789}]}""",
        "The number is not one DynamoDB can store (more than 38 significant digits): Keys[0].id.")]
    public async Task A_batchRead_DynamoDB_would_refuse_is_its_ValidationException_before_DynamoDB_is_called(string payload, string message)
    {
        var answer = await TestFunction.Against(NeverCalled).Call("batchRead", "lambda-apigateway", payload);

        answer.ErrorType.Should().Be("ValidationException");
        answer.Result.Outcome.StatusCode.Should().Be(400);
        answer.ErrorMessage.Should().Be(message);
    }

    [Test]
    public async Task Exactly_the_limit_of_keys_is_taken_and_reaches_DynamoDB()
    {
        var keys = string.Join(",", Enumerable.Range(0, 10_000).Select(i => $$"""{"id":{{i}}}"""));
        var dynamoDb = CannedDynamoDb.Failing(System.Net.HttpStatusCode.BadRequest, "ResourceNotFoundException", "Requested resource not found");

        var answer = await TestFunction.Against(dynamoDb).Call("batchRead", "lambda-apigateway", $$"""{"Keys":[{{keys}}]}""");

        answer.ErrorType.Should().Be("ResourceNotFoundException", answer.Text);
        dynamoDb.Requests.Should().NotBeEmpty();
    }

    [Test]
    public async Task More_keys_than_the_limit_are_refused_before_DynamoDB_is_called()
    {
        var keys = string.Join(",", Enumerable.Range(0, 10_001).Select(i => $$"""{"id":{{i}}}"""));

        var answer = await TestFunction.Against(NeverCalled).Call("batchRead", "lambda-apigateway", $$"""{"Keys":[{{keys}}]}""");

        answer.ErrorMessage.Should().Be("Invalid length for parameter Keys: 10001, it takes 1 to 10000 elements.");
    }

    [TestCase("""{}""", "Missing required parameter in payload: \"Requests\".")]
    [TestCase("""{"Requests":[]}""", "Invalid length for parameter Requests: 0, it takes 1 to 10000 elements.")]
    [TestCase("""{"Requests":[{"PutRequest":{"Item":{"id":"1"}}},[]]}""", "Invalid type for parameter Requests[1]: expected an object, got an array.")]
    [TestCase("""{"Requests":[{"PutRequest":{"Item":{"id":"1"}},"DeleteRequest":{"Key":{"id":"1"}}}]}""", "Invalid value for parameter Requests[0]: a write request is exactly one of: PutRequest, DeleteRequest.")]
    [TestCase("""{"Requests":[{}]}""", "Invalid value for parameter Requests[0]: a write request is exactly one of: PutRequest, DeleteRequest.")]
    [TestCase("""{"Requests":[{"UpdateRequest":{"Key":{"id":"1"}}}]}""", "Unknown parameter in Requests[0]: \"UpdateRequest\", must be one of: PutRequest, DeleteRequest.")]
    [TestCase("""{"Requests":[{"PutRequest":{"Item":{"id":"1"},"ConditionExpression":"x"}}]}""", "Unknown parameter in Requests[0].PutRequest: \"ConditionExpression\", must be one of: Item.")]
    [TestCase("""{"Requests":[{"PutRequest":{}}]}""", "Missing required parameter in Requests[0].PutRequest: \"Item\".")]
    [TestCase("""{"Requests":[{"PutRequest":"x"}]}""", "Invalid type for parameter Requests[0].PutRequest: expected an object, got a string.")]
    [TestCase("""{"Requests":[{"PutRequest":{"Item":{}}}]}""", "Invalid value for parameter Requests[0].PutRequest.Item: an empty object; it needs at least one attribute.")]
    [TestCase("""{"Requests":[{"PutRequest":{"Item":{"id":"1","":2}}}]}""", "Invalid value for parameter Requests[0].PutRequest.Item: attribute names must not be empty.")]
    [TestCase("""{"Requests":[{"DeleteRequest":{"Key":{"id":[1]}}}]}""", "Invalid type for parameter Requests[0].DeleteRequest.Key.id: key attributes are strings or numbers.")]
    [TestCase("""{"Requests":[{"PutRequest":{"Item":{"id":"1"}}}],"ReturnItemCollectionMetrics":"SIZE"}""", "Unknown parameter in payload: \"ReturnItemCollectionMetrics\", must be one of: Requests.")]
    public async Task A_malformed_batchWrite_is_refused_before_DynamoDB_is_called(string payload, string message)
    {
        var answer = await TestFunction.Against(NeverCalled).Call("batchWrite", "lambda-apigateway", payload);

        answer.ErrorType.Should().Be("InvalidRequest");
        answer.ErrorMessage.Should().Be(message);
    }

    [TestCase("""[{"PutRequest":{"Item":{"id":"a"}}},{"PutRequest":{"Item":{"number":5}}}]""",
        "One of the required keys was not given a value: Requests[1].PutRequest.Item has no \"id\", the table's partition key.")]
    [TestCase("""[{"PutRequest":{"Item":{"id":"a","sk":1}}},{"PutRequest":{"Item":{"id":"b","sk":"x"}}}]""",
        "The provided key element does not match the schema: Requests[1].PutRequest.Item.sk must be a number, as the table declares it.",
        "sk")]
    [TestCase("""[{"PutRequest":{"Item":{"id":"a","sk":1}}},{"PutRequest":{"Item":{"id":"b"}}}]""",
        "One of the required keys was not given a value: Requests[1].PutRequest.Item has no \"sk\", the table's sort key.",
        "sk")]
    [TestCase("""[{"PutRequest":{"Item":{"id":"a","sk":true}}}]""",
        "The provided key element does not match the schema: Requests[0].PutRequest.Item.sk must be a number, as the table declares it.",
        "sk")]
    [TestCase("""[{"PutRequest":{"Item":{"id":1}}}]""",
        "The provided key element does not match the schema: Requests[0].PutRequest.Item.id must be a string, as the table declares it.")]
    [TestCase("""[{"DeleteRequest":{"Key":{"id":"a","number":5}}}]""",
        "The provided key element does not match the schema: Requests[0].DeleteRequest.Key names \"id\", \"number\"; the table's key is \"id\".")]
    [TestCase("""[{"PutRequest":{"Item":{"id":"a","n":1}}},{"PutRequest":{"Item":{"id":"b"}}},{"PutRequest":{"Item":{"id":"a","n":2}}}]""",
        "Provided list of item keys contains duplicates: Requests[0].PutRequest.Item and Requests[2].PutRequest.Item are for the same item.")]
    [TestCase("""[{"PutRequest":{"Item":{"id":"a","n":1}}},{"DeleteRequest":{"Key":{"id":"a"}}}]""",
        "Provided list of item keys contains duplicates: Requests[0].PutRequest.Item and Requests[1].DeleteRequest.Key are for the same item.")]
    [TestCase("""[{"PutRequest":{"Item":{"id":""}}}]""",
        "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value: Requests[0].PutRequest.Item.id.")]
    [TestCase("""[{"PutRequest":{"Item":{"id":"a"}}},{"PutRequest":{"Item":{"id":"b","deep":{"list":[1,1E126]}}}}]""",
        "The number is not one DynamoDB can store (outside DynamoDB's range of 1E-130 to 9.9999999999999999999999999999999999999E+125): Requests[1].PutRequest.Item.deep.")]
    public async Task A_batchWrite_DynamoDB_would_refuse_in_some_call_is_its_ValidationException_before_the_first_write(string requests, string message, string? sortKey = null)
    {
        var dynamoDb = WithKey(sortKey);

        var answer = await TestFunction.Against(dynamoDb).Call("batchWrite", "lambda-apigateway", $$"""{"Requests":{{requests}}}""");

        answer.ErrorType.Should().Be("ValidationException");
        answer.ErrorMessage.Should().Be(message);
        dynamoDb.Requests.Select(request => request.Action).Should().Equal("DescribeTable");
    }

    [Test]
    public async Task A_key_longer_than_DynamoDB_takes_is_refused_before_the_first_write()
    {
        var dynamoDb = WithKey();

        var answer = await TestFunction.Against(dynamoDb).Call("batchWrite", "lambda-apigateway",
            "{\"Requests\":[{\"PutRequest\":{\"Item\":{\"id\":\"" + new string('é', 1025) + "\"}}}]}");

        answer.ErrorMessage.Should().Be("A key attribute's value is over DynamoDB's limit of 2048 bytes: Requests[0].PutRequest.Item.id.");
        dynamoDb.Requests.Select(request => request.Action).Should().Equal("DescribeTable");
    }

    // DynamoDB's limits: 2,048 bytes for a partition key, 1,024 for a sort key; the table says which is which.
    [TestCase(2048, 1, null)]
    [TestCase(1, 1024, null)]
    [TestCase(2049, 1, "A key attribute's value is over DynamoDB's limit of 2048 bytes: Requests[0].PutRequest.Item.id.")]
    [TestCase(1, 1025, "A key attribute's value is over DynamoDB's limit of 1024 bytes: Requests[0].PutRequest.Item.sk.")]
    public async Task A_batchWrite_key_at_DynamoDB_s_limit_is_written_and_one_byte_more_is_refused(int partitionBytes, int sortBytes, string? message)
    {
        var describe = """{"Table":{"TableName":"lambda-apigateway","KeySchema":[{"AttributeName":"sk","KeyType":"RANGE"},{"AttributeName":"id","KeyType":"HASH"}],"""
            + "\"AttributeDefinitions\":[{\"AttributeName\":\"id\",\"AttributeType\":\"S\"},{\"AttributeName\":\"sk\",\"AttributeType\":\"S\"}]}}";
        var dynamoDb = new CannedDynamoDb(request => CannedDynamoDb.Json(HttpStatusCode.OK, request.Action == "DescribeTable" ? describe : """{"UnprocessedItems":{}}"""));
        var item = JsonSerializer.Serialize(new { sk = new string('s', sortBytes), id = new string('p', partitionBytes) });

        var answer = await TestFunction.Against(dynamoDb).Call("batchWrite", "lambda-apigateway", $$$"""{"Requests":[{"PutRequest":{"Item":{{{item}}}}}]}""");

        if (message is null)
        {
            answer.ErrorType.Should().BeNull(answer.Text);
            dynamoDb.Requests.Select(request => request.Action).Should().Equal("DescribeTable", "BatchWriteItem");
        }
        else
        {
            answer.ErrorType.Should().Be("ValidationException");
            answer.ErrorMessage.Should().Be(message);
            dynamoDb.Requests.Select(request => request.Action).Should().Equal("DescribeTable");
        }
    }

    [Test]
    public async Task A_batchRead_key_is_not_held_to_a_sort_key_s_limit_by_its_place_in_the_caller_s_object()
    {
        // A read does not know the table's key: which attribute is the partition key is DynamoDB's to judge.
        var dynamoDb = CannedDynamoDb.Answering("""{"Responses":{"lambda-apigateway":[]},"UnprocessedKeys":{}}""");
        var key = JsonSerializer.Serialize(new { sk = "s", id = new string('p', 1500) });

        var answer = await TestFunction.Against(dynamoDb).Call("batchRead", "lambda-apigateway", $$"""{"Keys":[{{key}}]}""");

        answer.ErrorType.Should().BeNull(answer.Text);
        dynamoDb.Requests.Select(request => request.Action).Should().Equal("BatchGetItem");
    }

    [Test]
    public async Task BatchRead_keys_with_as_many_attributes_but_other_names_are_refused_naming_both()
    {
        var answer = await TestFunction.Against(NeverCalled).Call("batchRead", "lambda-apigateway", """{"Keys":[{"id":1,"sk":1},{"id":1,"x":1}]}""");

        answer.ErrorMessage.Should().Be(
            "The provided key element does not match the schema: every element of Keys names the same key attributes, but Keys[0] names \"id\", \"sk\" and Keys[1] names \"id\", \"x\".");
    }

    [Test]
    public async Task An_item_over_400_KB_is_refused_before_DynamoDB_is_called()
    {
        var answer = await TestFunction.Against(NeverCalled).Call("batchWrite", "lambda-apigateway",
            "{\"Requests\":[{\"PutRequest\":{\"Item\":{\"id\":\"a\"}}},{\"PutRequest\":{\"Item\":{\"id\":\"b\",\"big\":\"" + new string('x', 410_000) + "\"}}}]}");

        answer.ErrorType.Should().Be("ValidationException");
        answer.ErrorMessage.Should().Be("Item size has exceeded the maximum allowed size: Requests[1].PutRequest.Item.");
    }

    [Test]
    public async Task An_item_of_exactly_400_KB_by_its_names_and_strings_is_written()
    {
        // "id" and "a", "big" and 409,594 characters: 409,600 bytes.
        var dynamoDb = WithKey();

        var answer = await TestFunction.Against(dynamoDb).Call("batchWrite", "lambda-apigateway",
            "{\"Requests\":[{\"PutRequest\":{\"Item\":{\"id\":\"a\",\"big\":\"" + new string('x', 409_594) + "\"}}}]}");

        answer.ErrorType.Should().BeNull(answer.ErrorMessage);
        dynamoDb.Requests.Select(request => request.Action).Should().Equal("DescribeTable", "BatchWriteItem");
    }

    [Test]
    public async Task An_item_DynamoDB_returns_for_a_key_not_sent_is_an_internal_error_never_dropped_or_misplaced()
    {
        var dynamoDb = CannedDynamoDb.Answering("""{"Responses":{"lambda-apigateway":[{"id":{"S":"stranger"}}]},"UnprocessedKeys":{}}""");
        var function = TestFunction.Against(dynamoDb);

        var answer = await function.Call("batchRead", "lambda-apigateway", """{"Keys":[{"id":"a"}]}""");

        answer.ErrorType.Should().Be("InternalError");
        answer.ErrorMessage.Should().NotContain("did not send", "the exception stays in the log");
        function.Log.Should().Contain("DynamoDB returned a key that the call did not send.");
    }

    [Test]
    public async Task The_table_s_key_is_asked_once_per_table_and_process()
    {
        var dynamoDb = WithKey();
        var function = TestFunction.Against(dynamoDb);

        await function.Call("batchWrite", "lambda-apigateway", """{"Requests":[{"PutRequest":{"Item":{"id":"a"}}}]}""");
        await function.Call("batchWrite", "lambda-apigateway", """{"Requests":[{"PutRequest":{"Item":{"id":"b"}}}]}""");

        dynamoDb.Requests.Select(request => request.Action).Should().Equal("DescribeTable", "BatchWriteItem", "BatchWriteItem");
    }

    /// <summary>A table whose partition key is the string <c>id</c> (and sort key the number <paramref name="sortKey"/>), which writes whatever it is sent.</summary>
    [Test]
    public async Task A_table_whose_key_is_binary_is_refused_saying_plain_JSON_cannot_give_one()
    {
        var dynamoDb = new CannedDynamoDb(request => request.Action == "DescribeTable"
            ? CannedDynamoDb.Json(HttpStatusCode.OK, DescribeTable().Replace("\"AttributeType\":\"S\"", "\"AttributeType\":\"B\"", StringComparison.Ordinal))
            : throw new AssertionException($"Unexpected call: {request.Action}"));

        var answer = await TestFunction.Against(dynamoDb).Call("batchWrite", "lambda-apigateway", """{"Requests":[{"PutRequest":{"Item":{"id":"a"}}}]}""");

        answer.ErrorType.Should().Be("ValidationException");
        answer.ErrorMessage.Should().Be(
            "The provided key element does not match the schema: Requests[0].PutRequest.Item.id must be binary, which plain JSON cannot give, as the table declares it.");
    }

    [Test]
    public async Task After_DynamoDB_refuses_a_batch_s_keys_the_next_batch_asks_the_table_s_key_again()
    {
        // The key the function checked against was not the table's: it may have been recreated.
        var dynamoDb = new CannedDynamoDb(request => request.Action switch
        {
            "DescribeTable" => CannedDynamoDb.Json(HttpStatusCode.OK, DescribeTable()),
            "BatchWriteItem" => CannedDynamoDb.Json(HttpStatusCode.BadRequest,
                """{"__type":"com.amazonaws.dynamodb.v20120810#ValidationException","message":"The provided key element does not match the schema"}"""),
            _ => throw new AssertionException($"Unexpected call: {request.Action}"),
        });
        var function = TestFunction.Against(dynamoDb);

        var first = await function.Call("batchWrite", "lambda-apigateway", """{"Requests":[{"PutRequest":{"Item":{"id":"a"}}}]}""");
        await function.Call("batchWrite", "lambda-apigateway", """{"Requests":[{"PutRequest":{"Item":{"id":"b"}}}]}""");

        first.ErrorType.Should().Be("ValidationException");
        dynamoDb.Requests.Select(request => request.Action).Should().Equal("DescribeTable", "BatchWriteItem", "DescribeTable", "BatchWriteItem");
    }

    internal static CannedDynamoDb WithKey(string? sortKey = null) => new(request => request.Action switch
    {
        "DescribeTable" => CannedDynamoDb.Json(HttpStatusCode.OK, DescribeTable(sortKey)),
        "BatchWriteItem" => CannedDynamoDb.Json(HttpStatusCode.OK, """{"UnprocessedItems":{}}"""),
        _ => throw new AssertionException($"Unexpected call: {request.Action}"),
    });

    internal static string DescribeTable(string? sortKey = null) => sortKey is null
        ? """{"Table":{"TableName":"lambda-apigateway","KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],"AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}]}}"""
        : $$$"""{"Table":{"TableName":"lambda-apigateway","KeySchema":[{"AttributeName":"id","KeyType":"HASH"},{"AttributeName":"{{{sortKey}}}","KeyType":"RANGE"}],"AttributeDefinitions":[{"AttributeName":"{{{sortKey}}}","AttributeType":"N"},{"AttributeName":"id","AttributeType":"S"}]}}""";
}
