using System.Text;
using System.Text.Json;
using FluentAssertions;
using LambdaFunctionOverHttps.Invocation;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Unit;

/// <summary>Lambda's 6 MB limit on a synchronous response, applied by the core to what every host sends.</summary>
public class ResponseSizeTests
{
    private const string ListEnvelope = """{"operation":"list","tableName":"lambda-apigateway"}""";

    [Test]
    public async Task A_list_page_whose_answer_is_over_6_MB_is_refused_as_ResponseTooLarge_saying_how_big_and_what_to_do()
    {
        var function = TestFunction.Against(OneMegabyteOfControlCharacters());

        var answer = await function.InvokeAsync(ListEnvelope);

        answer.IsFunctionError.Should().BeTrue();
        answer.ErrorType.Should().Be("ResponseTooLarge");
        answer.Result.Outcome.StatusCode.Should().Be(413);
        answer.ErrorMessage.Should().MatchRegex(@"^The answer is \d{7} bytes, over Lambda's limit of 6291456 bytes")
            .And.Contain("a smaller Limit");
        var line = JsonDocument.Parse(function.Log).RootElement;
        line.GetProperty("status").GetInt32().Should().Be(413);
        line.GetProperty("errorType").GetString().Should().Be("ResponseTooLarge");
        line.GetProperty("level").GetString().Should().Be("WARN", "the caller asked for too much; nothing failed");
        line.GetProperty("dynamoDbRequestId").GetString().Should().Be("CANNED-REQUEST-ID");
    }

    [Test]
    public async Task Through_a_proxy_event_the_refusal_is_an_HTTP_413_with_its_errortype_header()
    {
        var function = TestFunction.Against(OneMegabyteOfControlCharacters());

        var answer = await function.InvokeAsync(ProxyEvent(Encoding.UTF8.GetBytes(ListEnvelope)));

        answer.Result.Payload.Length.Should().BeLessThan(ResponseLimit.MaxBytes);
        answer.StatusCode.Should().Be(413);
        answer.Json.GetProperty("headers").GetProperty("x-amzn-errortype").GetString().Should().Be("ResponseTooLarge");
        answer.Body.GetProperty("errorType").GetString().Should().Be("ResponseTooLarge");
    }

    [Test]
    public async Task The_limit_applies_to_the_proxy_answer_as_posted_with_its_body_escaped_again()
    {
        // Two million quotes: a 4 MB body as a bare answer, 8 MB inside a proxy answer, where each
        // \" is escaped again as \\\". The request fits: its body travels base64-encoded.
        var envelope = "{\"operation\":\"echo\",\"payload\":\"" + string.Concat(Enumerable.Repeat("\\\"", 2_000_000)) + "\"}";
        var function = TestFunction.Against(new CannedDynamoDb(request => throw new AssertionException($"DynamoDB was called: {request.Action}")));

        var bare = await function.InvokeAsync(envelope);
        var proxy = await function.InvokeAsync(ProxyEvent(Encoding.UTF8.GetBytes(envelope), base64: true));

        bare.Result.Outcome.IsError.Should().BeFalse();
        bare.Result.Payload.Length.Should().BeGreaterThan(4_000_000).And.BeLessThan(ResponseLimit.MaxBytes);
        proxy.StatusCode.Should().Be(413);
        proxy.Body.GetProperty("errorMessage").GetString().Should().MatchRegex(@"^The answer is 8\d{6} bytes");
    }

    /// <summary>
    /// A Scan page of 1.1 MB of U+0001 characters: DynamoDB's page limit is 1 MB, and each of these
    /// characters is six bytes (\u0001) in JSON, so the answer is about 6.6 MB.
    /// </summary>
    private static CannedDynamoDb OneMegabyteOfControlCharacters()
    {
        var value = new string('\u0001', 100_000);
        var items = Enumerable.Range(0, 11).Select(i => new Dictionary<string, object>
        {
            ["id"] = new { S = i.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ["v"] = new { S = value },
        });
        return CannedDynamoDb.Answering(JsonSerializer.Serialize(new { Items = items, Count = 11, ScannedCount = 11 }));
    }

    private static string ProxyEvent(byte[] body, bool base64 = false) => JsonSerializer.Serialize(new
    {
        httpMethod = "POST",
        requestContext = new { },
        body = base64 ? Convert.ToBase64String(body) : Encoding.UTF8.GetString(body),
        isBase64Encoded = base64,
    });
}
