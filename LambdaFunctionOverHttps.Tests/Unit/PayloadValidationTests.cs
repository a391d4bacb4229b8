using FluentAssertions;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Unit;

/// <summary>Every refusal here happens before DynamoDB is called, as boto3's parameter validation does.</summary>
public class PayloadValidationTests
{
    private static readonly CannedDynamoDb NeverCalled = new(request => throw new AssertionException($"DynamoDB was called: {request.Action}"));

    [TestCase("create", "Item, ConditionExpression, ExpressionAttributeNames, ExpressionAttributeValues, Expected, ConditionalOperator, ReturnValues, ReturnValuesOnConditionCheckFailure, ReturnConsumedCapacity")]
    [TestCase("read", "Key, ProjectionExpression, ExpressionAttributeNames, ConsistentRead, ReturnConsumedCapacity")]
    [TestCase("update", "Key, UpdateExpression, AttributeUpdates, ConditionExpression, ExpressionAttributeNames, ExpressionAttributeValues, Expected, ConditionalOperator, ReturnValues, ReturnValuesOnConditionCheckFailure, ReturnConsumedCapacity")]
    [TestCase("delete", "Key, ConditionExpression, ExpressionAttributeNames, ExpressionAttributeValues, Expected, ConditionalOperator, ReturnValues, ReturnValuesOnConditionCheckFailure, ReturnConsumedCapacity")]
    [TestCase("list", "Limit, ExclusiveStartKey, FilterExpression, ProjectionExpression, ExpressionAttributeNames, ExpressionAttributeValues, Select, Segment, TotalSegments, ConsistentRead, IndexName, ReturnConsumedCapacity")]
    [TestCase("query", "KeyConditionExpression, IndexName, Select, Limit, ConsistentRead, ScanIndexForward, ExclusiveStartKey, ProjectionExpression, FilterExpression, ExpressionAttributeNames, ExpressionAttributeValues, ReturnConsumedCapacity")]
    public async Task An_unknown_payload_key_is_named_with_the_allowed_ones(string operation, string allowed)
    {
        var answer = await Invoke(operation, """{"Key":{"id":"1"},"Item":{"id":"1"},"TableName":"other"}""");

        answer.ErrorType.Should().Be("InvalidRequest");
        answer.ErrorMessage.Should().Be($"Unknown parameter in payload: \"{(operation is "create" ? "Key" : operation is "list" or "query" ? "Key" : "Item")}\", must be one of: {allowed}.");
    }

    [TestCase("create", """{}""", "Missing required parameter in payload: \"Item\".")]
    [TestCase("create", """{"Item":{}}""", "Missing required parameter in payload: \"Item\".")]
    [TestCase("read", """{}""", "Missing required parameter in payload: \"Key\".")]
    [TestCase("delete", """{"ReturnValues":"ALL_OLD"}""", "Missing required parameter in payload: \"Key\".")]
    [TestCase("update", """{"Key":{"id":"1"}}""", "Missing required parameter in payload: \"UpdateExpression\" (or the legacy \"AttributeUpdates\").")]
    [TestCase("query", """{"ExpressionAttributeValues":{":id":"1"},"Limit":5}""", "Missing required parameter in payload: \"KeyConditionExpression\".")]
    public async Task A_missing_required_parameter_is_named(string operation, string payload, string message)
    {
        var answer = await Invoke(operation, payload);

        answer.ErrorType.Should().Be("InvalidRequest");
        answer.ErrorMessage.Should().Be(message);
    }

    [TestCase("read", null, "Missing required field \"payload\"")]
    [TestCase("read", "[]", "Invalid type for \"payload\": expected an object, got an array")]
    [TestCase("create", "\"x\"", "Invalid type for \"payload\": expected an object, got a string")]
    [TestCase("read", """{"Key":"1"}""", "Invalid type for parameter Key: expected an object, got a string")]
    [TestCase("read", """{"Key":{"id":"1"},"ConsistentRead":"yes"}""", "Invalid type for parameter ConsistentRead: expected true or false, got a string")]
    [TestCase("read", """{"Key":{"id":"1","sk":2,"extra":3}}""", "a key is the partition key and at most one sort key, got 3 attributes")]
    [TestCase("read", """{"Key":{"id":true}}""", "Invalid type for parameter Key.id: key attributes are strings or numbers")]
    [TestCase("read", """{"Key":{"":"x"}}""", "Invalid value for parameter Key: attribute names must not be empty")]
    [TestCase("create", """{"Item":{"id":"x","":1}}""", "Invalid value for parameter Item: attribute names must not be empty")]
    [TestCase("read", """{"Key":{"id":"1"},"ExpressionAttributeNames":{"#n":"name"}}""", "can only be given with an expression parameter")]
    [TestCase("read", """{"Key":{"id":"1"},"ProjectionExpression":"#n","ExpressionAttributeNames":{"#n":5}}""", "Invalid type for parameter ExpressionAttributeNames.#n: expected a string, got a number")]
    [TestCase("list", """{"Limit":1.5}""", "Invalid value for parameter Limit: expected an integer")]
    [TestCase("list", """{"Limit":"10"}""", "Invalid type for parameter Limit: expected an integer, got a string")]
    [TestCase("list", """{"Select":"EVERYTHING"}""", "Invalid value for parameter Select: \"EVERYTHING\", must be one of: ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES, SPECIFIC_ATTRIBUTES, COUNT")]
    [TestCase("list", """{"ExpressionAttributeValues":{":v":1}}""", "can only be given with an expression parameter")]
    [TestCase("create", """{"Item":{"id":"1"},"ReturnValues":"all_old"}""", "Invalid value for parameter ReturnValues: \"all_old\", must be one of: NONE, ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATED_NEW")]
    [TestCase("update", """{"Key":{"id":"1"},"AttributeUpdates":{"n":{"Value":1}},"UpdateExpression":"SET a = :a"}""", "AttributeUpdates cannot be combined with UpdateExpression")]
    [TestCase("update", """{"Key":{"id":"1"},"AttributeUpdates":{"n":{"Value":1,"Action":"INCREMENT"}}}""", "Invalid value for parameter AttributeUpdates.n.Action: must be one of: PUT, ADD, DELETE")]
    [TestCase("update", """{"Key":{"id":"1"},"AttributeUpdates":{"n":{"Action":"PUT"}}}""", "PUT needs a Value; only DELETE may omit it")]
    [TestCase("update", """{"Key":{"id":"1"},"AttributeUpdates":{"n":{"Value":1,"Exists":true}}}""", "Unknown parameter in AttributeUpdates.n: \"Exists\", must be one of: Value, Action")]
    [TestCase("update", """{"Key":{"id":"1"},"AttributeUpdates":{"n":16}}""", "Invalid type for parameter AttributeUpdates.n: expected an object like {\"Value\": 16, \"Action\": \"PUT\"}.")]
    [TestCase("update", """{"Key":{"id":"1"},"AttributeUpdates":{"n":{"Value":1,"Action":"ADD"},"m":"x"}}""", "Invalid type for parameter AttributeUpdates.m: expected an object like")]
    [TestCase("update", """{"Key":{"id":"1"},"AttributeUpdates":{"n":{"Value":1,"Action":7}}}""", "Invalid value for parameter AttributeUpdates.n.Action: must be one of: PUT, ADD, DELETE")]
    [TestCase("update", """{"Key":{"id":"1"},"AttributeUpdates":{"n":{"Action":"ADD"}}}""", "Invalid value for parameter AttributeUpdates.n: ADD needs a Value; only DELETE may omit it.")]
    [TestCase("update", """{"Key":{"id":"1"},"AttributeUpdates":{}}""", "name at least one attribute to update")]
    [TestCase("query", null, "Missing required field \"payload\"")]
    [TestCase("query", """{"KeyConditionExpression":"id = :id","ExpressionAttributeValues":{":id":"1"},"ScanIndexForward":"false"}""", "Invalid type for parameter ScanIndexForward: expected true or false, got a string")]
    [TestCase("query", """{"KeyConditionExpression":"id = :id","ExpressionAttributeValues":{":id":"1"},"Select":"count"}""", "Invalid value for parameter Select: \"count\", must be one of: ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES, SPECIFIC_ATTRIBUTES, COUNT")]
    [TestCase("query", """{"KeyConditionExpression":"id = :id","ExpressionAttributeValues":{":id":"1"},"ExclusiveStartKey":[1]}""", "Invalid type for parameter ExclusiveStartKey: expected an object, got an array")]
    [TestCase("query", """{"KeyConditionExpression":5}""", "Invalid type for parameter KeyConditionExpression: expected a string, got a number")]
    [TestCase("list", """{"ExpressionAttributeNames":{"#n":"a"},"ExpressionAttributeValues":{":v":1}}""", "can only be given with an expression parameter")]
    [TestCase("read", """{"Key":{"id":"1"},"ProjectionExpression":"#n","ExpressionAttributeNames":[1]}""", "Invalid type for parameter ExpressionAttributeNames: expected an object of strings, got an array")]
    [TestCase("update", """{"Key":{"id":"1"},"AttributeUpdates":{"n":{"Value":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}}}""", "Invalid value for parameter AttributeUpdates.n.Value: attribute values nest more than 32 levels deep")]
    [TestCase("delete", """{"Key":{"id":"1"},"Expected":{"n":{"Value":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}}}""", "Invalid value for parameter Expected.n.Value: attribute values nest more than 32 levels deep")]
    [TestCase("delete", """{"Key":{"id":"1"},"Expected":{"n":{"ComparisonOperator":"IN","AttributeValueList":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}}}""", "Invalid value for parameter Expected.n.AttributeValueList: attribute values nest more than 32 levels deep")]
    public async Task An_ill_typed_payload_is_refused_with_the_reason(string operation, string? payload, string message)
    {
        var answer = await Invoke(operation, payload);

        answer.IsFunctionError.Should().BeTrue();
        answer.ErrorType.Should().Be("InvalidRequest");
        answer.ErrorMessage.Should().Contain(message);
    }

    [TestCase(32, false)]
    [TestCase(33, true)]
    public async Task Values_may_nest_32_levels_as_in_DynamoDB_and_no_deeper(int levels, bool refused)
    {
        var dynamoDb = CannedDynamoDb.Answering("{}");
        var nested = new string('[', levels) + new string(']', levels);

        var answer = await TestFunction.Against(dynamoDb).InvokeAsync(
            "{\"operation\":\"create\",\"tableName\":\"lambda-apigateway\",\"payload\":{\"Item\":{\"id\":\"1\",\"deep\":" + nested + "}}}");

        answer.IsFunctionError.Should().Be(refused, answer.Text);
        if (refused)
        {
            answer.ErrorMessage.Should().Contain("nest more than 32 levels");
            dynamoDb.Requests.Should().BeEmpty();
        }
    }

    [TestCase("[1,NESTED]")]
    [TestCase("[NESTED,1]")]
    [TestCase("{\"a\":1,\"b\":NESTED}")]
    [TestCase("[[],{\"m\":NESTED},\"s\"]")]
    public async Task A_value_too_deep_beside_a_scalar_is_still_refused(string shape)
    {
        var dynamoDb = CannedDynamoDb.Answering("{}");
        var deep = shape.Replace("NESTED", new string('[', 32) + new string(']', 32), StringComparison.Ordinal);

        var answer = await TestFunction.Against(dynamoDb).InvokeAsync(
            "{\"operation\":\"create\",\"tableName\":\"lambda-apigateway\",\"payload\":{\"Item\":{\"id\":\"1\",\"deep\":" + deep + "}}}");

        answer.ErrorMessage.Should().Be("Invalid value for parameter Item: attribute values nest more than 32 levels deep, DynamoDB's limit.",
            "the deepest branch counts, however shallow the others are");
        dynamoDb.Requests.Should().BeEmpty();
    }

    [TestCase("update", "\"AttributeUpdates\":{\"deep\":{\"Value\":[1,NESTED],\"Action\":\"PUT\"}}")]
    [TestCase("delete", "\"Expected\":{\"deep\":{\"Value\":{\"a\":1,\"b\":NESTED}}}")]
    public async Task A_legacy_value_too_deep_beside_a_scalar_is_still_refused(string operation, string legacy)
    {
        var dynamoDb = CannedDynamoDb.Answering("{}");
        var nested = new string('[', 32) + new string(']', 32);

        var answer = await TestFunction.Against(dynamoDb).InvokeAsync(
            $"{{\"operation\":\"{operation}\",\"tableName\":\"lambda-apigateway\",\"payload\":{{\"Key\":{{\"id\":\"1\"}},{legacy.Replace("NESTED", nested, StringComparison.Ordinal)}}}}}");

        answer.ErrorMessage.Should().Contain("nest more than 32 levels");
        dynamoDb.Requests.Should().BeEmpty();
    }

    [TestCase("update", "\"AttributeUpdates\":{\"deep\":{\"Value\":NESTED,\"Action\":\"PUT\"}}", 32, false)]
    [TestCase("update", "\"AttributeUpdates\":{\"deep\":{\"Value\":NESTED,\"Action\":\"PUT\"}}", 33, true)]
    [TestCase("delete", "\"Expected\":{\"deep\":{\"Value\":NESTED}}", 32, false)]
    [TestCase("delete", "\"Expected\":{\"deep\":{\"Value\":NESTED}}", 33, true)]
    [TestCase("delete", "\"Expected\":{\"deep\":{\"ComparisonOperator\":\"EQ\",\"AttributeValueList\":[NESTED]}}", 33, true)]
    public async Task A_legacy_form_s_values_are_held_to_the_same_32_levels(string operation, string legacy, int levels, bool refused)
    {
        var dynamoDb = CannedDynamoDb.Answering("{}");
        var nested = new string('[', levels) + new string(']', levels);

        var answer = await TestFunction.Against(dynamoDb).InvokeAsync(
            $"{{\"operation\":\"{operation}\",\"tableName\":\"lambda-apigateway\",\"payload\":{{\"Key\":{{\"id\":\"1\"}},{legacy.Replace("NESTED", nested, StringComparison.Ordinal)}}}}}");

        answer.IsFunctionError.Should().Be(refused, answer.Text);
        if (refused)
        {
            answer.ErrorMessage.Should().Contain("nest more than 32 levels");
            dynamoDb.Requests.Should().BeEmpty("a request DynamoDB in AWS would refuse must not work against dynalite, which does not check");
        }
    }

    [Test]
    public async Task An_item_certainly_over_400_KB_is_refused_as_DynamoDB_would_without_sending_it()
    {
        var dynamoDb = CannedDynamoDb.Answering("{}");
        var big = new string('x', 401 * 1024);

        var answer = await TestFunction.Against(dynamoDb).InvokeAsync(
            "{\"operation\":\"create\",\"tableName\":\"lambda-apigateway\",\"payload\":{\"Item\":{\"id\":\"1\",\"blob\":\"" + big + "\"}}}");

        answer.ErrorType.Should().Be("ValidationException");
        answer.Result.Outcome.StatusCode.Should().Be(400);
        answer.ErrorMessage.Should().Be("Item size has exceeded the maximum allowed size");
        dynamoDb.Requests.Should().BeEmpty();
    }

    // {"id":"1","s":"xx…"}: the names (2 + 1 bytes) and the strings (1 + n bytes) are all there is to count.
    [TestCase(400 * 1024, false)]
    [TestCase(400 * 1024 + 1, true)]
    public async Task An_item_of_exactly_400_KB_of_names_and_strings_is_sent_and_one_byte_more_is_refused(int itemBytes, bool refused)
    {
        var dynamoDb = CannedDynamoDb.Answering("{}");
        var text = new string('x', itemBytes - 4);

        var answer = await TestFunction.Against(dynamoDb).Call("create", "lambda-apigateway", "{\"Item\":{\"id\":\"1\",\"s\":\"" + text + "\"}}");

        answer.IsFunctionError.Should().Be(refused);
        dynamoDb.Requests.Should().HaveCount(refused ? 0 : 1);
    }

    [TestCase("[\"TEXT\",\"TEXT\"]")]
    [TestCase("{\"a\":\"TEXT\",\"b\":\"TEXT\"}")]
    [TestCase("[{\"a\":[\"TEXT\"]},{\"b\":\"TEXT\"}]")]
    public async Task Text_inside_lists_and_maps_counts_toward_400_KB_every_piece_of_it(string value)
    {
        // Two pieces of 205 KB: each is under 400 KB, together they are over.
        var dynamoDb = CannedDynamoDb.Answering("{}");

        var answer = await TestFunction.Against(dynamoDb).Call("create", "lambda-apigateway",
            "{\"Item\":{\"id\":\"1\",\"v\":" + value.Replace("TEXT", new string('x', 205 * 1024), StringComparison.Ordinal) + "}}");

        answer.ErrorMessage.Should().Be("Item size has exceeded the maximum allowed size");
        dynamoDb.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task A_number_counts_about_a_byte_per_two_digits_toward_400_KB_as_in_DynamoDB_not_a_byte_per_digit()
    {
        // 300,000 bytes of text and 4,000 numbers of 38 digits: about 380 KB as DynamoDB counts numbers
        // (20 bytes each), so DynamoDB takes it; counted a byte per digit or more it would be over.
        var dynamoDb = CannedDynamoDb.Answering("{}");
        var numbers = string.Join(",", Enumerable.Repeat("12345678901234567890123456789012345678", 4_000));

        var answer = await TestFunction.Against(dynamoDb).Call("create", "lambda-apigateway",
            "{\"Item\":{\"id\":\"1\",\"s\":\"" + new string('x', 300_000) + "\",\"n\":[" + numbers + "]}}");

        answer.IsFunctionError.Should().BeFalse(answer.Text);
        dynamoDb.Requests.Should().ContainSingle();
    }

    [Test]
    public async Task A_number_counts_at_least_one_byte_toward_400_KB()
    {
        // Names and text make exactly 400 KB; the number 1 takes the item over (DynamoDB counts it as 2 bytes).
        var dynamoDb = CannedDynamoDb.Answering("{}");

        var answer = await TestFunction.Against(dynamoDb).Call("create", "lambda-apigateway",
            "{\"Item\":{\"id\":\"1\",\"s\":\"" + new string('x', (400 * 1024) - 5) + "\",\"n\":1}}");

        answer.ErrorMessage.Should().Be("Item size has exceeded the maximum allowed size");
        dynamoDb.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task List_without_a_payload_scans_the_whole_table()
    {
        var dynamoDb = CannedDynamoDb.Answering("""{"Items":[],"Count":0,"ScannedCount":0}""");

        var answer = await TestFunction.Against(dynamoDb).InvokeAsync("""{"operation":"list","tableName":"lambda-apigateway"}""");

        answer.IsFunctionError.Should().BeFalse(answer.Text);
        dynamoDb.Requests.Single().Body.Should().Be("""{"ReturnConsumedCapacity":"TOTAL","TableName":"lambda-apigateway"}""", "capacity is always asked for, for the metrics");
    }

    private static Task<Answer> Invoke(string operation, string? payload)
    {
        var payloadField = payload is null ? "" : $",\"payload\":{payload}";
        return TestFunction.Against(NeverCalled).InvokeAsync($"{{\"operation\":\"{operation}\",\"tableName\":\"lambda-apigateway\"{payloadField}}}");
    }
}
