using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CsCheck;
using FluentAssertions;
using LambdaFunctionOverHttps.Invocation;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Integration.Reliability;

/// <summary>
/// Property: whatever malformed request arrives, directly or through API Gateway, the answer is a
/// 4xx with an errorType, never a 5xx, and no error text shows our insides.
/// </summary>
[Category("Dynalite")]
public partial class FuzzTests
{
    /// <summary>Requests generated per run; each is sent both bare and wrapped in a proxy event.</summary>
    private const int Cases = 10_000;

    [Test]
    public async Task Every_malformed_request_is_a_4xx_with_an_errorType_and_no_internal_detail()
    {
        var function = TestFunction.Against(DynaliteSetUp.Endpoint);
        var invocations = 0;

        await MalformedRequests.Any.SampleAsync(async body =>
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var bare = await function.Invoker.InvokeAsync(body, "fuzz", deadline.Token);
            var proxied = await function.Invoker.InvokeAsync(AsProxyEvent(body), "fuzz", deadline.Token);
            Interlocked.Add(ref invocations, 2);

            bare.IsFunctionError.Should().BeTrue("a bare envelope's error is a function error");
            AssertClientError(bare.Outcome.StatusCode, bare.Payload);
            if (proxied.IsFunctionError)
            {
                // Only an event too large to read at all has no shape to answer in.
                proxied.Outcome.Error!.Type.Should().Be("PayloadTooLarge");
                AssertClientError(proxied.Outcome.StatusCode, proxied.Payload);
            }
            else
            {
                var response = JsonDocument.Parse(proxied.Payload).RootElement;
                AssertClientError(response.GetProperty("statusCode").GetInt32(), Encoding.UTF8.GetBytes(response.GetProperty("body").GetString()!));
            }
        }, iter: Cases, print: Describe);

        invocations.Should().BeGreaterThanOrEqualTo(2 * Cases);
        TestContext.Out.WriteLine($"fuzz: {Cases} generated requests, {invocations} invocations, all answered 4xx");
    }

    [Test]
    public async Task Every_proxy_event_with_half_a_surrogate_pair_in_it_is_a_400_proxy_answer()
    {
        var function = TestFunction.Against(DynaliteSetUp.Endpoint);

        await MalformedRequests.ProxyEventsWithUnpairedSurrogates.SampleAsync(async proxyEvent =>
        {
            var answer = await function.Invoker.InvokeAsync(proxyEvent, "fuzz", CancellationToken.None);

            answer.IsFunctionError.Should().BeFalse("API Gateway would turn a function error into a 502");
            var response = JsonDocument.Parse(answer.Payload).RootElement;
            var body = Encoding.UTF8.GetBytes(response.GetProperty("body").GetString()!);
            AssertClientError(response.GetProperty("statusCode").GetInt32(), body);
            JsonDocument.Parse(body).RootElement.GetProperty("errorMessage").GetString().Should().StartWith("The event is not valid Unicode text");
        }, iter: Cases / 10, print: Describe);

        function.Log.Should().NotContain("\"level\":\"ERROR\"");
    }

    private static void AssertClientError(int status, byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        status.Should().BeInRange(400, 499, text);
        var error = JsonDocument.Parse(body).RootElement;
        error.GetProperty("errorType").GetString().Should().NotBeNullOrWhiteSpace();
        error.GetProperty("errorMessage").GetString().Should().NotBeNullOrWhiteSpace("every refusal says why");
        text.Should().NotContain("   at ", "no stack trace").And.NotContain("LambdaFunctionOverHttps", "no type of ours")
            .And.NotContain("System.", "no .NET exception type").And.NotContain(".cs:", "no source file");
        FilePath().IsMatch(text).Should().BeFalse($"no file path in {text}");
    }

    private static byte[] AsProxyEvent(byte[] body) => JsonBody(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("resource", "/dynamodbmanager");
        writer.WriteString("httpMethod", "POST");
        writer.WriteStartObject("requestContext");
        writer.WriteString("stage", "Prod");
        writer.WriteEndObject();
        // API Gateway base64-encodes bodies that are not valid UTF-8 text.
        var isText = Utf8Text(body);
        writer.WriteString("body", isText ? Encoding.UTF8.GetString(body) : Convert.ToBase64String(body));
        writer.WriteBoolean("isBase64Encoded", !isText);
        writer.WriteEndObject();
    });

    private static bool Utf8Text(byte[] bytes) => System.Text.Unicode.Utf8.IsValid(bytes);

    private static byte[] JsonBody(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            write(writer);
        }

        return stream.ToArray();
    }

    private static string Describe(byte[] body) =>
        body.Length > 300 ? $"{Encoding.UTF8.GetString(body, 0, 300)}… ({body.Length} bytes)" : Encoding.UTF8.GetString(body);

    [GeneratedRegex(@"(?:/[A-Za-z0-9_.-]+){3,}")]
    private static partial Regex FilePath();
}
