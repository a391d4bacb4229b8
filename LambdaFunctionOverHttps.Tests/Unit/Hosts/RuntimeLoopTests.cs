using System.Net;
using FluentAssertions;
using LambdaFunctionOverHttps.Configuration;
using LambdaFunctionOverHttps.Hosts.CustomRuntime;
using LambdaFunctionOverHttps.Invocation;
using LambdaFunctionOverHttps.Logging;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Unit.Hosts;

/// <summary>The custom runtime's loop against a fake Runtime API in memory and a canned DynamoDB: no socket.</summary>
public class RuntimeLoopTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Test]
    public async Task A_successful_invocation_posts_the_answer_to_its_response_endpoint()
    {
        using var runtimeApi = new FakeRuntimeApi();
        await using var loop = Loop.Start(runtimeApi, CannedDynamoDb.Answering("""{"Item":{"id":{"S":"1"}}}"""));

        runtimeApi.Enqueue("req-1", """{"operation":"read","tableName":"lambda-apigateway","payload":{"Key":{"id":"1"}}}""");
        var post = await runtimeApi.NextPostAsync(Patience);

        post.Path.Should().Be("/2018-06-01/runtime/invocation/req-1/response");
        post.ErrorTypeHeader.Should().BeNull();
        post.Json.GetProperty("Item").GetRawText().Should().Be("""{"id":"1"}""");
    }

    [Test]
    public async Task A_function_error_posts_the_error_type_header_and_Lambda_s_error_body()
    {
        using var runtimeApi = new FakeRuntimeApi();
        await using var loop = Loop.Start(runtimeApi, CannedDynamoDb.Failing(HttpStatusCode.BadRequest, "ConditionalCheckFailedException", "The conditional request failed"));

        runtimeApi.Enqueue("req-2", """{"operation":"create","tableName":"lambda-apigateway","payload":{"Item":{"id":"1"},"ConditionExpression":"attribute_not_exists(id)"}}""");
        var post = await runtimeApi.NextPostAsync(Patience);

        post.Path.Should().Be("/2018-06-01/runtime/invocation/req-2/error");
        post.ErrorTypeHeader.Should().Be("ConditionalCheckFailedException");
        post.Body.Should().Be("""{"errorMessage":"The conditional request failed","errorType":"ConditionalCheckFailedException","stackTrace":[]}""");
    }

    [Test]
    public async Task A_malformed_event_is_an_InvalidRequest_function_error_and_the_loop_goes_on()
    {
        using var runtimeApi = new FakeRuntimeApi();
        await using var loop = Loop.Start(runtimeApi, CannedDynamoDb.Answering("{}"));

        runtimeApi.Enqueue("bad", "{\"operation\": ");
        runtimeApi.Enqueue("good", """{"operation":"ping"}""");
        var first = await runtimeApi.NextPostAsync(Patience);
        var second = await runtimeApi.NextPostAsync(Patience);

        first.Path.Should().EndWith("/bad/error");
        first.ErrorTypeHeader.Should().Be("InvalidRequest");
        first.Json.GetProperty("errorMessage").GetString().Should().StartWith("The event is not valid JSON");
        second.Path.Should().EndWith("/good/response");
        second.Body.Should().Be("\"pong\"");
    }

    [Test]
    public async Task An_init_error_the_Runtime_API_refuses_is_logged_and_the_process_still_exits_1()
    {
        using var runtimeApi = new FakeRuntimeApi();
        runtimeApi.RefuseInitErrors(HttpStatusCode.Forbidden);
        var log = new StringWriter();

        var exitCode = await RuntimeLoop.RunAsync(FakeRuntimeApi.InMemoryAddress, runtimeApi.Handler,
            () => Invoker.Create(FunctionSettings.FromVariables(name => name == "AWS_ENDPOINT_URL_DYNAMODB" ? "localhost:4567" : null), new FunctionLog(log)),
            new FunctionLog(log), TimeProvider.System, CancellationToken.None);

        exitCode.Should().Be(1);
        (await runtimeApi.NextPostAsync(Patience)).Status.Should().Be(HttpStatusCode.Forbidden);
        log.ToString().Should().Contain("The Runtime API refused the init error (403");
    }

    [Test]
    public async Task A_failure_during_init_is_posted_to_init_error_and_the_process_exits_1()
    {
        using var runtimeApi = new FakeRuntimeApi();
        var log = new StringWriter();

        var exitCode = await RuntimeLoop.RunAsync(FakeRuntimeApi.InMemoryAddress, runtimeApi.Handler,
            () => Invoker.Create(FunctionSettings.FromVariables(name => name == "AWS_ENDPOINT_URL_DYNAMODB" ? "localhost:4567" : null), new FunctionLog(log)),
            new FunctionLog(log), TimeProvider.System, CancellationToken.None);
        var post = await runtimeApi.NextPostAsync(Patience);

        exitCode.Should().Be(1);
        post.Path.Should().Be("/2018-06-01/runtime/init/error");
        post.ErrorTypeHeader.Should().Be("InvalidConfiguration");
        post.Json.GetProperty("errorMessage").GetString().Should().Contain("AWS_ENDPOINT_URL_DYNAMODB");
        runtimeApi.NextRequests.Should().Be(0, "no event is taken by a runtime that failed to start");
    }

    [Test]
    public async Task The_deadline_stops_a_slow_DynamoDB_call_and_posts_Timeout_before_Lambda_would()
    {
        using var runtimeApi = new FakeRuntimeApi();
        var slow = new CannedDynamoDb(_ => CannedDynamoDb.Json(HttpStatusCode.OK, "{}")) { Delay = TimeSpan.FromMinutes(5) };
        await using var loop = Loop.Start(runtimeApi, slow);

        runtimeApi.Enqueue("late", """{"operation":"read","tableName":"lambda-apigateway","payload":{"Key":{"id":"1"}}}""",
            deadline: DateTimeOffset.UtcNow + InvocationDeadline.Reserve + TimeSpan.FromMilliseconds(500));
        var post = await runtimeApi.NextPostAsync(Patience);

        post.Path.Should().EndWith("/late/error");
        post.ErrorTypeHeader.Should().Be("Timeout");
    }

    [Test]
    public async Task Several_invocations_in_a_row_share_one_process_and_log_their_request_ids()
    {
        using var runtimeApi = new FakeRuntimeApi();
        var dynamoDb = CannedDynamoDb.Answering("{}");
        await using var loop = Loop.Start(runtimeApi, dynamoDb);

        for (var i = 0; i < 5; i++)
        {
            runtimeApi.Enqueue($"req-{i}", """{"operation":"read","tableName":"lambda-apigateway","payload":{"Key":{"id":"1"}}}""", traceId: $"Root=1-trace-{i}");
        }

        var posts = new List<RuntimePost>();
        for (var i = 0; i < 5; i++)
        {
            posts.Add(await runtimeApi.NextPostAsync(Patience));
        }

        posts.Select(post => post.Path).Should().Equal(Enumerable.Range(0, 5).Select(i => $"/2018-06-01/runtime/invocation/req-{i}/response"));
        dynamoDb.Requests.Should().HaveCount(5);
        var logLines = loop.Log.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        logLines.Should().HaveCount(5).And.SatisfyRespectively(Enumerable.Range(0, 5)
            .Select(i => (Action<string>)(line => line.Should().Contain($"\"requestId\":\"req-{i}\""))));
        Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID").Should().Be("Root=1-trace-4");
    }

    [Test]
    public async Task A_2_MB_emoji_echo_is_answered_whole_in_UTF8_within_Lambda_s_limit()
    {
        using var runtimeApi = new FakeRuntimeApi();
        await using var loop = Loop.Start(runtimeApi, CannedDynamoDb.Answering("{}"));
        var emoji = string.Concat(Enumerable.Repeat("\U0001F600", 550_000));

        runtimeApi.Enqueue("emoji", $$"""{"operation":"echo","payload":"{{emoji}}"}""");
        var post = await runtimeApi.NextPostAsync(Patience);

        post.Path.Should().EndWith("/emoji/response");
        post.Status.Should().Be(HttpStatusCode.Accepted);
        post.Body.Should().Be($"\"{emoji}\"", "each emoji is its 4 UTF-8 bytes, not a 12-byte escape that would make 6.6 MB");
    }

    [Test]
    public async Task An_answer_over_Lambda_s_limit_is_posted_as_a_ResponseTooLarge_error_logged_as_413_and_the_next_event_is_served()
    {
        using var runtimeApi = new FakeRuntimeApi();
        var value = new string('\u0001', 100_000);
        var page = "{\"Items\":[" + string.Join(",", Enumerable.Range(0, 11).Select(i => $$$"""{"id":{"S":"{{{i}}}"},"v":{"S":{{{System.Text.Json.JsonSerializer.Serialize(value)}}}}}""")) + "],\"Count\":11,\"ScannedCount\":11}";
        await using var loop = Loop.Start(runtimeApi, CannedDynamoDb.Answering(page));

        runtimeApi.Enqueue("big", """{"operation":"list","tableName":"lambda-apigateway"}""");
        runtimeApi.Enqueue("next", """{"operation":"ping"}""");
        var first = await runtimeApi.NextPostAsync(Patience);
        var second = await runtimeApi.NextPostAsync(Patience);

        first.Path.Should().EndWith("/big/error");
        first.Status.Should().Be(HttpStatusCode.Accepted);
        first.ErrorTypeHeader.Should().Be("ResponseTooLarge");
        first.Json.GetProperty("errorMessage").GetString().Should().Contain("over Lambda's limit of 6291456 bytes");
        second.Path.Should().EndWith("/next/response");
        second.Body.Should().Be("\"pong\"");
        LogLine(loop, "big").Should().Contain("\"status\":413").And.Contain("\"errorType\":\"ResponseTooLarge\"");
    }

    [Test]
    public async Task A_response_the_Runtime_API_refuses_as_too_large_is_logged_and_answered_with_an_error_and_the_next_event_is_served()
    {
        // A Runtime API whose limit is below the core's, so the core's own check lets the answer through.
        using var runtimeApi = new FakeRuntimeApi { MaxPostBytes = 1_000 };
        await using var loop = Loop.Start(runtimeApi, CannedDynamoDb.Answering("{}"));

        runtimeApi.Enqueue("big", $$"""{"operation":"echo","payload":"{{new string('x', 2_000)}}"}""");
        runtimeApi.Enqueue("next", """{"operation":"ping"}""");
        var refused = await runtimeApi.NextPostAsync(Patience);
        var error = await runtimeApi.NextPostAsync(Patience);
        var next = await runtimeApi.NextPostAsync(Patience);

        refused.Path.Should().EndWith("/big/response");
        refused.Status.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        error.Path.Should().EndWith("/big/error");
        error.Status.Should().Be(HttpStatusCode.Accepted);
        error.ErrorTypeHeader.Should().Be("ResponseTooLarge");
        error.Json.GetProperty("errorMessage").GetString().Should().StartWith("The answer is 2002 bytes, more than Lambda accepted");
        next.Path.Should().EndWith("/next/response");
        var line = LogLines(loop, "big").Single(line => line.Contains("\"level\":\"ERROR\"", StringComparison.Ordinal));
        line.Should().Contain("refused the invocation's response of 2002 bytes (413 ")
            .And.Contain("RequestEntityTooLarge").And.Contain("the next event will be served");
    }

    [Test]
    public async Task Posts_refused_for_an_invocation_Lambda_has_closed_are_logged_and_the_next_event_is_served()
    {
        using var runtimeApi = new FakeRuntimeApi();
        runtimeApi.RefusePostsFor("closed", HttpStatusCode.Forbidden);
        await using var loop = Loop.Start(runtimeApi, CannedDynamoDb.Answering("{}"));

        runtimeApi.Enqueue("closed", """{"operation":"ping"}""");
        runtimeApi.Enqueue("next", """{"operation":"ping"}""");
        var posts = new[] { await runtimeApi.NextPostAsync(Patience), await runtimeApi.NextPostAsync(Patience), await runtimeApi.NextPostAsync(Patience) };

        posts.Select(post => (post.Path.Split('/')[^2..] is [var id, var kind] ? $"{id}/{kind}" : "", post.Status)).Should().Equal(
            ("closed/response", HttpStatusCode.Forbidden), ("closed/error", HttpStatusCode.Forbidden), ("next/response", HttpStatusCode.Accepted));
        LogLines(loop, "closed").Where(line => line.Contains("\"level\":\"ERROR\"", StringComparison.Ordinal)).Should().SatisfyRespectively(
            line => line.Should().Contain("refused the invocation's response of 6 bytes (403 "),
            line => line.Should().Contain("refused the InternalError error posted instead (403 "));
    }

    [Test]
    public async Task A_vanished_Runtime_API_ends_the_process_with_exit_code_1()
    {
        var runtimeApi = new FakeRuntimeApi();
        runtimeApi.Dispose();
        var log = new StringWriter();

        var exitCode = await RuntimeLoop.RunAsync(FakeRuntimeApi.InMemoryAddress, runtimeApi.Handler, () => TestFunction.Against(CannedDynamoDb.Answering("{}")).Invoker,
            new FunctionLog(log), TimeProvider.System, CancellationToken.None);

        exitCode.Should().Be(1);
        log.ToString().Should().Contain("The Runtime API failed");
    }

    private static IEnumerable<string> LogLines(Loop loop, string requestId) =>
        loop.Log.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => line.Contains($"\"requestId\":\"{requestId}\"", StringComparison.Ordinal));

    /// <summary>The invocation's own log line, the one the core writes.</summary>
    private static string LogLine(Loop loop, string requestId) =>
        LogLines(loop, requestId).Single(line => line.Contains("\"status\":", StringComparison.Ordinal));

    /// <summary>The loop running in the background until the test ends.</summary>
    private sealed class Loop : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly StringWriter _log = new();
        private Task<int>? _running;

        public string Log => _log.ToString();

        public static Loop Start(FakeRuntimeApi runtimeApi, CannedDynamoDb dynamoDb)
        {
            var loop = new Loop();
            var log = new FunctionLog(loop._log);
            loop._running = Task.Run(() => RuntimeLoop.RunAsync(FakeRuntimeApi.InMemoryAddress, runtimeApi.Handler,
                () => Invoker.Create(FunctionSettings.FromVariables(name => name == "AWS_ENDPOINT_URL_DYNAMODB" ? "http://127.0.0.1:9" : null),
                    log, new Amazon.Runtime.BasicAWSCredentials("test", "test"), dynamoDb),
                log, TimeProvider.System, loop._stop.Token));
            return loop;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            (await _running!).Should().Be(0, "a stopped loop exits cleanly");
            _stop.Dispose();
        }
    }
}
