using System.Text;
using FluentAssertions;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Unit;

/// <summary>
/// <c>"\ud800"</c> is valid JSON and not text: half a UTF-16 surrogate pair. Wherever it is, the
/// request is refused where the event is read, as a 400, never a 500 with a stack trace in the log.
/// </summary>
public class UnpairedSurrogateTests
{
    private static readonly CannedDynamoDb NeverCalled = new(request => throw new AssertionException($"DynamoDB was called: {request.Action}"));

    [Test]
    public async Task The_20_byte_request_that_paged_the_operator_is_a_400_and_logs_no_ERROR_line()
    {
        const string request = """{"\ud800":"x","a":1}""";
        Encoding.UTF8.GetByteCount(request).Should().Be(20);
        var function = TestFunction.Against(NeverCalled);

        var answer = await function.InvokeAsync(request);

        answer.IsFunctionError.Should().BeTrue();
        answer.ErrorType.Should().Be("InvalidRequest");
        answer.Result.Outcome.StatusCode.Should().Be(400);
        answer.ErrorMessage.Should().Be("The event is not valid Unicode text: the escape \\ud800 at byte 2 is half of a UTF-16 surrogate pair "
            + "without its other half (a \\uD800-\\uDBFF escape must be followed by a \\uDC00-\\uDFFF one).");
        function.Log.Should().NotContain("\"level\":\"ERROR\"").And.NotContain("   at ").And.Contain("\"level\":\"WARN\"");
    }

    [TestCase("""{"operation":"\ud800"}""", "\\ud800")]
    [TestCase("""{"operation":"echo","payload":"\udc00"}""", "\\udc00")]
    [TestCase("""{"operation":"echo","payload":"\udc00\ud800"}""", "\\udc00")]
    [TestCase("""{"operation":"echo","payload":"ok \ud83d\ude00 then \uD800A"}""", "\\uD800")]
    [TestCase("""{"operation":"echo","payload":"\ud800\u0041"}""", "\\ud800")]
    [TestCase("""{"operation":"echo","payload":"\ud800\n"}""", "\\ud800")]
    [TestCase("""{"operation":"echo","payload":"\ud800\ud800"}""", "\\ud800")]
    [TestCase("""{"operation":"echo","payload":"end \ud800"}""", "\\ud800")]
    [TestCase("""{"operation":"read","tableName":"\udbff","payload":{"Key":{"id":"1"}}}""", "\\udbff")]
    [TestCase("""{"operation":"create","tableName":"t-1","payload":{"Item":{"id":"1","\ud800":1}}}""", "\\ud800")]
    [TestCase("""{"operation":"echo","payload":{"a":[{"b":[[{"\udfff deep":0}]]}]}}""", "\\udfff")]
    [TestCase("""["\ud800"]""", "\\ud800")]
    [TestCase("""{"abcd\ud800":1}""", "\\ud800")]
    [TestCase("""{"requestContext":{},"abcd\ud800":1}""", "\\ud800")]
    public async Task An_unpaired_surrogate_escape_anywhere_is_an_InvalidRequest_naming_it(string request, string escape)
    {
        var function = TestFunction.Against(NeverCalled);

        var answer = await function.InvokeAsync(request);

        answer.ErrorType.Should().Be("InvalidRequest");
        answer.Result.Outcome.StatusCode.Should().Be(400);
        answer.ErrorMessage.Should().Contain($"the escape {escape} at byte {request.IndexOf(escape, StringComparison.Ordinal)}");
        function.Log.Should().NotContain("\"level\":\"ERROR\"");
    }

    [TestCase("""{"operation":"echo","payload":"\\ud800 is text, not an escape"}""", "\\ud800 is text, not an escape")]
    [TestCase("""{"operation":"echo","payload":"\ud83d\ude00 \uD83D\uDE00"}""", "\U0001F600 \U0001F600")]
    [TestCase("""{"operation":"echo","payload":"\\\ud83d\ude00\""}""", "\\\U0001F600\"")]
    public async Task Escaped_backslashes_and_whole_surrogate_pairs_are_ordinary_text(string request, string text)
    {
        var answer = await TestFunction.Against(NeverCalled).InvokeAsync(request);

        answer.IsFunctionError.Should().BeFalse(answer.Text);
        answer.Json.GetString().Should().Be(text);
    }

    [TestCase("""{"operation":"\ud800","tableName":"t"}""")]
    [TestCase("""{"operation":"echo","payload":{"\ud800":1}}""")]
    public async Task In_a_proxy_event_s_body_it_is_a_400_proxy_answer(string envelope)
    {
        var proxyEvent = $$"""{"httpMethod":"POST","requestContext":{"stage":"Prod"},"body":{{System.Text.Json.JsonSerializer.Serialize(envelope)}}}""";

        var answer = await TestFunction.Against(NeverCalled).InvokeAsync(proxyEvent);

        answer.IsFunctionError.Should().BeFalse(answer.Text);
        answer.StatusCode.Should().Be(400);
        answer.Body.GetProperty("errorType").GetString().Should().Be("InvalidRequest");
        answer.Body.GetProperty("errorMessage").GetString().Should().StartWith("The request body is not valid Unicode text");
    }

    [TestCase("""{"httpMethod":"POST","headers":{"x-note":"\ud800"},"requestContext":{"stage":"Prod"},"body":"{\"operation\":\"ping\"}"}""")]
    [TestCase("""{"httpMethod":"POST","headers":{"x-\udc00":"1"},"requestContext":{"stage":"Prod"},"body":"{\"operation\":\"ping\"}"}""")]
    [TestCase("""{"httpMethod":"POST","requestContext":{"stage":"Prod"},"body":"{\"operation\":\"\ud800\"}"}""")]
    [TestCase("""{"httpMethod":"POST","requestContext":{"stage":"Prod"},"x-note\ud800":1,"body":"{\"operation\":\"ping\"}"}""")]
    public async Task In_a_proxy_event_itself_it_is_a_400_proxy_answer(string proxyEvent)
    {
        var answer = await TestFunction.Against(NeverCalled).InvokeAsync(proxyEvent);

        answer.IsFunctionError.Should().BeFalse(answer.Text);
        answer.StatusCode.Should().Be(400);
        answer.Body.GetProperty("errorMessage").GetString().Should().StartWith("The event is not valid Unicode text");
    }

    [Test]
    public async Task A_syntax_error_is_reported_before_an_unpaired_surrogate()
    {
        var answer = await TestFunction.Against(NeverCalled).InvokeAsync("""{"operation":"\ud800",}""");

        answer.ErrorType.Should().Be("InvalidRequest");
        answer.ErrorMessage.Should().StartWith("The event is not valid JSON:");
    }
}
