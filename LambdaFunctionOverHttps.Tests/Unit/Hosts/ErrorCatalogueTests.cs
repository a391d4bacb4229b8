using System.Net;
using System.Reflection;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using FluentAssertions;
using LambdaFunctionOverHttps.Configuration;
using LambdaFunctionOverHttps.DynamoDb;
using LambdaFunctionOverHttps.Errors;
using LambdaFunctionOverHttps.Hosts.CustomRuntime;
using LambdaFunctionOverHttps.Hosts.ManagedRuntime;
using LambdaFunctionOverHttps.Invocation;
using LambdaFunctionOverHttps.Logging;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Unit.Hosts;

/// <summary>
/// Every error type the function answers is in the catalogue, and the managed runtime reports it
/// (the thrown exception's class name and message) exactly as the custom runtime does (the error
/// type and message it posts to the Runtime API): DynamoDB's codes, walked from the SDK's exception
/// types, and the kinds of our own, each produced by a real failure.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class ErrorCatalogueTests
{
    private const string Read = """{"operation":"read","tableName":"lambda-apigateway","payload":{"Key":{"id":"a"}}}""";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly BasicAWSCredentials Credentials = new("test", "test");

    /// <summary>The SDK models one exception type per DynamoDB error code. Walked here, by reflection, because the function cannot (Native AOT).</summary>
    public static IEnumerable<Type> SdkExceptionTypes() =>
        typeof(AmazonDynamoDBException).Assembly.GetTypes()
            .Where(type => type.IsSubclassOf(typeof(AmazonDynamoDBException)))
            .OrderBy(type => type.Name, StringComparer.Ordinal);

    /// <summary>The kinds of our own: <see cref="ErrorKind"/>'s static fields.</summary>
    internal static IEnumerable<ErrorKind> OwnKinds() =>
        typeof(ErrorKind).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.FieldType == typeof(ErrorKind))
            .Select(field => (ErrorKind)field.GetValue(null)!);

    /// <summary>Every DynamoDB code: the catalogue's, and the one each SDK exception type stands for, in case the catalogue lacks it.</summary>
    public static IEnumerable<string> DynamoDbCodes() =>
        ErrorCatalogue.DynamoDbCodes.Keys.Union(SdkExceptionTypes().Select(CodeOf)).Order(StringComparer.Ordinal);

    public static IEnumerable<string> OwnKindNames() => OwnKinds().Select(kind => kind.Type);

    [TestCaseSource(nameof(SdkExceptionTypes))]
    public void Every_exception_type_the_SDK_models_has_its_DynamoDB_code_in_the_catalogue(Type sdkType)
    {
        var codes = new[] { sdkType.Name, WithoutExceptionSuffix(sdkType.Name) }.Where(ErrorCatalogue.DynamoDbCodes.ContainsKey).Distinct().ToList();

        codes.Should().ContainSingle($"{sdkType.Name} models a DynamoDB error code, which the catalogue (Errors/ErrorCatalogue.cs) must list with its status");
        var entry = ErrorCatalogue.DynamoDbCodes[codes[0]];
        if (codes[0] == sdkType.Name)
        {
            // The managed runtime reports the SDK's own exception, so it must be exactly this type.
            entry.NewSdkException.Should().NotBeNull("the managed runtime throws the SDK's own exception for a code it models");
            var made = entry.NewSdkException!("what DynamoDB said");
            made.GetType().Should().Be(sdkType);
            made.Message.Should().Be("what DynamoDB said");
        }
        else
        {
            entry.NewSdkException.Should().BeNull($"the managed runtime must report {codes[0]}, not the SDK's class name {sdkType.Name}");
        }
    }

    [TestCase("RequestLimitExceeded", typeof(RequestLimitExceededException))]
    [TestCase("InternalServerError", typeof(InternalServerErrorException))]
    public async Task The_codes_the_SDK_models_under_another_name_are_the_codes_DynamoDB_sends(string code, Type sdkType)
    {
        // GetItem declares both, so the SDK's own unmarshaller says which code it reads as which type.
        using var client = new AmazonDynamoDBClient(Credentials,
            DynamoDbClientFactory.Configure("http://127.0.0.1:9", CannedDynamoDb.Failing(HttpStatusCode.BadRequest, code, "what DynamoDB said")));

        var act = () => client.GetItemAsync(new GetItemRequest { TableName = "lambda-apigateway", Key = new() { ["id"] = new AttributeValue { S = "a" } } });

        var thrown = (await act.Should().ThrowAsync<AmazonDynamoDBException>()).Which;
        thrown.GetType().Should().Be(sdkType);
        thrown.ErrorCode.Should().Be(code);
    }

    [TestCaseSource(nameof(DynamoDbCodes))]
    public async Task A_DynamoDB_code_is_reported_alike_by_both_runtimes_and_answered_with_its_catalogue_status(string code)
    {
        var dynamoDb = CannedDynamoDb.Failing(HttpStatusCode.BadRequest, code, $"DynamoDB said {code}");

        var (thrown, posted) = await BothRuntimes(new Scenario(Read, dynamoDb));
        var proxy = await TestFunction.Against(dynamoDb).InvokeAsync(Proxy(Read));

        ErrorCatalogue.DynamoDbCodes.Should().ContainKey(code);
        Reported(thrown).Should().Be((code, $"DynamoDB said {code}"));
        Reported(posted).Should().Be(Reported(thrown));
        proxy.StatusCode.Should().Be(ErrorCatalogue.DynamoDbCodes[code].Kind.StatusCode);
    }

    [TestCaseSource(nameof(OwnKindNames))]
    public async Task A_kind_of_our_own_is_reported_alike_by_both_runtimes(string type)
    {
        Scenarios.Should().ContainKey(type, "each kind of our own needs a failure that produces it in Scenarios, so that both runtimes are seen to report it");

        if (Scenarios[type].OnlyThroughHttp)
        {
            // Only a proxy event can produce it, so neither runtime raises a function error: both
            // answer the same proxy response.
            var (managed, custom) = await BothRuntimesAnswer(Scenarios[type]);
            ProxyError(managed).Type.Should().Be(type);
            ProxyError(custom).Should().Be(ProxyError(managed));
            return;
        }

        var (thrown, posted) = await BothRuntimes(Scenarios[type]);

        Reported(thrown).Type.Should().Be(type);
        Reported(posted).Should().Be(Reported(thrown));
    }

    [TestCaseSource(nameof(OwnKindNames))]
    public void Every_kind_of_our_own_has_an_exception_of_its_name_for_the_managed_runtime(string type)
    {
        var thrown = FunctionError.For(Outcome.Failure(OwnKinds().Single(kind => kind.Type == type), "the message"));

        Reported(thrown).Should().Be((type, "the message"));
    }

    // Each kind of our own, from a failure that produces it. A new kind adds its line here.
    private static readonly Dictionary<string, Scenario> Scenarios = new(StringComparer.Ordinal)
    {
        ["InvalidRequest"] = new("""{"operation": """, CannedDynamoDb.Answering("{}")),
        ["UnknownOperation"] = new("""{"operation":"drop"}""", CannedDynamoDb.Answering("{}")),
        ["DynamoDbError"] = new(Read, CannedDynamoDb.Failing(HttpStatusCode.BadRequest, "BrandNewException", "a code newer than the SDK")),
        ["TableNotAllowed"] = new("""{"operation":"read","tableName":"payroll","payload":{"Key":{"id":"a"}}}""", CannedDynamoDb.Answering("{}")),
        ["PayloadTooLarge"] = new($$"""{"operation":"echo","payload":"{{new string('x', Invoker.MaxEventBytes)}}"}""", CannedDynamoDb.Answering("{}")),
        ["InternalError"] = new(Read, CannedDynamoDb.Answering("""{"Item": {"id": {"S": """)),
        ["ServiceUnavailable"] = new(Read, new CannedDynamoDb(_ => throw new HttpRequestException("Connection refused (127.0.0.1:9)"))),
        ["OriginNotAllowed"] = new(
            """{"httpMethod":"POST","headers":{"Origin":"http://evil.example"},"requestContext":{"stage":"Prod"},"body":"{\"operation\":\"ping\"}"}""",
            CannedDynamoDb.Answering("{}"))
        {
            OnlyThroughHttp = true,
        },
        ["RouteNotFound"] = new("""{"httpMethod":"GET","path":"/nowhere","requestContext":{"stage":"Prod"}}""", CannedDynamoDb.Answering("{}"))
        {
            OnlyThroughHttp = true,
        },
        ["ItemNotFound"] = new("""{"httpMethod":"GET","path":"/product/a","requestContext":{"stage":"Prod"}}""", CannedDynamoDb.Answering("{}"))
        {
            OnlyThroughHttp = true,
        },
        ["MethodNotAllowed"] = new("""{"httpMethod":"PATCH","path":"/product","requestContext":{"stage":"Prod"}}""", CannedDynamoDb.Answering("{}"))
        {
            OnlyThroughHttp = true,
        },
        ["ItemAlreadyExists"] = new(
            """{"httpMethod":"POST","path":"/product","requestContext":{"stage":"Prod"},"body":"{\"id\":\"a\"}"}""",
            CannedDynamoDb.Failing(HttpStatusCode.BadRequest, "ConditionalCheckFailedException", "The conditional request failed"))
        {
            OnlyThroughHttp = true,
        },
        ["ResponseTooLarge"] = new("""{"operation":"list","tableName":"lambda-apigateway"}""", CannedDynamoDb.Answering(OverSixMegabytes())),
        ["Timeout"] = new(Read, new CannedDynamoDb(_ => CannedDynamoDb.Json(HttpStatusCode.OK, "{}")) { Delay = TimeSpan.FromSeconds(30) })
        {
            FunctionTimeoutSeconds = 1,
        },
    };

    // A page of items whose control characters the answer must escape six bytes each: over Lambda's
    // 6 MB response limit, from a request of a few bytes.
    private static string OverSixMegabytes()
    {
        var item = $$$"""{"id":{"S":"1"},"v":{"S":{{{System.Text.Json.JsonSerializer.Serialize(new string('\u0001', 100_000))}}}}}""";
        return $$"""{"Items":[{{string.Join(",", Enumerable.Repeat(item, 11))}}],"Count":11,"ScannedCount":11}""";
    }

    private static (string Type, string Message) Reported(Exception thrown) => (thrown.GetType().Name, thrown.Message);

    private static (string? Type, string? Message, int Status) ProxyError(System.Text.Json.JsonElement answer)
    {
        var body = System.Text.Json.JsonDocument.Parse(answer.GetProperty("body").GetString()!).RootElement;
        answer.GetProperty("headers").GetProperty("x-amzn-errortype").GetString().Should().Be(body.GetProperty("errorType").GetString());
        return (body.GetProperty("errorType").GetString(), body.GetProperty("errorMessage").GetString(), answer.GetProperty("statusCode").GetInt32());
    }

    /// <summary>A proxy event in each runtime: the managed handler's returned answer and the custom runtime's posted response.</summary>
    private static async Task<(System.Text.Json.JsonElement Managed, System.Text.Json.JsonElement Custom)> BothRuntimesAnswer(Scenario scenario)
    {
        var settings = Settings(scenario.FunctionTimeoutSeconds);
        var function = new Function(Invoker.Create(settings, new FunctionLog(TextWriter.Null), Credentials, scenario.DynamoDb), settings.FunctionTimeout);
        using var answer = await function.FunctionHandler(new MemoryStream(Encoding.UTF8.GetBytes(scenario.Event)));
        var managed = (await System.Text.Json.JsonDocument.ParseAsync(answer)).RootElement;

        var posted = await CustomRuntimeAsync(scenario);
        posted.Path.Should().EndWith("/response");
        return (managed, posted.Json);
    }

    private static (string? Type, string? Message) Reported(RuntimePost posted)
    {
        posted.Path.Should().EndWith("/error");
        posted.Json.GetProperty("errorType").GetString().Should().Be(posted.ErrorTypeHeader);
        return (posted.ErrorTypeHeader, posted.Json.GetProperty("errorMessage").GetString());
    }

    private static string CodeOf(Type sdkType) =>
        ErrorCatalogue.DynamoDbCodes.ContainsKey(sdkType.Name) || !ErrorCatalogue.DynamoDbCodes.ContainsKey(WithoutExceptionSuffix(sdkType.Name))
            ? sdkType.Name
            : WithoutExceptionSuffix(sdkType.Name);

    private static string WithoutExceptionSuffix(string name) => name.EndsWith("Exception", StringComparison.Ordinal) ? name[..^"Exception".Length] : name;

    private static string Proxy(string envelope) =>
        $$"""{"httpMethod":"POST","requestContext":{"stage":"Prod"},"body":{{System.Text.Json.JsonSerializer.Serialize(envelope)}}}""";

    private static FunctionSettings Settings(int? functionTimeoutSeconds) => FunctionSettings.FromVariables(name => name switch
    {
        "AWS_ENDPOINT_URL_DYNAMODB" => "http://127.0.0.1:9",
        "ALLOWED_TABLES" => "lambda-apigateway",
        // A REST route for the kinds only routes answer; events without a path are not routed.
        "RESOURCES" => "product=lambda-apigateway:id",
        "NEXT_TOKEN_SECRET" => "a-secret-of-at-least-32-characters-for-tokens",
        "FUNCTION_TIMEOUT_SECONDS" => functionTimeoutSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    });

    /// <summary>The same event, the same DynamoDB, and the same time left, in each runtime at once.</summary>
    private static async Task<(Exception Thrown, RuntimePost Posted)> BothRuntimes(Scenario scenario)
    {
        var managed = ManagedRuntimeAsync(scenario);
        var custom = CustomRuntimeAsync(scenario);
        return (await managed, await custom);
    }

    private static async Task<Exception> ManagedRuntimeAsync(Scenario scenario)
    {
        var settings = Settings(scenario.FunctionTimeoutSeconds);
        var function = new Function(Invoker.Create(settings, new FunctionLog(TextWriter.Null), Credentials, scenario.DynamoDb), settings.FunctionTimeout);

        var act = () => function.FunctionHandler(new MemoryStream(Encoding.UTF8.GetBytes(scenario.Event)));

        return (await act.Should().ThrowAsync<Exception>("a bare envelope's error is a function error")).Which;
    }

    private static async Task<RuntimePost> CustomRuntimeAsync(Scenario scenario)
    {
        using var runtimeApi = new FakeRuntimeApi();
        using var stop = new CancellationTokenSource();
        var log = new FunctionLog(TextWriter.Null);
        var loop = Task.Run(() => RuntimeLoop.RunAsync(FakeRuntimeApi.InMemoryAddress, runtimeApi.Handler,
            () => Invoker.Create(Settings(functionTimeoutSeconds: null), log, Credentials, scenario.DynamoDb), log, TimeProvider.System, stop.Token));

        runtimeApi.Enqueue("request", scenario.Event,
            deadline: scenario.FunctionTimeoutSeconds is { } seconds ? DateTimeOffset.UtcNow.AddSeconds(seconds) : null);
        var posted = await runtimeApi.NextPostAsync(Patience);

        await stop.CancelAsync();
        (await loop).Should().Be(0);
        return posted;
    }

    /// <param name="Event">The event both runtimes get.</param>
    /// <param name="DynamoDb">What DynamoDB answers.</param>
    private sealed record Scenario(string Event, CannedDynamoDb DynamoDb)
    {
        /// <summary>The function's timeout: FUNCTION_TIMEOUT_SECONDS for the managed runtime, the Runtime API's deadline for the custom one.</summary>
        public int? FunctionTimeoutSeconds { get; init; }

        /// <summary>Whether only a proxy event (an HTTP request) can produce the error, so it is an HTTP answer and never a function error.</summary>
        public bool OnlyThroughHttp { get; init; }
    }
}
