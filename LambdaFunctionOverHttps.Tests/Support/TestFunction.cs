using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using LambdaFunctionOverHttps.Configuration;
using LambdaFunctionOverHttps.Invocation;
using LambdaFunctionOverHttps.Logging;

namespace LambdaFunctionOverHttps.Tests.Support;

/// <summary>The core, wired as a host wires it, against dynalite or a canned DynamoDB.</summary>
internal sealed class TestFunction
{
    private readonly StringWriter _log = new();

    private TestFunction(FunctionSettings settings, HttpClientFactory? transport)
    {
        Invoker = Invoker.Create(settings, new FunctionLog(_log), new BasicAWSCredentials("test", "test"), transport);
    }

    public Invoker Invoker { get; }

    public string Log => _log.ToString();

    public static TestFunction Against(Uri dynamoDb, string? allowedTables = null, string? defaultTable = null, string? allowedOrigins = null) =>
        new(Settings(dynamoDb.ToString(), allowedTables, defaultTable, allowedOrigins), transport: null);

    public static TestFunction Against(CannedDynamoDb dynamoDb, string? allowedTables = null, string? defaultTable = null, string? allowedOrigins = null) =>
        new(Settings("http://127.0.0.1:9", allowedTables, defaultTable, allowedOrigins), dynamoDb);

    /// <summary>A function with these environment variables (RESOURCES, NEXT_TOKEN_SECRET, ALLOWED_TABLES…) besides the endpoint.</summary>
    public static TestFunction Against(Uri dynamoDb, IReadOnlyDictionary<string, string?> variables) =>
        new(FunctionSettings.FromVariables(name => name == "AWS_ENDPOINT_URL_DYNAMODB" ? dynamoDb.ToString() : variables.GetValueOrDefault(name)), transport: null);

    /// <inheritdoc cref="Against(Uri, IReadOnlyDictionary{string, string?})"/>
    public static TestFunction Against(CannedDynamoDb dynamoDb, IReadOnlyDictionary<string, string?> variables) =>
        new(FunctionSettings.FromVariables(name => name == "AWS_ENDPOINT_URL_DYNAMODB" ? "http://127.0.0.1:9" : variables.GetValueOrDefault(name)), dynamoDb);

    public async Task<Answer> InvokeAsync(string json, CancellationToken deadline = default)
    {
        var result = await Invoker.InvokeAsync(Encoding.UTF8.GetBytes(json), "test-request", deadline);
        return new Answer(result, Encoding.UTF8.GetString(result.Payload));
    }

    /// <summary>Invokes an envelope built from its three parts; <paramref name="payload"/> is JSON text.</summary>
    public Task<Answer> Call(string operation, string table, string payload) =>
        InvokeAsync($"{{\"operation\":\"{operation}\",\"tableName\":\"{table}\",\"payload\":{payload}}}");

    public Task<Answer> InvokeAsync(object envelope, CancellationToken deadline = default) =>
        InvokeAsync(JsonSerializer.Serialize(envelope), deadline);

    private static FunctionSettings Settings(string endpoint, string? allowedTables, string? defaultTable, string? allowedOrigins) =>
        FunctionSettings.FromVariables(name => name switch
        {
            "AWS_ENDPOINT_URL_DYNAMODB" => endpoint,
            "ALLOWED_TABLES" => allowedTables,
            "TABLE_NAME" => defaultTable,
            "ALLOWED_ORIGINS" => allowedOrigins,
            _ => null,
        });
}

/// <summary>What the function returned, with the JSON parsed for assertions.</summary>
internal sealed record Answer(InvocationResult Result, string Text)
{
    public JsonElement Json => JsonDocument.Parse(Text).RootElement;

    public bool IsFunctionError => Result.IsFunctionError;

    public string? ErrorType => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty("errorType", out var type) ? type.GetString() : null;

    public string? ErrorMessage => Json.TryGetProperty("errorMessage", out var message) ? message.GetString() : null;

    /// <summary>For a proxy response: the body, parsed.</summary>
    public JsonElement Body => JsonDocument.Parse(Json.GetProperty("body").GetString()!).RootElement;

    public int StatusCode => Json.GetProperty("statusCode").GetInt32();

    /// <summary>For a proxy response: a header, or null.</summary>
    public string? Header(string name) =>
        Json.GetProperty("headers").EnumerateObject().Where(header => header.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            .Select(header => header.Value.GetString()).FirstOrDefault();

    /// <summary>For a proxy response: the body's text.</summary>
    public string BodyText => Json.GetProperty("body").GetString()!;
}
