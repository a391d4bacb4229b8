using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using LambdaFunctionOverHttps.DynamoDb;

namespace LambdaFunctionOverHttps.Benchmarks;

/// <summary>
/// The driver of <c>benchmarks/batches.sh</c>: 1,000 items written with one <c>batchWrite</c> and
/// read back with one <c>batchRead</c> through the local stack's API, against the same work done
/// with the SDK's low-level client as 1,000 PutItem and 1,000 GetItem calls in a loop, straight to
/// the stack's DynamoDB. The four are interleaved, one of each per round; each prints its wall time.
/// </summary>
/// <remarks>usage: batches --url http://127.0.0.1:PORT/dynamodbmanager --dynamodb http://127.0.0.1:PORT [--rounds 5] [--items 1000]</remarks>
internal static class BatchComparison
{
    private const string Table = "lambda-apigateway";

    private const string Note = "a benchmark item of about a hundred bytes, as a small record would be";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = args.Chunk(2).Where(pair => pair.Length == 2).ToDictionary(pair => pair[0], pair => pair[1]);
        if (!options.TryGetValue("--url", out var url) || !options.TryGetValue("--dynamodb", out var endpoint))
        {
            await Console.Error.WriteLineAsync("usage: batches --url API_URL --dynamodb ENDPOINT [--rounds N] [--items N]");
            return 2;
        }

        var rounds = int.Parse(options.GetValueOrDefault("--rounds", "5"), CultureInfo.InvariantCulture);
        var count = int.Parse(options.GetValueOrDefault("--items", "1000"), CultureInfo.InvariantCulture);
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromMinutes(2) };
        using var client = new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"), DynamoDbClientFactory.Configure(endpoint));

        // One unmeasured round first: the JIT, connections and the table's first writes.
        for (var round = 0; round <= rounds; round++)
        {
            var batchIds = Ids($"batch-{round}", count);
            var loopIds = Ids($"loop-{round}", count);
            var write = await TimeAsync(() => PostAsync(http, url, "batchWrite", Requests(batchIds), "UnprocessedItems", 0));
            var puts = await TimeAsync(async () =>
            {
                foreach (var id in loopIds)
                {
                    await client.PutItemAsync(new PutItemRequest { TableName = Table, Item = Item(id) });
                }
            });
            var read = await TimeAsync(() => PostAsync(http, url, "batchRead", Keys(batchIds), "Items", count));
            var gets = await TimeAsync(async () =>
            {
                foreach (var id in loopIds)
                {
                    var item = await client.GetItemAsync(new GetItemRequest { TableName = Table, Key = new() { ["id"] = new AttributeValue { S = id } } });
                    if (item.Item is not { Count: > 0 })
                    {
                        throw new InvalidOperationException($"GetItem found no {id}.");
                    }
                }
            });
            if (round > 0)
            {
                Console.WriteLine(FormattableString.Invariant(
                    $"round {round} batchWrite_ms {write:0.0} putItem_loop_ms {puts:0.0} batchRead_ms {read:0.0} getItem_loop_ms {gets:0.0}"));
            }
        }

        return 0;
    }

    private static List<string> Ids(string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(i => FormattableString.Invariant($"bench-{prefix}-{i:D5}"))];

    private static Dictionary<string, AttributeValue> Item(string id) => new()
    {
        ["id"] = new AttributeValue { S = id },
        ["number"] = new AttributeValue { N = "5" },
        ["note"] = new AttributeValue { S = Note },
    };

    private static string Requests(List<string> ids) => Json(writer =>
    {
        writer.WriteStartArray("Requests");
        foreach (var id in ids)
        {
            writer.WriteStartObject();
            writer.WriteStartObject("PutRequest");
            writer.WriteStartObject("Item");
            writer.WriteString("id", id);
            writer.WriteNumber("number", 5);
            writer.WriteString("note", Note);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    });

    private static string Keys(List<string> ids) => Json(writer =>
    {
        writer.WriteStartArray("Keys");
        foreach (var id in ids)
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    });

    private static string Json(Action<Utf8JsonWriter> writeMembers)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeMembers(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static async Task PostAsync(HttpClient http, string url, string operation, string payload, string listName, int expected)
    {
        var envelope = $"{{\"operation\":\"{operation}\",\"tableName\":\"{Table}\",\"payload\":{payload}}}";
        using var response = await http.PostAsync(url, new StringContent(envelope, Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        using var answer = JsonDocument.Parse(body);
        if (!response.IsSuccessStatusCode || answer.RootElement.GetProperty(listName).GetArrayLength() != expected)
        {
            throw new InvalidOperationException($"{operation} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 500)]}");
        }
    }

    private static async Task<double> TimeAsync(Func<Task> work)
    {
        var started = Stopwatch.GetTimestamp();
        await work();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}
