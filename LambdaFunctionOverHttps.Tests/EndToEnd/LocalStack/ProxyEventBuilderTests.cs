using System.Net;
using System.Text;
using System.Text.Json;
using DynamoDbManager.Local.Http;
using FluentAssertions;
using LambdaFunctionOverHttps.Tests.Support;
using Microsoft.AspNetCore.Http;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.LocalStack;

/// <summary>The event the local front builds must be the one API Gateway REST (payload 1.0) sends.</summary>
[Category("LocalStack")]
public class ProxyEventBuilderTests
{
    private static readonly GatewayRoute Route = GatewayRoute.Match("/Prod/dynamodbmanager")!;

    [Test]
    public void The_event_has_API_Gateway_REST_proxy_fields()
    {
        var context = Request("/Prod/dynamodbmanager", """{"operation":"ping"}""");

        var proxyEvent = Build(context, apiKey: "k1");

        proxyEvent.GetProperty("resource").GetString().Should().Be("/dynamodbmanager");
        proxyEvent.GetProperty("path").GetString().Should().Be("/dynamodbmanager");
        proxyEvent.GetProperty("httpMethod").GetString().Should().Be("POST");
        proxyEvent.GetProperty("headers").GetProperty("Content-Type").GetString().Should().Be("application/json");
        proxyEvent.GetProperty("multiValueHeaders").GetProperty("Content-Type").EnumerateArray().Select(v => v.GetString()).Should().Equal("application/json");
        proxyEvent.GetProperty("queryStringParameters").ValueKind.Should().Be(JsonValueKind.Null);
        proxyEvent.GetProperty("multiValueQueryStringParameters").ValueKind.Should().Be(JsonValueKind.Null);
        proxyEvent.GetProperty("pathParameters").ValueKind.Should().Be(JsonValueKind.Null);
        proxyEvent.GetProperty("stageVariables").ValueKind.Should().Be(JsonValueKind.Null);
        proxyEvent.GetProperty("body").GetString().Should().Be("""{"operation":"ping"}""");
        proxyEvent.GetProperty("isBase64Encoded").GetBoolean().Should().BeFalse();

        var requestContext = proxyEvent.GetProperty("requestContext");
        requestContext.GetProperty("stage").GetString().Should().Be("Prod");
        requestContext.GetProperty("requestId").GetString().Should().Be("req-1");
        requestContext.GetProperty("path").GetString().Should().Be("/Prod/dynamodbmanager");
        requestContext.GetProperty("resourcePath").GetString().Should().Be("/dynamodbmanager");
        requestContext.GetProperty("httpMethod").GetString().Should().Be("POST");
        requestContext.GetProperty("identity").GetProperty("sourceIp").GetString().Should().Be("127.0.0.1");
        requestContext.GetProperty("identity").GetProperty("apiKey").GetString().Should().Be("k1");
        requestContext.GetProperty("requestTimeEpoch").GetInt64().Should().BePositive();
    }

    [Test]
    public void Repeated_headers_and_query_values_keep_the_last_in_the_single_value_maps()
    {
        var context = Request("/dynamodbmanager", "{}");
        context.Request.Headers.Append("X-Trace", new[] { "a", "b" });
        context.Request.QueryString = new QueryString("?x=1&x=2&y=3");

        var proxyEvent = Build(context);

        proxyEvent.GetProperty("headers").GetProperty("X-Trace").GetString().Should().Be("b");
        proxyEvent.GetProperty("multiValueHeaders").GetProperty("X-Trace").GetRawText().Should().Be("""["a","b"]""");
        proxyEvent.GetProperty("queryStringParameters").GetRawText().Should().Be("""{"x":"2","y":"3"}""");
        proxyEvent.GetProperty("multiValueQueryStringParameters").GetRawText().Should().Be("""{"x":["1","2"],"y":["3"]}""");
    }

    [Test]
    public void A_body_that_is_not_UTF8_travels_base64_encoded()
    {
        var context = Request("/dynamodbmanager", "");
        byte[] body = [0x7B, 0xFF, 0x7D];

        var proxyEvent = JsonDocument.Parse(ProxyEventBuilder.Build(context, Route, body, "req-1", apiKey: null)).RootElement;

        proxyEvent.GetProperty("isBase64Encoded").GetBoolean().Should().BeTrue();
        proxyEvent.GetProperty("body").GetBytesFromBase64().Should().Equal(body);
    }

    [Test]
    public void No_body_is_null_as_in_API_Gateway_and_no_api_key_is_a_null_identity_apiKey()
    {
        var proxyEvent = Build(Request("/dynamodbmanager", ""));

        proxyEvent.GetProperty("body").ValueKind.Should().Be(JsonValueKind.Null);
        proxyEvent.GetProperty("requestContext").GetProperty("identity").GetProperty("apiKey").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Test]
    public async Task The_function_takes_the_built_event_for_a_proxy_event_and_answers_in_kind()
    {
        var function = TestFunction.Against(CannedDynamoDb.Answering("{}"));
        var context = Request("/dynamodbmanager", """{"operation": "echo", "payload": {"text": "héllo <b>"}}""");

        var answer = await function.InvokeAsync(Encoding.UTF8.GetString(EventBytes(context, apiKey: null)));

        answer.StatusCode.Should().Be(200);
        answer.Body.GetProperty("text").GetString().Should().Be("héllo <b>");
    }

    private static JsonElement Build(HttpContext context, string? apiKey = null) =>
        JsonDocument.Parse(EventBytes(context, apiKey)).RootElement;

    private static byte[] EventBytes(HttpContext context, string? apiKey) =>
        ProxyEventBuilder.Build(context, Route, Encoding.UTF8.GetBytes((string)context.Items["body"]!), "req-1", apiKey);

    private static DefaultHttpContext Request(string path, string body)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Path = path;
        context.Request.Protocol = "HTTP/1.1";
        context.Request.Host = new HostString("127.0.0.1", 3000);
        context.Request.Headers.ContentType = "application/json";
        context.Connection.RemoteIpAddress = IPAddress.Loopback;
        context.Items["body"] = body;
        return context;
    }
}
