using System.Text;
using System.Text.Json;
using FluentAssertions;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Unit;

/// <summary>Each way Lambda can be invoked, told apart by the event alone.</summary>
public class EventShapeTests
{
    private const string Envelope = """{"operation":"echo","payload":{"n":1}}""";

    private static readonly CannedDynamoDb NeverCalled = new(request => throw new AssertionException($"DynamoDB was called: {request.Action}"));

    [Test]
    public async Task A_bare_envelope_returns_the_result_as_is()
    {
        var answer = await TestFunction.Against(NeverCalled).InvokeAsync(Envelope);

        answer.Text.Should().Be("""{"n":1}""");
    }

    [Test]
    public async Task A_REST_API_proxy_event_gets_a_proxy_response()
    {
        var answer = await InvokeProxy($$"""{"resource":"/dynamodbmanager","httpMethod":"POST","requestContext":{"stage":"Prod"},"body":{{Quoted(Envelope)}},"isBase64Encoded":false}""");

        answer.StatusCode.Should().Be(200);
        answer.Json.GetProperty("headers").GetProperty("content-type").GetString().Should().Be("application/json");
        answer.Json.GetProperty("isBase64Encoded").GetBoolean().Should().BeFalse();
        answer.Json.GetProperty("body").GetString().Should().Be("""{"n":1}""");
    }

    [Test]
    public async Task An_HTTP_API_event_with_a_base64_body_is_decoded()
    {
        var body = Convert.ToBase64String(Encoding.UTF8.GetBytes(Envelope));

        var answer = await InvokeProxy($$"""{"version":"2.0","routeKey":"POST /dynamodbmanager","rawPath":"/dynamodbmanager","requestContext":{"http":{"method":"POST"} },"body":"{{body}}","isBase64Encoded":true}""");

        answer.StatusCode.Should().Be(200);
        answer.Json.GetProperty("body").GetString().Should().Be("""{"n":1}""");
    }

    [Test]
    public async Task A_Function_URL_event_gets_a_proxy_response()
    {
        var answer = await InvokeProxy($$"""{"version":"2.0","routeKey":"$default","rawPath":"/","requestContext":{"domainName":"abc.lambda-url.us-east-1.on.aws"},"body":{{Quoted(Envelope)}},"isBase64Encoded":false}""");

        answer.StatusCode.Should().Be(200);
        answer.Json.GetProperty("body").GetString().Should().Be("""{"n":1}""");
    }

    [TestCase("""{"httpMethod":"POST","requestContext":{},"body":null}""", "The request body is empty")]
    [TestCase("""{"httpMethod":"POST","requestContext":{},"body":""}""", "The request body is empty")]
    [TestCase("""{"httpMethod":"POST","requestContext":{},"body":{"operation":"echo","payload":{}}}""", "The request body is empty")]
    [TestCase("""{"httpMethod":"POST","requestContext":{},"body":42}""", "The request body is empty")]
    [TestCase("""{"httpMethod":"POST","requestContext":{}}""", "The request body is empty")]
    [TestCase("""{"httpMethod":"POST","requestContext":{},"body":"not json"}""", "The request body is not valid JSON")]
    [TestCase("""{"httpMethod":"POST","requestContext":{},"body":"%%%","isBase64Encoded":true}""", "not valid base64")]
    [TestCase("""{"httpMethod":"POST","requestContext":{},"body":"{\"operation\":\"nope\"}"}""", "Unrecognized operation \"nope\"")]
    [TestCase("""{"httpMethod":5,"requestContext":{},"body":"{\"operation\":\"nope\"}"}""", "Unrecognized operation \"nope\"")]
    [TestCase("""{"routeKey":"$default","requestContext":{"http":"POST"},"body":"{\"operation\":\"nope\"}"}""", "Unrecognized operation \"nope\"")]
    public async Task A_bad_proxy_request_is_a_4xx_proxy_response_not_a_function_error(string proxyEvent, string message)
    {
        var answer = await InvokeProxy(proxyEvent);

        answer.IsFunctionError.Should().BeFalse();
        answer.StatusCode.Should().Be(400);
        answer.Body.GetProperty("errorMessage").GetString().Should().Contain(message);
    }

    [Test]
    public async Task An_envelope_whose_payload_looks_like_a_proxy_event_stays_an_envelope()
    {
        const string envelope = """{"operation":"echo","payload":{"httpMethod":"POST","requestContext":{},"body":"x"}}""";

        var answer = await TestFunction.Against(NeverCalled).InvokeAsync(envelope);

        answer.Json.GetProperty("body").GetString().Should().Be("x");
    }

    [Test]
    public async Task An_envelope_that_also_carries_requestContext_and_httpMethod_is_answered_as_an_envelope()
    {
        const string envelope = """{"operation":"echo","payload":{"n":1},"requestContext":{"stage":"Prod"},"httpMethod":"POST","body":"x"}""";

        var answer = await TestFunction.Against(NeverCalled).InvokeAsync(envelope);

        answer.Text.Should().Be("""{"n":1}""", "an operation makes it an envelope, whatever else it carries");
    }

    [TestCase("httpMethod", "POST")]
    [TestCase("routeKey", "POST /dynamodbmanager")]
    [TestCase("rawPath", "/dynamodbmanager")]
    public async Task A_requestContext_with_any_one_of_httpMethod_routeKey_or_rawPath_makes_a_proxy_event(string member, string value)
    {
        var answer = await InvokeProxy($$"""{"{{member}}":"{{value}}","requestContext":{"http":{"method":"POST"} },"body":{{Quoted(Envelope)}} }""");

        answer.StatusCode.Should().Be(200);
        answer.Json.GetProperty("body").GetString().Should().Be("""{"n":1}""");
    }

    [TestCase("""{"requestContext":{"stage":"Prod"},"body":"x"}""")]
    [TestCase("""{"httpMethod":"POST","body":"x"}""")]
    [TestCase("""{"httpMethod":"POST","requestContext":"Prod","body":"x"}""")]
    public async Task An_event_without_both_a_requestContext_object_and_a_method_or_route_is_no_proxy_event(string notProxy)
    {
        var answer = await TestFunction.Against(NeverCalled).InvokeAsync(notProxy);

        answer.IsFunctionError.Should().BeTrue("it is read as an envelope, which it is not either");
        answer.ErrorMessage.Should().StartWith("Missing required field \"operation\"");
    }

    private static Task<Answer> InvokeProxy(string proxyEvent) => TestFunction.Against(NeverCalled).InvokeAsync(proxyEvent);

    private static string Quoted(string text) => JsonSerializer.Serialize(text);
}
