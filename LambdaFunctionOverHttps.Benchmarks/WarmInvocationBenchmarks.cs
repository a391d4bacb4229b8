using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DocumentModel;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using BenchmarkDotNet.Attributes;
using LambdaFunctionOverHttps.Configuration;
using LambdaFunctionOverHttps.DynamoDb;
using LambdaFunctionOverHttps.Invocation;
using LambdaFunctionOverHttps.Logging;

namespace LambdaFunctionOverHttps.Benchmarks;

/// <summary>
/// The handler's own cost per warm invocation. <see cref="BareGetItem"/> is the baseline: the same
/// GetItem through the same SDK pipeline and canned transport with none of our code around it.
/// </summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet's [GlobalCleanup] disposes the client.")]
public class WarmInvocationBenchmarks
{
    private const string Item = """{"Item":{"id":{"S":"1234ABCD"},"number":{"N":"16"},"name":{"S":"Ada Lovelace"},"tags":{"SS":["a","b"]},"address":{"M":{"city":{"S":"London"},"zip":{"S":"W1"}}}}}""";

    private static readonly byte[] ReadEvent = Encoding.UTF8.GetBytes("""{"operation":"read","tableName":"lambda-apigateway","payload":{"Key":{"id":"1234ABCD"}}}""");
    private static readonly byte[] ReadProxyEvent = Encoding.UTF8.GetBytes(
        """{"resource":"/dynamodbmanager","httpMethod":"POST","requestContext":{"stage":"Prod"},"body":"{\"operation\":\"read\",\"tableName\":\"lambda-apigateway\",\"payload\":{\"Key\":{\"id\":\"1234ABCD\"}}}","isBase64Encoded":false}""");
    private static readonly byte[] PingEvent = Encoding.UTF8.GetBytes("""{"operation":"ping"}""");
    private static readonly byte[] EchoEvent = Encoding.UTF8.GetBytes(
        """{"operation":"echo","payload":{"text":"TEXT","n":1}}""".Replace("TEXT", new string('x', 1000), StringComparison.Ordinal));

    private AmazonDynamoDBClient _bareClient = null!;
    private Invoker _invoker = null!;
    private Table _table = null!;

    [GlobalSetup]
    public void SetUp()
    {
        var credentials = new BasicAWSCredentials("benchmark", "benchmark");
        var transport = new CannedTransport(Encoding.UTF8.GetBytes(Item));
        // The plain SDK client with the function's configuration: none of our code on its path.
        _bareClient = new AmazonDynamoDBClient(credentials, DynamoDbClientFactory.Configure("http://127.0.0.1:9", transport));
        var settings = FunctionSettings.FromVariables(name => name == "AWS_ENDPOINT_URL_DYNAMODB" ? "http://127.0.0.1:9" : null);
        _invoker = Invoker.Create(settings, new FunctionLog(TextWriter.Null), credentials, transport);
        _table = new TableBuilder(_bareClient, "lambda-apigateway", DynamoDBEntryConversion.V2, true, null)
            .AddHashKey("id", DynamoDBEntryType.String).Build();
    }

    [GlobalCleanup]
    public void CleanUp() => _bareClient.Dispose();

    // Each benchmark awaits and returns a size, so both sides pay for one async state machine.
    [Benchmark(Baseline = true)]
    public async Task<int> BareGetItem() => (await _bareClient.GetItemAsync(new GetItemRequest
    {
        TableName = "lambda-apigateway",
        Key = new Dictionary<string, AttributeValue> { ["id"] = new() { S = "1234ABCD" } },
    })).Item.Count;

    // The Document Model's own share: the same GetItem through a ready Table, none of our code.
    [Benchmark]
    public async Task<int> DocumentModelGetItem() => (await _table.GetItemAsync(new GetItemDocumentOperationRequest
    {
        Key = new Dictionary<string, DynamoDBEntry> { ["id"] = "1234ABCD" },
    }))!.Count;

    [Benchmark]
    public async Task<int> Read() => (await _invoker.InvokeAsync(ReadEvent, "benchmark", CancellationToken.None)).Payload.Length;

    [Benchmark]
    public async Task<int> ReadThroughApiGatewayProxy() => (await _invoker.InvokeAsync(ReadProxyEvent, "benchmark", CancellationToken.None)).Payload.Length;

    [Benchmark]
    public async Task<int> Ping() => (await _invoker.InvokeAsync(PingEvent, "benchmark", CancellationToken.None)).Payload.Length;

    [Benchmark]
    public async Task<int> Echo1KB() => (await _invoker.InvokeAsync(EchoEvent, "benchmark", CancellationToken.None)).Payload.Length;
}
