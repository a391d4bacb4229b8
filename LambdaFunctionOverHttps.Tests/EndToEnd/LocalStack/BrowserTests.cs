using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FluentAssertions;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.LocalStack;

/// <summary>
/// Web pages in the developer's browser, against stacks started as developers start them: a hostile
/// page sends exactly what a browser lets it send without asking (a simple cross-origin POST, a
/// form, a preflight, a rebound host name) and reads nothing and changes nothing; a page of an
/// origin allowed with --allow-origin works.
/// </summary>
[Category("LocalStack")]
[Platform("Linux,MacOsX", Reason = "The stack is stopped with kill(1).")]
public class BrowserTests
{
    private const string Evil = "http://evil.example";
    private const string App = "http://app.example";

    private LocalStackProcess _default = null!;
    private LocalStackProcess _allowing = null!;
    private StackHttp _curl = null!;

    [OneTimeSetUp]
    public async Task StartStacks()
    {
        _default = await LocalStackProcess.StartAsync();
        _allowing = await LocalStackProcess.StartAsync("--allow-origin", App);
        _curl = new StackHttp(_default.ApiUrl);
    }

    [OneTimeTearDown]
    public async Task StopStacks()
    {
        _curl?.Dispose();
        foreach (var stack in new[] { _default, _allowing }.Where(stack => stack is not null))
        {
            await stack.StopAsync();
            await stack.DisposeAsync();
        }
    }

    [Test]
    public async Task A_hostile_pages_simple_text_plain_POST_is_refused_unreadably_and_writes_nothing()
    {
        // fetch("http://127.0.0.1:3000/dynamodbmanager", {method: "POST", mode: "no-cors", body: JSON.stringify(envelope)})
        // needs no preflight, so the browser sends it as it is.
        var request = PageRequest(_default, HttpMethod.Post, Evil, Create("evil-text"), "text/plain;charset=UTF-8");

        var response = await _curl.SendAsync(request);

        response.Status.Should().Be(HttpStatusCode.Forbidden, response.Body);
        response.Json.GetProperty("errorType").GetString().Should().Be("OriginNotAllowed");
        response.Header("Access-Control-Allow-Origin").Should().BeNull("the page must not be able to read the answer");
        (await Stored(_curl, "evil-text")).Should().BeFalse("a refused page's request changes nothing");
    }

    [Test]
    public async Task A_hostile_pages_form_POST_is_refused_and_writes_nothing()
    {
        // <form method="post" action="http://127.0.0.1:3000/dynamodbmanager"> submitted by script.
        var form = "operation=create&tableName=lambda-apigateway&payload=" + Uri.EscapeDataString("""{"Item": {"id": "evil-form"}}""");
        var request = PageRequest(_default, HttpMethod.Post, Evil, form, "application/x-www-form-urlencoded");

        var response = await _curl.SendAsync(request);

        response.Status.Should().Be(HttpStatusCode.Forbidden, response.Body);
        response.Header("Access-Control-Allow-Origin").Should().BeNull();
        (await Stored(_curl, "evil-form")).Should().BeFalse();
    }

    [Test]
    public async Task A_hostile_pages_delete_leaves_the_item_in_place()
    {
        (await _curl.PostAsync(Create("victim"))).Status.Should().Be(HttpStatusCode.OK);

        var response = await _curl.SendAsync(PageRequest(_default, HttpMethod.Post, Evil,
            """{"operation": "delete", "tableName": "lambda-apigateway", "payload": {"Key": {"id": "victim"}}}""", "text/plain;charset=UTF-8"));

        response.Status.Should().Be(HttpStatusCode.Forbidden);
        (await Stored(_curl, "victim")).Should().BeTrue();
    }

    [Test]
    public async Task A_hostile_pages_preflight_is_refused_without_CORS_headers()
    {
        // What the browser sends before a fetch with Content-Type application/json or an x-api-key.
        var preflight = PageRequest(_default, HttpMethod.Options, Evil, body: null, contentType: null);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");

        var response = await _curl.SendAsync(preflight);

        response.Status.Should().Be(HttpStatusCode.Forbidden);
        response.Headers.Keys.Should().NotContain(name => name.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
    }

    [Test]
    public async Task A_page_on_another_local_port_is_refused_too_until_it_is_allowed()
    {
        var response = await _curl.SendAsync(PageRequest(_default, HttpMethod.Post, "http://localhost:5173", Create("dev-server"), "text/plain;charset=UTF-8"));

        response.Status.Should().Be(HttpStatusCode.Forbidden);
        response.Json.GetProperty("errorMessage").GetString().Should().Contain("--allow-origin");
        (await Stored(_curl, "dev-server")).Should().BeFalse();
    }

    [Test]
    public async Task A_rebound_host_name_is_refused_421_and_writes_nothing()
    {
        // DNS rebinding: evil.example now resolves to 127.0.0.1, so its page is same-origin with the
        // stack and sends no Origin at all for a same-origin request; only the Host header gives it away.
        var request = new HttpRequestMessage(HttpMethod.Post, _default.ApiUrl)
        {
            Content = new StringContent(Create("rebound"), Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Host = $"evil.example:{_default.ApiUrl.Port}";

        var response = await _curl.SendAsync(request);

        response.Status.Should().Be((HttpStatusCode)421, response.Body);
        response.Json.GetProperty("message").GetString().Should().Contain("127.0.0.1, localhost or [::1]");
        response.Header("Access-Control-Allow-Origin").Should().BeNull();
        (await Stored(_curl, "rebound")).Should().BeFalse();
    }

    [TestCase("localhost")]
    [TestCase("127.0.0.1")]
    [TestCase("LOCALHOST")]
    public async Task Loopback_host_names_with_or_without_a_port_are_served(string host)
    {
        foreach (var value in new[] { host, $"{host}:{_default.ApiUrl.Port}" })
        {
            var request = _curl.Request(HttpMethod.Post, """{"operation": "ping"}""");
            request.Headers.Host = value;

            (await _curl.SendAsync(request)).Body.Should().Be("\"pong\"", value);
        }
    }

    [Test]
    public void The_start_up_message_says_only_the_consoles_origin_is_allowed_by_default_and_names_the_allowed_ones()
    {
        _default.Output.Should().Contain("Origins    the console's only: pages on other origins are refused");
        _allowing.Output.Should().Contain($"Origins    {App} (from --allow-origin) and the console's; pages on other origins are refused");
    }

    [Test]
    public async Task An_allowed_pages_preflight_gets_204_with_the_CORS_headers()
    {
        using var http = new StackHttp(_allowing.ApiUrl);
        var preflight = PageRequest(_allowing, HttpMethod.Options, App, body: null, contentType: null);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type,x-api-key");

        var response = await http.SendAsync(preflight);

        response.Status.Should().Be(HttpStatusCode.NoContent);
        response.Header("Access-Control-Allow-Origin").Should().Be(App);
        response.Header("Access-Control-Allow-Methods").Should().Be("POST, OPTIONS");
        response.Header("Access-Control-Allow-Headers").Should().Be("Content-Type, X-Api-Key, Authorization, X-Amz-Date, X-Amz-Security-Token");
        response.Header("Access-Control-Max-Age").Should().Be("600");
        response.Header("Vary").Should().Be("Origin");
    }

    [Test]
    public async Task An_allowed_pages_POST_is_served_and_readable()
    {
        using var http = new StackHttp(_allowing.ApiUrl);

        var response = await http.SendAsync(PageRequest(_allowing, HttpMethod.Post, App, Create("from-app"), "application/json"));

        response.Status.Should().Be(HttpStatusCode.OK, response.Body);
        response.Header("Access-Control-Allow-Origin").Should().Be(App);
        response.Header("Access-Control-Expose-Headers").Should().Be("x-amzn-errortype, x-amzn-RequestId");
        (await Stored(http, "from-app")).Should().BeTrue();
    }

    [Test]
    public async Task Curl_style_requests_without_an_Origin_are_unchanged_on_a_stack_that_allows_an_origin()
    {
        using var http = new StackHttp(_allowing.ApiUrl);

        var response = await http.PostAsync(Create("from-curl"));

        response.Status.Should().Be(HttpStatusCode.OK, response.Body);
        response.Headers.Keys.Should().NotContain(name => name.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase) || name == "Vary");
    }

    [Test]
    public async Task Another_origin_is_still_refused_on_a_stack_that_allows_one()
    {
        using var http = new StackHttp(_allowing.ApiUrl);

        var response = await http.SendAsync(PageRequest(_allowing, HttpMethod.Post, Evil, Create("evil-on-allowing"), "text/plain;charset=UTF-8"));

        response.Status.Should().Be(HttpStatusCode.Forbidden);
        (await Stored(http, "evil-on-allowing")).Should().BeFalse();
    }

    /// <summary>A request as a browser sends it for a page of <paramref name="origin"/>.</summary>
    private static HttpRequestMessage PageRequest(LocalStackProcess stack, HttpMethod method, string origin, string? body, string? contentType)
    {
        var request = new HttpRequestMessage(method, stack.ApiUrl);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType!);
        }

        request.Headers.Add("Origin", origin);
        request.Headers.Referrer = new Uri(origin + "/");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        request.Headers.Add("Sec-Fetch-Mode", method == HttpMethod.Options ? "cors" : "no-cors");
        return request;
    }

    private static string Create(string id) =>
        """{"operation": "create", "tableName": "lambda-apigateway", "payload": {"Item": {"id": "{id}"}}}""".Replace("{id}", id, StringComparison.Ordinal);

    /// <summary>Reads the item back as curl does, without an Origin.</summary>
    private static async Task<bool> Stored(StackHttp http, string id)
    {
        var read = await http.PostAsync("""{"operation": "read", "tableName": "lambda-apigateway", "payload": {"Key": {"id": "{id}"}}}""".Replace("{id}", id, StringComparison.Ordinal));
        read.Status.Should().Be(HttpStatusCode.OK, read.Body);
        return read.Json.TryGetProperty("Item", out _);
    }
}
