using System.Net;
using System.Text.RegularExpressions;
using DynamoDbManager.Local.Http;
using DynamoDbManager.Local.Startup;
using FluentAssertions;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.LocalStack;

/// <summary>
/// How the stack hands out the console: its few files at <c>/</c> with their types and a strict
/// policy, nothing else from the disk, and the API open to the console's own origin only.
/// </summary>
[Category("LocalStack")]
[Platform("Linux,MacOsX", Reason = "The stack is stopped with kill(1).")]
public partial class ConsoleFilesTests
{
    private static readonly string Folder = RepositoryRoot.Combine("deploy", "local", "Console");

    private LocalStackProcess _stack = null!;
    private StackHttp _http = null!;

    private Uri Root => new(_stack.ApiUrl, "/");

    [OneTimeSetUp]
    public async Task StartStack()
    {
        _stack = await LocalStackProcess.StartAsync();
        _http = new StackHttp(_stack.ApiUrl);
    }

    [OneTimeTearDown]
    public async Task StopStack()
    {
        _http?.Dispose();
        if (_stack is not null)
        {
            await _stack.StopAsync();
            await _stack.DisposeAsync();
        }
    }

    [TestCase("/", "text/html; charset=utf-8", "index.html")]
    [TestCase("/console.js", "text/javascript; charset=utf-8", "console.js")]
    [TestCase("/exact-json.js", "text/javascript; charset=utf-8", "exact-json.js")]
    [TestCase("/console.css", "text/css; charset=utf-8", "console.css")]
    public async Task Each_console_file_is_served_with_its_type_a_strict_policy_and_nosniff(string path, string contentType, string file)
    {
        var response = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(Root, path)));

        response.Status.Should().Be(HttpStatusCode.OK);
        response.Header("Content-Type").Should().Be(contentType);
        response.Body.Should().Be(await File.ReadAllTextAsync(Path.Combine(Folder, file)));
        response.Header("X-Content-Type-Options").Should().Be("nosniff");
        var policy = response.Header("Content-Security-Policy");
        policy.Should().Be(ConsoleFiles.ContentSecurityPolicy);
        policy.Should().Contain("default-src 'none'").And.Contain("script-src 'self';").And.Contain("frame-ancestors 'none'").And.NotContain("unsafe");
    }

    [Test]
    public async Task The_start_up_message_gives_the_consoles_URL()
    {
        _stack.Output.Should().Contain($"  Console    {Root}  (open it in a browser");
        (await _http.SendAsync(new HttpRequestMessage(HttpMethod.Head, Root))).Status.Should().Be(HttpStatusCode.OK);
    }

    [TestCase("/../Program.cs")]
    [TestCase("/%2e%2e/Program.cs")]
    [TestCase("/..%2fProgram.cs")]
    [TestCase("/Console/index.html")]
    [TestCase("/index.html")]
    [TestCase("/CONSOLE.JS")]
    [TestCase("/console.js/")]
    [TestCase("/DynamoDbManager.Local.dll")]
    [TestCase("/appsettings.json")]
    public async Task No_other_path_reaches_the_disk(string path)
    {
        // curl sends the path as written; HttpClient would resolve the dot segments first.
        var run = await ProcessRunner.RunAsync("curl", ["-s", "--path-as-is", "-o", "/dev/null", "-w", "%{http_code}", "--noproxy", "*", $"{Root.GetLeftPart(UriPartial.Authority)}{path}"]);

        run.Stdout.Should().Be("404", $"{path} is no console file");
    }

    [Test]
    public async Task A_rebound_host_name_gets_no_console_and_a_POST_to_the_root_is_still_no_route()
    {
        var rebound = new HttpRequestMessage(HttpMethod.Get, Root);
        rebound.Headers.Host = $"evil.example:{Root.Port}";
        (await _http.SendAsync(rebound)).Status.Should().Be((HttpStatusCode)421);

        var post = await _http.SendAsync(_http.Request(HttpMethod.Post, """{"operation": "ping"}""", Root));
        post.Status.Should().Be(HttpStatusCode.NotFound);
        post.Json.GetProperty("message").GetString().Should().Be("Missing Authentication Token");
    }

    [Test]
    public async Task The_consoles_own_origin_may_call_the_API_and_a_page_on_another_port_may_not()
    {
        foreach (var origin in new[] { $"http://127.0.0.1:{Root.Port}", $"http://localhost:{Root.Port}" })
        {
            var allowed = _http.Request(HttpMethod.Post, """{"operation": "ping"}""");
            allowed.Headers.Add("Origin", origin);
            var answer = await _http.SendAsync(allowed);
            answer.Status.Should().Be(HttpStatusCode.OK, origin);
            answer.Header("Access-Control-Allow-Origin").Should().Be(origin);
        }

        var other = _http.Request(HttpMethod.Post, """{"operation": "ping"}""");
        other.Headers.Add("Origin", $"http://127.0.0.1:{Root.Port + 1}");
        (await _http.SendAsync(other)).Status.Should().Be(HttpStatusCode.Forbidden);
    }

    [Test]
    public void The_console_page_has_no_inline_script_style_or_handler_the_policy_would_block()
    {
        var html = File.ReadAllText(Path.Combine(Folder, "index.html"));

        InlineScript().IsMatch(html).Should().BeFalse("every script comes from a file");
        html.Should().NotContain("<style").And.NotContain(" style=");
        EventHandlerAttribute().IsMatch(html).Should().BeFalse("handlers are attached by console.js");
        ExternalReference().IsMatch(html).Should().BeFalse("nothing is loaded from another site (no CDN)");
    }

    [Test]
    public void The_consoles_origins_join_the_allowed_ones_and_any_origin_already_holds_them()
    {
        var stack = new Uri("http://127.0.0.1:3000/");

        ConsoleFiles.WithOwnOrigins([], stack).Should().Equal("http://127.0.0.1:3000", "http://localhost:3000");
        ConsoleFiles.WithOwnOrigins(["http://localhost:5173"], stack).Should().Equal("http://localhost:5173", "http://127.0.0.1:3000", "http://localhost:3000");
        ConsoleFiles.WithOwnOrigins(["*"], stack).Should().Equal("*");
    }

    [Test]
    public void A_build_without_the_console_files_stops_the_stack_with_what_to_do()
    {
        var empty = Directory.CreateTempSubdirectory("no-console-");
        try
        {
            var load = () => ConsoleFiles.Load(empty.FullName);

            load.Should().Throw<StartupFailure>().WithMessage("*console's files are missing*dotnet build deploy/local*");
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandlerAttribute();

    [GeneratedRegex(@"(src|href)=""(https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
