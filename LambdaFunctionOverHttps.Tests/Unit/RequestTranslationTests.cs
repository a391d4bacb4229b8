using System.Text.Json;
using FluentAssertions;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Unit;

/// <summary>What reaches DynamoDB on the wire, and what comes back, through the real SDK pipeline.</summary>
public class RequestTranslationTests
{
    private const string ThirtyEightDigits = "12345678901234567890123456789012345678";

    [Test]
    public async Task An_empty_ExpressionAttributeNames_is_taken_as_none_and_not_sent()
    {
        // DynamoDB refuses an empty ExpressionAttributeNames; boto3 callers build it from a dict that may be empty.
        var dynamoDb = CannedDynamoDb.Answering("{}");

        var answer = await TestFunction.Against(dynamoDb).InvokeAsync(
            """{"operation":"read","tableName":"lambda-apigateway","payload":{"Key":{"id":"1"},"ExpressionAttributeNames":{}}}""");

        answer.IsFunctionError.Should().BeFalse(answer.Text);
        JsonDocument.Parse(dynamoDb.Requests.Last().Body).RootElement.TryGetProperty("ExpressionAttributeNames", out _).Should().BeFalse();
    }

    [Test]
    public async Task Create_sends_plain_JSON_as_typed_attributes_with_every_digit_and_empty_string()
    {
        var dynamoDb = CannedDynamoDb.Answering("{}");

        await TestFunction.Against(dynamoDb).InvokeAsync("""
            {"operation":"create","tableName":"lambda-apigateway","payload":{"Item":{
              "id":"a","big":@ThirtyEightDigits@,"small":-0.000000000000000000000000000000000000001,
              "empty":"","flag":false,"nothing":null,"list":[1,"two",[]],"map":{"inner":{"deep":""},"none":{}}},
              "ConditionExpression":"attribute_not_exists(#id)","ExpressionAttributeNames":{"#id":"id"},"ReturnValues":"ALL_OLD"}}
            """.Replace("@ThirtyEightDigits@", ThirtyEightDigits, StringComparison.Ordinal));

        var sent = Sent(dynamoDb, "PutItem");
        var item = sent.GetProperty("Item");
        item.GetProperty("big").GetProperty("N").GetString().Should().Be(ThirtyEightDigits);
        item.GetProperty("small").GetProperty("N").GetString().Should().Be("-0.000000000000000000000000000000000000001");
        item.GetProperty("empty").GetProperty("S").GetString().Should().BeEmpty();
        item.GetProperty("flag").GetProperty("BOOL").GetBoolean().Should().BeFalse();
        item.GetProperty("nothing").GetProperty("NULL").GetBoolean().Should().BeTrue();
        item.GetProperty("list").GetProperty("L").GetRawText().Should().Be("""[{"N":"1"},{"S":"two"},{"L":[]}]""");
        item.GetProperty("map").GetProperty("M").GetRawText().Should().Be("""{"inner":{"M":{"deep":{"S":""}}},"none":{"M":{}}}""");
        sent.GetProperty("ConditionExpression").GetString().Should().Be("attribute_not_exists(#id)");
        sent.GetProperty("ExpressionAttributeNames").GetRawText().Should().Be("""{"#id":"id"}""");
        sent.TryGetProperty("ExpressionAttributeValues", out _).Should().BeFalse("an empty map must not be sent");
        sent.GetProperty("ReturnValues").GetString().Should().Be("ALL_OLD");
    }

    [Test]
    public async Task Read_answers_with_boto3_keys_and_plain_values()
    {
        var dynamoDb = CannedDynamoDb.Answering("""
            {"Item":{"id":{"S":"a"},"big":{"N":"@ThirtyEightDigits@"},"tags":{"SS":["x","y"]},"scores":{"NS":["1.5","-2"]},
              "blob":{"B":"AQID"},"blobs":{"BS":["AQ=="]},"ok":{"BOOL":true},"gone":{"NULL":true},
              "list":{"L":[{"S":""},{"M":{"k":{"N":"0"}}}]}}}
            """.Replace("@ThirtyEightDigits@", ThirtyEightDigits, StringComparison.Ordinal));

        var answer = await TestFunction.Against(dynamoDb).InvokeAsync("""{"operation":"read","tableName":"lambda-apigateway","payload":{"Key":{"id":"a"},"ConsistentRead":true}}""");

        answer.Text.Should().Be("""
            {"Item":{"id":"a","big":@ThirtyEightDigits@,"tags":["x","y"],"scores":[1.5,-2],"blob":"AQID","blobs":["AQ=="],"ok":true,"gone":null,"list":["",{"k":0}]},"ResponseMetadata":{"RequestId":"CANNED-REQUEST-ID","HTTPStatusCode":200}}
            """.Replace("@ThirtyEightDigits@", ThirtyEightDigits, StringComparison.Ordinal));
        var sent = Sent(dynamoDb, "GetItem");
        sent.GetProperty("Key").GetRawText().Should().Be("""{"id":{"S":"a"}}""");
        sent.GetProperty("ConsistentRead").GetBoolean().Should().BeTrue();
    }

    [Test]
    public async Task Read_of_a_missing_item_returns_no_Item_key()
    {
        var answer = await TestFunction.Against(CannedDynamoDb.Answering("{}"))
            .InvokeAsync("""{"operation":"read","tableName":"lambda-apigateway","payload":{"Key":{"id":"nope"}}}""");

        answer.Text.Should().Be("""{"ResponseMetadata":{"RequestId":"CANNED-REQUEST-ID","HTTPStatusCode":200}}""");
    }

    [Test]
    public async Task Legacy_AttributeUpdates_become_one_equivalent_update_expression()
    {
        var dynamoDb = CannedDynamoDb.Answering("""{"Attributes":{"number":{"N":"16"}}}""");

        var answer = await TestFunction.Against(dynamoDb).InvokeAsync("""
            {"operation":"update","tableName":"lambda-apigateway","payload":{"Key":{"id":"a"},
              "AttributeUpdates":{"number":{"Value":16},"visits":{"Value":1,"Action":"ADD"},"stale":{"Action":"DELETE"},"name":{"Value":"x","Action":"PUT"}},
              "ReturnValues":"UPDATED_NEW"}}
            """);

        var sent = Sent(dynamoDb, "UpdateItem");
        sent.GetProperty("UpdateExpression").GetString().Should().Be("SET #u0 = :u0, #u3 = :u3 ADD #u1 :u1 REMOVE #u2");
        sent.GetProperty("ExpressionAttributeNames").GetRawText().Should().Be("""{"#u0":"number","#u1":"visits","#u2":"stale","#u3":"name"}""");
        sent.GetProperty("ExpressionAttributeValues").GetRawText().Should().Be("""{":u0":{"N":"16"},":u1":{"N":"1"},":u3":{"S":"x"}}""");
        sent.TryGetProperty("AttributeUpdates", out _).Should().BeFalse();
        answer.Json.GetProperty("Attributes").GetRawText().Should().Be("""{"number":16}""");
    }

    [Test]
    public async Task JSON_true_and_false_are_stored_as_BOOL_true_and_false_at_any_depth()
    {
        var dynamoDb = CannedDynamoDb.Answering("{}");

        await TestFunction.Against(dynamoDb).InvokeAsync("""
            {"operation":"create","tableName":"lambda-apigateway","payload":{"Item":{"id":"a","yes":true,"no":false,"both":[true,false],"map":{"on":true}}}}
            """);

        Sent(dynamoDb, "PutItem").GetProperty("Item").GetRawText().Should().Be("""
            {"id":{"S":"a"},"yes":{"BOOL":true},"no":{"BOOL":false},"both":{"L":[{"BOOL":true},{"BOOL":false}]},"map":{"M":{"on":{"BOOL":true}}}}
            """);
    }

    [TestCase("NONE")]
    [TestCase("ALL_OLD")]
    [TestCase("UPDATED_OLD")]
    [TestCase("ALL_NEW")]
    [TestCase("UPDATED_NEW")]
    public async Task Update_sends_each_of_the_five_ReturnValues_as_given(string returnValues)
    {
        var dynamoDb = CannedDynamoDb.Answering("{}");

        await TestFunction.Against(dynamoDb).Call("update", "lambda-apigateway", $$"""
            {"Key":{"id":"a"},"UpdateExpression":"SET v = :v","ExpressionAttributeValues":{":v":2},"ReturnValues":"{{returnValues}}"}
            """);

        Sent(dynamoDb, "UpdateItem").GetProperty("ReturnValues").GetString().Should().Be(returnValues);
    }

    [TestCase("NONE", null)]
    [TestCase("ALL_OLD", "ALL_OLD")]
    public async Task Create_and_delete_send_the_ReturnValues_they_take_NONE_as_DynamoDB_s_default(string returnValues, string? sent)
    {
        var puts = CannedDynamoDb.Answering("{}");
        var deletes = CannedDynamoDb.Answering("{}");

        await TestFunction.Against(puts).Call("create", "lambda-apigateway", $$"""{"Item":{"id":"a"},"ReturnValues":"{{returnValues}}"}""");
        await TestFunction.Against(deletes).Call("delete", "lambda-apigateway", $$"""{"Key":{"id":"a"},"ReturnValues":"{{returnValues}}"}""");

        foreach (var request in new[] { Sent(puts, "PutItem"), Sent(deletes, "DeleteItem") })
        {
            (request.TryGetProperty("ReturnValues", out var value) ? value.GetString() : null).Should().Be(sent);
        }
    }

    [Test]
    public async Task Legacy_AttributeUpdates_DELETE_with_a_Value_becomes_the_DELETE_clause_and_without_one_REMOVE()
    {
        var dynamoDb = CannedDynamoDb.Answering("{}");

        var answer = await TestFunction.Against(dynamoDb).Call("update", "lambda-apigateway", """
            {"Key":{"id":"a"},"AttributeUpdates":{"tags":{"Value":["old"],"Action":"DELETE"},"gone":{"Action":"DELETE"}}}
            """);

        answer.IsFunctionError.Should().BeFalse(answer.Text);
        var sent = Sent(dynamoDb, "UpdateItem");
        sent.GetProperty("UpdateExpression").GetString().Should().Be("REMOVE #u1 DELETE #u0 :u0");
        sent.GetProperty("ExpressionAttributeNames").GetRawText().Should().Be("""{"#u0":"tags","#u1":"gone"}""");
        sent.GetProperty("ExpressionAttributeValues").GetRawText().Should().Be("""{":u0":{"L":[{"S":"old"}]}}""");
    }

    [Test]
    public async Task Legacy_AttributeUpdates_with_two_of_each_action_join_each_clause_s_parts_with_commas()
    {
        var dynamoDb = CannedDynamoDb.Answering("{}");

        await TestFunction.Against(dynamoDb).Call("update", "lambda-apigateway", """
            {"Key":{"id":"a"},"AttributeUpdates":{
              "p1":{"Value":1},"p2":{"Value":2,"Action":"PUT"},"a1":{"Value":1,"Action":"ADD"},"a2":{"Value":2,"Action":"ADD"},
              "r1":{"Action":"DELETE"},"r2":{"Action":"DELETE"},"d1":{"Value":["x"],"Action":"DELETE"},"d2":{"Value":["y"],"Action":"DELETE"}}}
            """);

        Sent(dynamoDb, "UpdateItem").GetProperty("UpdateExpression").GetString()
            .Should().Be("SET #u0 = :u0, #u1 = :u1 ADD #u2 :u2, #u3 :u3 REMOVE #u4, #u5 DELETE #u6 :u6, #u7 :u7");
    }

    [Test]
    public async Task Legacy_AttributeUpdates_with_only_REMOVEs_send_no_values()
    {
        var dynamoDb = CannedDynamoDb.Answering("{}");

        await TestFunction.Against(dynamoDb).Call("update", "lambda-apigateway", """{"Key":{"id":"a"},"AttributeUpdates":{"a":{"Action":"DELETE"}}}""");

        var sent = Sent(dynamoDb, "UpdateItem");
        sent.GetProperty("UpdateExpression").GetString().Should().Be("REMOVE #u0");
        sent.TryGetProperty("ExpressionAttributeValues", out _).Should().BeFalse("DynamoDB refuses an empty ExpressionAttributeValues");
    }

    [Test]
    public async Task Legacy_AttributeUpdates_PUT_of_a_null_Value_sends_the_NULL_value()
    {
        var dynamoDb = CannedDynamoDb.Answering("{}");

        await TestFunction.Against(dynamoDb).Call("update", "lambda-apigateway", """{"Key":{"id":"a"},"AttributeUpdates":{"n":{"Value":null,"Action":"PUT"}}}""");

        var sent = Sent(dynamoDb, "UpdateItem");
        sent.GetProperty("UpdateExpression").GetString().Should().Be("SET #u0 = :u0");
        sent.GetProperty("ExpressionAttributeValues").GetRawText().Should().Be("""{":u0":{"NULL":true}}""");
    }

    [Test]
    public async Task Update_shares_one_set_of_names_and_values_between_its_expressions()
    {
        var dynamoDb = CannedDynamoDb.Answering("{}");

        await TestFunction.Against(dynamoDb).InvokeAsync("""
            {"operation":"update","tableName":"lambda-apigateway","payload":{"Key":{"id":"a"},
              "UpdateExpression":"SET #n = #n + :inc","ConditionExpression":"#n < :max",
              "ExpressionAttributeNames":{"#n":"number"},"ExpressionAttributeValues":{":inc":1,":max":100}}}
            """);

        var sent = Sent(dynamoDb, "UpdateItem");
        sent.GetProperty("UpdateExpression").GetString().Should().Be("SET #n = #n + :inc");
        sent.GetProperty("ConditionExpression").GetString().Should().Be("#n < :max");
        sent.GetProperty("ExpressionAttributeNames").GetRawText().Should().Be("""{"#n":"number"}""");
        sent.GetProperty("ExpressionAttributeValues").GetRawText().Should().Be("""{":inc":{"N":"1"},":max":{"N":"100"}}""");
    }

    [Test]
    public async Task List_sends_the_projection_as_a_projection_and_every_scan_parameter()
    {
        var dynamoDb = CannedDynamoDb.Answering("""{"Items":[{"id":{"S":"a"}}],"Count":1,"ScannedCount":7,"LastEvaluatedKey":{"id":{"S":"a"}}}""");

        var answer = await TestFunction.Against(dynamoDb).InvokeAsync("""
            {"operation":"list","tableName":"lambda-apigateway","payload":{"Limit":7,"ExclusiveStartKey":{"id":"0"},
              "FilterExpression":"#n > :min","ProjectionExpression":"id, #n","ExpressionAttributeNames":{"#n":"number"},
              "ExpressionAttributeValues":{":min":3},"Select":"SPECIFIC_ATTRIBUTES","Segment":1,"TotalSegments":4,
              "ConsistentRead":true,"IndexName":"by-number"}}
            """);

        Relaxed(Sent(dynamoDb, "Scan")).Should().Be("""
            {"ConsistentRead":true,"ExclusiveStartKey":{"id":{"S":"0"}},"ExpressionAttributeNames":{"#n":"number"},"ExpressionAttributeValues":{":min":{"N":"3"}},"FilterExpression":"#n > :min","IndexName":"by-number","Limit":7,"ProjectionExpression":"id, #n","ReturnConsumedCapacity":"TOTAL","Segment":1,"Select":"SPECIFIC_ATTRIBUTES","TableName":"lambda-apigateway","TotalSegments":4}
            """);
        answer.Text.Should().Be("""
            {"Items":[{"id":"a"}],"Count":1,"ScannedCount":7,"LastEvaluatedKey":{"id":"a"},"ResponseMetadata":{"RequestId":"CANNED-REQUEST-ID","HTTPStatusCode":200}}
            """);
    }

    [Test]
    public async Task Query_sends_every_query_parameter()
    {
        var dynamoDb = CannedDynamoDb.Answering("""{"Items":[],"Count":0,"ScannedCount":0}""");

        await TestFunction.Against(dynamoDb).InvokeAsync("""
            {"operation":"query","tableName":"lambda-apigateway","payload":{"KeyConditionExpression":"id = :id","IndexName":"by-number",
              "Select":"SPECIFIC_ATTRIBUTES","Limit":5,"ConsistentRead":true,"ScanIndexForward":false,"ExclusiveStartKey":{"id":"0"},
              "ProjectionExpression":"id, #n","FilterExpression":"#n > :min","ExpressionAttributeNames":{"#n":"number"},
              "ExpressionAttributeValues":{":id":"a",":min":3},"ReturnConsumedCapacity":"INDEXES"}}
            """);

        Relaxed(Sent(dynamoDb, "Query")).Should().Be("""
            {"ConsistentRead":true,"ExclusiveStartKey":{"id":{"S":"0"}},"ExpressionAttributeNames":{"#n":"number"},"ExpressionAttributeValues":{":id":{"S":"a"},":min":{"N":"3"}},"FilterExpression":"#n > :min","IndexName":"by-number","KeyConditionExpression":"id = :id","Limit":5,"ProjectionExpression":"id, #n","ReturnConsumedCapacity":"INDEXES","ScanIndexForward":false,"Select":"SPECIFIC_ATTRIBUTES","TableName":"lambda-apigateway"}
            """);
    }

    [Test]
    public async Task BatchRead_sends_the_projection_names_and_ConsistentRead_with_the_keys()
    {
        var dynamoDb = CannedDynamoDb.Answering("""{"Responses":{"lambda-apigateway":[]},"UnprocessedKeys":{}}""");

        await TestFunction.Against(dynamoDb).InvokeAsync("""
            {"operation":"batchRead","tableName":"lambda-apigateway","payload":{"Keys":[{"id":"a"}],"ProjectionExpression":"#n",
              "ExpressionAttributeNames":{"#n":"number"},"ConsistentRead":true}}
            """);

        Relaxed(Sent(dynamoDb, "BatchGetItem")).Should().Be("""
            {"RequestItems":{"lambda-apigateway":{"ConsistentRead":true,"ExpressionAttributeNames":{"#n":"number","#batchKey":"id"},"Keys":[{"id":{"S":"a"}}],"ProjectionExpression":"#n, #batchKey"}},"ReturnConsumedCapacity":"TOTAL"}
            """);
    }

    [Test]
    public async Task Empty_maps_DynamoDB_leaves_out_are_left_out_of_the_answer_when_an_SDK_hands_them_over()
    {
        // DynamoDB omits them; an SDK that makes empty collections (AWSConfigs.InitializeCollections) gives them empty.
        var dynamoDb = CannedDynamoDb.Answering("""
            {"Items":[],"Count":0,"ScannedCount":0,"LastEvaluatedKey":{},
             "ConsumedCapacity":{"TableName":"lambda-apigateway","CapacityUnits":1,"GlobalSecondaryIndexes":{},"LocalSecondaryIndexes":{}}}
            """);

        var answer = await TestFunction.Against(dynamoDb).Call("list", "lambda-apigateway", """{"ReturnConsumedCapacity":"INDEXES"}""");

        answer.Text.Should().Be("""
            {"Items":[],"Count":0,"ScannedCount":0,"ConsumedCapacity":{"TableName":"lambda-apigateway","CapacityUnits":1},"ResponseMetadata":{"RequestId":"CANNED-REQUEST-ID","HTTPStatusCode":200}}
            """);
    }

    [Test]
    public async Task List_with_Select_COUNT_has_no_Items_key()
    {
        var answer = await TestFunction.Against(CannedDynamoDb.Answering("""{"Count":3,"ScannedCount":3}"""))
            .InvokeAsync("""{"operation":"list","tableName":"lambda-apigateway","payload":{"Select":"COUNT"}}""");

        answer.Text.Should().Be("""{"Count":3,"ScannedCount":3,"ResponseMetadata":{"RequestId":"CANNED-REQUEST-ID","HTTPStatusCode":200}}""");
    }

    [Test]
    public async Task Delete_returns_the_old_attributes_when_asked()
    {
        var dynamoDb = CannedDynamoDb.Answering("""{"Attributes":{"id":{"S":"a"},"n":{"N":"5"}}}""");

        var answer = await TestFunction.Against(dynamoDb).InvokeAsync("""
            {"operation":"delete","tableName":"lambda-apigateway","payload":{"Key":{"id":"a"},"ReturnValues":"ALL_OLD",
              "ConditionExpression":"n = :five","ExpressionAttributeValues":{":five":5}}}
            """);

        answer.Json.GetProperty("Attributes").GetRawText().Should().Be("""{"id":"a","n":5}""");
        var sent = Sent(dynamoDb, "DeleteItem");
        sent.GetProperty("ConditionExpression").GetString().Should().Be("n = :five");
        sent.GetProperty("ExpressionAttributeValues").GetRawText().Should().Be("""{":five":{"N":"5"}}""");
    }

    // The SDK escapes '>' as \u003E; compare the JSON, not its escaping.
    private static readonly JsonSerializerOptions RelaxedEscaping = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Relaxed(JsonElement element) => JsonSerializer.Serialize(element, RelaxedEscaping);

    private static JsonElement Sent(CannedDynamoDb dynamoDb, string action)
    {
        var request = dynamoDb.Requests.Should().ContainSingle().Subject;
        request.Action.Should().Be(action);
        return JsonDocument.Parse(request.Body).RootElement;
    }
}
