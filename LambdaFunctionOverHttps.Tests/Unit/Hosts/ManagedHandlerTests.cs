using System.Text;
using FluentAssertions;
using LambdaFunctionOverHttps.Configuration;
using LambdaFunctionOverHttps.Hosts.ManagedRuntime;
using LambdaFunctionOverHttps.Invocation;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Unit.Hosts;

/// <summary>The managed dotnet10 runtime's entry, Function.FunctionHandler(Stream).</summary>
public class ManagedHandlerTests
{
    [Test]
    public async Task The_handler_returns_the_answer_rewound_to_its_start()
    {
        var function = new Function(TestFunction.Against(CannedDynamoDb.Answering("{}")).Invoker);

        await using var output = await function.FunctionHandler(Input("""{"operation":"ping"}"""));

        output.Position.Should().Be(0);
        new StreamReader(output).ReadToEnd().Should().Be("\"pong\"");
    }

    [Test]
    public async Task A_bare_envelope_error_is_thrown_as_an_exception_named_after_its_errorType()
    {
        var function = new Function(TestFunction.Against(CannedDynamoDb.Answering("{}")).Invoker);

        var act = () => function.FunctionHandler(Input("""{"operation":"drop"}"""));

        (await act.Should().ThrowAsync<UnknownOperation>()).Which.Message.Should().StartWith("Unrecognized operation \"drop\"");
    }

    [Test]
    public async Task A_DynamoDB_error_keeps_DynamoDB_s_error_code_as_the_exception_name()
    {
        var dynamoDb = CannedDynamoDb.Failing(System.Net.HttpStatusCode.BadRequest, "ConditionalCheckFailedException", "The conditional request failed");
        var function = new Function(TestFunction.Against(dynamoDb).Invoker);

        var act = () => function.FunctionHandler(Input("""{"operation":"create","tableName":"lambda-apigateway","payload":{"Item":{"id":"a"},"ConditionExpression":"attribute_not_exists(id)"}}"""));

        var thrown = (await act.Should().ThrowAsync<Exception>()).Which;
        thrown.GetType().Name.Should().Be("ConditionalCheckFailedException");
        thrown.Message.Should().Be("The conditional request failed");
    }

    [Test]
    public async Task With_FUNCTION_TIMEOUT_SECONDS_a_slow_DynamoDB_call_ends_in_a_Timeout_function_error()
    {
        var function = SlowDynamoDbFunction(timeoutSeconds: "2");

        var act = () => function.FunctionHandler(Input(Read));

        (await act.Should().ThrowAsync<LambdaFunctionOverHttps.Hosts.ManagedRuntime.Timeout>()).Which.Message.Should().StartWith("DynamoDB did not answer before the function's deadline");
    }

    [Test]
    public async Task With_FUNCTION_TIMEOUT_SECONDS_a_slow_DynamoDB_call_behind_a_proxy_event_ends_in_a_504()
    {
        var function = SlowDynamoDbFunction(timeoutSeconds: "2");
        var body = System.Text.Json.JsonSerializer.Serialize(Read);

        await using var output = await function.FunctionHandler(Input($$"""{"httpMethod":"POST","requestContext":{"stage":"Prod"},"body":{{body}}}"""));

        using var answer = System.Text.Json.JsonDocument.Parse(output);
        answer.RootElement.GetProperty("statusCode").GetInt32().Should().Be(504);
        answer.RootElement.GetProperty("headers").GetProperty("x-amzn-errortype").GetString().Should().Be("Timeout");
    }

    [TestCase("0")]
    [TestCase("901")]
    [TestCase("2.5")]
    [TestCase("-3")]
    [TestCase("ten")]
    public void A_FUNCTION_TIMEOUT_SECONDS_that_is_not_a_Lambda_timeout_is_a_configuration_error(string seconds)
    {
        var read = () => FunctionSettings.FromVariables(name => name == "FUNCTION_TIMEOUT_SECONDS" ? seconds : null);

        read.Should().Throw<ConfigurationException>().WithMessage($"FUNCTION_TIMEOUT_SECONDS \"{seconds}\" is not the function's timeout: a whole number of seconds from 1 to 900.");
    }

    [Test]
    public void FUNCTION_TIMEOUT_SECONDS_is_read_as_whole_seconds() =>
        FunctionSettings.FromVariables(name => name == "FUNCTION_TIMEOUT_SECONDS" ? " 10 " : null).FunctionTimeout.Should().Be(TimeSpan.FromSeconds(10));

    [TestCase(null)]
    [TestCase(" ")]
    public void An_unset_FUNCTION_TIMEOUT_SECONDS_means_no_deadline(string? seconds) =>
        FunctionSettings.FromVariables(name => name == "FUNCTION_TIMEOUT_SECONDS" ? seconds : null).FunctionTimeout.Should().BeNull();

    [Test]
    public async Task An_answer_over_Lambda_s_response_limit_is_thrown_as_ResponseTooLarge()
    {
        var item = $$$"""{"id":{"S":"1"},"v":{"S":{{{System.Text.Json.JsonSerializer.Serialize(new string('\u0001', 100_000))}}}}}""";
        var page = $$"""{"Items":[{{string.Join(",", Enumerable.Repeat(item, 11))}}],"Count":11,"ScannedCount":11}""";
        var function = new Function(TestFunction.Against(CannedDynamoDb.Answering(page)).Invoker);

        var act = () => function.FunctionHandler(Input("""{"operation":"list","tableName":"lambda-apigateway"}"""));

        (await act.Should().ThrowAsync<ResponseTooLarge>()).Which.Message.Should().Contain("over Lambda's limit of 6291456 bytes");
    }

    [Test]
    public async Task A_proxy_error_is_returned_not_thrown()
    {
        var function = new Function(TestFunction.Against(CannedDynamoDb.Answering("{}")).Invoker);

        await using var output = await function.FunctionHandler(Input("""{"httpMethod":"POST","requestContext":{},"body":"{}"}"""));

        new StreamReader(output).ReadToEnd().Should().Contain("\"statusCode\":400");
    }

    [Test]
    public async Task The_handler_reads_a_stream_that_cannot_seek()
    {
        var function = new Function(TestFunction.Against(CannedDynamoDb.Answering("{}")).Invoker);

        await using var output = await function.FunctionHandler(new ForwardOnlyStream(Encoding.UTF8.GetBytes("""{"operation":"echo","payload":[1,2]}""")));

        new StreamReader(output).ReadToEnd().Should().Be("[1,2]");
    }

    [Test]
    public void Settings_come_from_the_documented_environment_variables()
    {
        var settings = FunctionSettings.FromVariables(name => name switch
        {
            "TABLE_NAME" => " lambda-apigateway ",
            "ALLOWED_TABLES" => "lambda-apigateway,audit",
            "AWS_ENDPOINT_URL_DYNAMODB" => "http://127.0.0.1:4567",
            _ => null,
        });

        settings.DefaultTableName.Should().Be("lambda-apigateway");
        settings.DynamoDbEndpoint.Should().Be("http://127.0.0.1:4567");
        settings.Tables.Allows("audit").Should().BeTrue();
        settings.Tables.Allows("Audit").Should().BeFalse("table names are case-sensitive in DynamoDB");
        settings.Tables.Allows("payroll").Should().BeFalse();
    }

    [Test]
    public void The_event_reader_stops_one_byte_past_the_limit()
    {
        var bytes = EventReader.ReadAsync(new ForwardOnlyStream(new byte[1_000_000]), limit: 1000).Result;

        bytes.Length.Should().BeGreaterThan(1000).And.BeLessThan(1_000_000);
    }

    [Test]
    public void The_deploy_settings_name_a_handler_the_managed_runtime_can_load()
    {
        using var settings = System.Text.Json.JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("LambdaFunctionOverHttps", "aws-lambda-tools-defaults.json")));
        var handler = settings.RootElement.GetProperty("function-handler").GetString()!.Split("::");

        handler.Should().HaveCount(3);
        var assembly = typeof(Function).Assembly;
        assembly.GetName().Name.Should().Be(handler[0]);
        var type = assembly.GetType(handler[1]);
        type.Should().NotBeNull().And.Subject.IsPublic.Should().BeTrue();
        type!.GetConstructor(Type.EmptyTypes).Should().NotBeNull("the runtime creates the handler's class with its parameterless constructor");
        var method = type.GetMethod(handler[2], [typeof(Stream)]);
        method.Should().NotBeNull().And.Subject.ReturnType.Should().Be<Task<Stream>>();
        settings.RootElement.GetProperty("function-runtime").GetString().Should().Be("dotnet10");
    }

    private const string Read = """{"operation":"read","tableName":"lambda-apigateway","payload":{"Key":{"id":"a"}}}""";

    private static MemoryStream Input(string json) => new(Encoding.UTF8.GetBytes(json));

    // The managed handler as Function() builds it, but with DynamoDB taking 30 s to answer.
    private static Function SlowDynamoDbFunction(string timeoutSeconds)
    {
        var settings = FunctionSettings.FromVariables(name => name switch
        {
            "AWS_ENDPOINT_URL_DYNAMODB" => "http://127.0.0.1:9",
            "FUNCTION_TIMEOUT_SECONDS" => timeoutSeconds,
            _ => null,
        });
        var slow = new CannedDynamoDb(_ => CannedDynamoDb.Json(System.Net.HttpStatusCode.OK, "{}")) { Delay = TimeSpan.FromSeconds(30) };
        var invoker = Invoker.Create(settings, new LambdaFunctionOverHttps.Logging.FunctionLog(TextWriter.Null), new Amazon.Runtime.BasicAWSCredentials("test", "test"), slow);
        return new Function(invoker, settings.FunctionTimeout);
    }

    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
