using System.Text;
using DynamoDbManager.Local.Http;
using FluentAssertions;
using Microsoft.AspNetCore.Http;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.LocalStack;

/// <summary>The function's proxy answer becomes the HTTP response as API Gateway makes it.</summary>
[Category("LocalStack")]
public class ProxyResponseWriterTests
{
    [Test]
    public async Task Status_headers_and_body_are_copied()
    {
        var response = await Write("""{"statusCode": 409, "headers": {"content-type": "application/json", "x-amzn-errortype": "ConditionalCheckFailedException"}, "body": "{\"a\":1}", "isBase64Encoded": false}""");

        response.StatusCode.Should().Be(409);
        response.Headers.ContentType.ToString().Should().Be("application/json");
        response.Headers["x-amzn-errortype"].ToString().Should().Be("ConditionalCheckFailedException");
        Body(response).Should().Be("""{"a":1}""");
        response.ContentLength.Should().Be(7);
    }

    [Test]
    public async Task Multi_value_headers_are_kept_and_single_value_ones_win_on_the_same_name()
    {
        var response = await Write("""{"statusCode": 200, "multiValueHeaders": {"Set-Cookie": ["a=1", "b=2"], "X-Tag": ["multi"]}, "headers": {"X-Tag": "single"}, "body": ""}""");

        response.Headers.SetCookie.ToArray().Should().Equal("a=1", "b=2");
        response.Headers["X-Tag"].ToString().Should().Be("single");
    }

    [Test]
    public async Task A_base64_body_is_decoded_and_a_function_cannot_set_the_framing_headers()
    {
        var response = await Write("""{"statusCode": 200, "headers": {"Content-Length": "999", "Transfer-Encoding": "chunked"}, "body": "aGk=", "isBase64Encoded": true}""");

        Body(response).Should().Be("hi");
        response.ContentLength.Should().Be(2);
        response.Headers.TransferEncoding.Should().BeEmpty();
    }

    [TestCase("not json")]
    [TestCase("""{"headers": {}}""")]
    [TestCase("""{"statusCode": "200"}""")]
    [TestCase("""{"statusCode": 200, "body": 5}""")]
    [TestCase("""{"statusCode": 200, "body": "%%", "isBase64Encoded": true}""")]
    public async Task An_answer_that_is_not_a_proxy_response_is_refused_for_the_front_to_answer_502(string answer)
    {
        await FluentActions.Awaiting(() => Write(answer)).Should().ThrowAsync<InvalidDataException>();
    }

    private static async Task<HttpResponse> Write(string answer)
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        await ProxyResponseWriter.WriteAsync(new MemoryStream(Encoding.UTF8.GetBytes(answer)), context.Response, CancellationToken.None);
        return context.Response;
    }

    private static string Body(HttpResponse response) => Encoding.UTF8.GetString(((MemoryStream)response.Body).ToArray());
}
