using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using LambdaFunctionOverHttps.DynamoDb;

// The bare-SDK floor of benchmarks/cold-start.sh: the client the function would build (same
// configuration, from the same AWS_ENDPOINT_URL_DYNAMODB), one GetItem, the item printed as JSON.
// Nothing else: no envelope, no Document Model, no log line.
//   usage: BareSdkRead <table> <id>      exits 0 when the item was found and printed, 1 when not
if (args is not [var table, var id])
{
    await Console.Error.WriteLineAsync("usage: BareSdkRead <table> <id>");
    return 2;
}

using var client = new AmazonDynamoDBClient(DynamoDbClientFactory.Configure(Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL_DYNAMODB")));
var response = await client.GetItemAsync(new GetItemRequest
{
    TableName = table,
    Key = new Dictionary<string, AttributeValue> { ["id"] = new() { S = id } },
});
if (response.Item is not { Count: > 0 } item)
{
    return 1;
}

await using var stdout = Console.OpenStandardOutput();
await using (var json = new Utf8JsonWriter(stdout))
{
    json.WriteStartObject();
    foreach (var (name, value) in item)
    {
        json.WritePropertyName(name);
        if (value.N is { } number)
        {
            json.WriteRawValue(number);
        }
        else
        {
            json.WriteStringValue(value.S);
        }
    }

    json.WriteEndObject();
}

stdout.WriteByte((byte)'\n');
return 0;
