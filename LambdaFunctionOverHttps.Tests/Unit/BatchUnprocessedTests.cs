using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Unit;

/// <summary>
/// What DynamoDB leaves unprocessed is sent again until done; what the deadline or a failure
/// leaves is handed back to the caller. Never lost: every key or request is either done or in
/// the answer's Unprocessed list, and never both.
/// </summary>
public class BatchUnprocessedTests
{
    [Test]
    public async Task Writes_DynamoDB_leaves_unprocessed_are_sent_again_until_all_are_written()
    {
        // The first time "DynamoDB" sees a request, it leaves every other one unprocessed.
        var table = new FakeTable(leaveUnprocessed: (id, seen) => seen == 1 && int.Parse(id[1..]) % 2 == 0);
        var function = TestFunction.Against(table.DynamoDb);

        var answer = await function.Call("batchWrite", "lambda-apigateway", Puts(0, 60));

        answer.IsFunctionError.Should().BeFalse(answer.Text);
        answer.Json.GetProperty("UnprocessedItems").GetArrayLength().Should().Be(0);
        table.Items.Keys.Should().BeEquivalentTo(Enumerable.Range(0, 60).Select(i => $"k{i}"));
        var calls = table.DynamoDb.Requests.Count(request => request.Action == "BatchWriteItem");
        calls.Should().BeGreaterThan(3, "60 requests are three calls of 25 and more to send the unprocessed again");
        var line = LogLine(function);
        line.GetProperty("requests").GetInt32().Should().Be(60);
        line.GetProperty("calls").GetInt32().Should().Be(calls + 1, "DescribeTable is a call too");
        line.GetProperty("retries").GetInt32().Should().Be(calls - 3);
        line.GetProperty("unprocessed").GetInt32().Should().Be(0);
        line.TryGetProperty("stoppedBy", out _).Should().BeFalse();
    }

    [Test]
    public async Task Keys_DynamoDB_leaves_unprocessed_are_read_again_and_the_items_come_in_the_order_of_the_keys()
    {
        var table = new FakeTable(leaveUnprocessed: (id, seen) => seen <= 2 && int.Parse(id[1..]) % 3 == 0);
        table.Put(Enumerable.Range(0, 250).Where(i => i % 7 != 0).Select(i => $"k{i}"));
        var function = TestFunction.Against(table.DynamoDb);
        var keys = Enumerable.Range(0, 250).Reverse().ToList();

        var answer = await function.Call("batchRead", "lambda-apigateway",
            $$"""{"Keys":[{{string.Join(",", keys.Select(i => $$"""{"id":"k{{i}}"}"""))}}]}""");

        answer.IsFunctionError.Should().BeFalse(answer.Text);
        answer.Json.GetProperty("Items").EnumerateArray().Select(item => item.GetProperty("id").GetString()).Should()
            .Equal(keys.Where(i => i % 7 != 0).Select(i => $"k{i}"), "items come in the order of Keys, missing ones absent");
        answer.Json.GetProperty("UnprocessedKeys").GetArrayLength().Should().Be(0);
        var line = LogLine(function);
        line.GetProperty("keys").GetInt32().Should().Be(250);
        line.GetProperty("retries").GetInt32().Should().BeGreaterThan(0);
        line.TryGetProperty("stoppedBy", out _).Should().BeFalse("every key was read");
    }

    [Test]
    public async Task Requests_DynamoDB_keeps_leaving_unprocessed_are_handed_back_after_the_last_retry()
    {
        var table = new FakeTable(leaveUnprocessed: (id, _) => id == "k7");
        var function = TestFunction.Against(table.DynamoDb);

        var answer = await function.Call("batchWrite", "lambda-apigateway", Puts(0, 30));

        answer.Json.GetProperty("UnprocessedItems").GetRawText().Should().Be("""[{"PutRequest":{"Item":{"id":"k7","n":7}}}]""");
        table.Items.Keys.Should().HaveCount(29).And.NotContain("k7");
        LogLine(function).GetProperty("stoppedBy").GetString().Should().Be("retries");
    }

    [Test]
    public async Task A_write_batch_cut_by_the_deadline_hands_back_every_request_not_known_to_be_written()
    {
        // The deadline comes during the third call: the calls under way then are cut short and
        // handed back though "DynamoDB" may have applied them (sending a put or delete again is
        // harmless), and none is started after it.
        using var deadline = new CancellationTokenSource();
        var table = new FakeTable(beforeCall: count =>
        {
            if (count == 3)
            {
                deadline.Cancel();
            }
        }, concurrent: true);
        var function = TestFunction.Against(table.DynamoDb);

        var answer = await function.InvokeAsync(Envelope("batchWrite", Puts(0, 200)), deadline.Token);

        answer.IsFunctionError.Should().BeFalse(answer.Text);
        var handedBack = answer.Json.GetProperty("UnprocessedItems").EnumerateArray()
            .Select(request => request.GetProperty("PutRequest").GetProperty("Item").GetProperty("id").GetString()!).ToList();
        handedBack.Should().NotBeEmpty().And.OnlyHaveUniqueItems();
        handedBack.Union(table.Items.Keys).Should().BeEquivalentTo(Enumerable.Range(0, 200).Select(i => $"k{i}"), "every request is written or handed back");
        handedBack.Intersect(table.Items.Keys).Count().Should().BeLessThanOrEqualTo(4 * 25, "only the calls under way when the deadline came may be both");
        table.DynamoDb.Requests.Count(request => request.Action == "BatchWriteItem").Should().BeLessThanOrEqualTo(4 + 2, "no call starts after the deadline");
        LogLine(function).GetProperty("stoppedBy").GetString().Should().Be("deadline");
    }

    [Test]
    public async Task Keys_whose_items_would_not_fit_in_Lambda_s_response_are_handed_back_in_order()
    {
        // 100 items of 100 KB, half of it quotes, which a proxy answer escapes once more: 15 MB as sent.
        var table = new FakeTable();
        var text = string.Concat(Enumerable.Repeat("a\"", 50_000));
        table.Put(Enumerable.Range(0, 100).Select(i => $"k{i}"), JsonValue.Create(text));
        var function = TestFunction.Against(table.DynamoDb);

        var answer = await function.Call("batchRead", "lambda-apigateway", Keys(0, 100));

        answer.IsFunctionError.Should().BeFalse(answer.ErrorMessage);
        var payload = answer.Result.Payload;
        (payload.Length + payload.Count(b => b is (byte)'"' or (byte)'\\')).Should().BeLessThanOrEqualTo(6 * 1024 * 1024, "it fits as a proxy answer's body too");
        var items = answer.Json.GetProperty("Items").EnumerateArray().Select(item => item.GetProperty("id").GetString()).ToList();
        var handedBack = answer.Json.GetProperty("UnprocessedKeys").EnumerateArray().Select(key => key.GetProperty("id").GetString()).ToList();
        items.Should().NotBeEmpty();
        items.Concat(handedBack).Should().Equal(Enumerable.Range(0, 100).Select(i => $"k{i}"), "the items that fit come first, in key order, and the rest are handed back");
        LogLine(function).GetProperty("stoppedBy").GetString().Should().Be("responseLimit");
    }

    [Test]
    public async Task A_batch_with_no_time_left_starts_no_call_and_hands_every_key_back()
    {
        var table = new FakeTable();
        table.Put(["k1", "k2"]);
        var function = TestFunction.Against(table.DynamoDb);

        var answer = await WithTimeLeft(function, "batchRead", """{"Keys":[{"id":"k1"},{"id":"k2"}]}""", TimeSpan.Zero);

        answer.GetProperty("Items").GetArrayLength().Should().Be(0);
        answer.GetProperty("UnprocessedKeys").GetRawText().Should().Be("""[{"id":"k1"},{"id":"k2"}]""");
        table.DynamoDb.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task A_batch_stops_starting_calls_a_quarter_of_its_time_before_the_deadline_and_hands_back_the_rest()
    {
        // 40 calls of 300 ms, four at a time, take 3 s; the invocation has 2 s, so no call starts after 1.5 s.
        var table = new FakeTable(beforeCall: _ => Thread.Sleep(300));
        var function = TestFunction.Against(table.DynamoDb);

        var answer = await WithTimeLeft(function, "batchWrite", Puts(0, 1000), TimeSpan.FromSeconds(2));

        var handedBack = answer.GetProperty("UnprocessedItems").EnumerateArray()
            .Select(request => request.GetProperty("PutRequest").GetProperty("Item").GetProperty("id").GetString()!).ToList();
        handedBack.Should().NotBeEmpty();
        handedBack.Union(table.Items.Keys).Should().BeEquivalentTo(Enumerable.Range(0, 1000).Select(i => $"k{i}"), "every request is written or handed back");
        table.DynamoDb.Requests.Count(request => request.Action == "BatchWriteItem").Should().BeLessThan(40);
        LogLine(function).GetProperty("stoppedBy").GetString().Should().Be("deadline");
    }

    [Test]
    public async Task A_read_batch_starts_no_call_once_the_items_read_fill_Lambda_s_response()
    {
        // 500 keys are five calls of 100, each bringing 6 MB of items: once the answer is full, no call starts.
        var table = new FakeTable();
        table.Put(Enumerable.Range(0, 500).Select(i => $"k{i}"), JsonValue.Create(new string('a', 60_000)));
        var function = TestFunction.Against(table.DynamoDb);

        var answer = await function.Call("batchRead", "lambda-apigateway", Keys(0, 500));

        answer.IsFunctionError.Should().BeFalse(answer.ErrorMessage);
        table.DynamoDb.Requests.Count(request => request.Action == "BatchGetItem").Should().BeLessThan(5);
        answer.Json.GetProperty("UnprocessedKeys").GetArrayLength().Should().BeGreaterThanOrEqualTo(100);
        LogLine(function).GetProperty("stoppedBy").GetString().Should().Be("responseLimit");
    }

    [Test]
    public async Task A_DynamoDB_failure_after_some_calls_answers_what_was_written_and_hands_back_the_rest_with_the_error()
    {
        // Every call that carries k30 fails after the SDK's own retries.
        var table = new FakeTable(fail: ids => ids.Contains("k30"));
        var function = TestFunction.Against(table.DynamoDb);

        var answer = await function.Call("batchWrite", "lambda-apigateway", Puts(0, 200));

        answer.IsFunctionError.Should().BeFalse(answer.Text);
        answer.Json.GetProperty("Error").GetProperty("errorType").GetString().Should().Be("ProvisionedThroughputExceededException");
        var handedBack = answer.Json.GetProperty("UnprocessedItems").EnumerateArray()
            .Select(request => request.GetProperty("PutRequest").GetProperty("Item").GetProperty("id").GetString()!).ToList();
        handedBack.Should().Contain(Enumerable.Range(25, 25).Select(i => $"k{i}"), "the failed call's requests are handed back");
        handedBack.Select(id => int.Parse(id.AsSpan(1))).Should().BeInAscendingOrder("in the caller's order");
        handedBack.Concat(table.Items.Keys).Should().BeEquivalentTo(Enumerable.Range(0, 200).Select(i => $"k{i}"));
        handedBack.Intersect(table.Items.Keys).Should().BeEmpty();
        LogLine(function).GetProperty("stoppedBy").GetString().Should().Be("ProvisionedThroughputExceededException");
    }

    [Test]
    public async Task A_DynamoDB_failure_during_a_read_batch_answers_the_items_read_and_hands_back_the_rest_with_the_error()
    {
        // Three calls of 100 keys; the one that carries k150 fails after the SDK's own retries.
        var table = new FakeTable(fail: ids => ids.Contains("k150"));
        table.Put(Enumerable.Range(0, 300).Select(i => $"k{i}"));
        var function = TestFunction.Against(table.DynamoDb);

        var answer = await function.Call("batchRead", "lambda-apigateway", Keys(0, 300));

        answer.IsFunctionError.Should().BeFalse(answer.Text);
        answer.Json.GetProperty("Items").EnumerateArray().Select(item => item.GetProperty("id").GetString()).Should()
            .Equal(Enumerable.Range(0, 100).Concat(Enumerable.Range(200, 100)).Select(i => $"k{i}"));
        answer.Json.GetProperty("UnprocessedKeys").EnumerateArray().Select(key => key.GetProperty("id").GetString()).Should()
            .Equal(Enumerable.Range(100, 100).Select(i => $"k{i}"));
        var error = answer.Json.GetProperty("Error");
        error.GetProperty("errorType").GetString().Should().Be("ProvisionedThroughputExceededException");
        error.GetProperty("errorMessage").GetString().Should().NotBeNullOrEmpty();
        LogLine(function).GetProperty("stoppedBy").GetString().Should().Be("ProvisionedThroughputExceededException");
    }

    [Test]
    public async Task Keys_DynamoDB_keeps_leaving_unprocessed_are_handed_back_after_exactly_eight_retries()
    {
        var table = new FakeTable(leaveUnprocessed: (id, _) => id == "k7");
        table.Put(Enumerable.Range(0, 30).Select(i => $"k{i}"));
        var function = TestFunction.Against(table.DynamoDb);

        var answer = await function.Call("batchRead", "lambda-apigateway", Keys(0, 30));

        answer.Json.GetProperty("Items").GetArrayLength().Should().Be(29);
        answer.Json.GetProperty("UnprocessedKeys").GetRawText().Should().Be("""[{"id":"k7"}]""");
        var line = LogLine(function);
        line.GetProperty("retries").GetInt32().Should().Be(8);
        line.GetProperty("calls").GetInt32().Should().Be(9);
        line.GetProperty("stoppedBy").GetString().Should().Be("retries");
    }

    [Test]
    public async Task A_read_batch_cut_to_fit_the_answer_names_its_failure_in_the_log_line_not_the_answer_s_size()
    {
        // Three calls in flight at once: the first brings 7 MB of items, the second fails, the third is small.
        var table = new FakeTable(fail: ids => ids.Contains("k150"), concurrent: true);
        table.Put(Enumerable.Range(0, 100).Select(i => $"k{i}"), JsonValue.Create(new string('a', 70_000)));
        table.Put(Enumerable.Range(100, 200).Select(i => $"k{i}"));
        var function = TestFunction.Against(table.DynamoDb);

        var answer = await function.Call("batchRead", "lambda-apigateway", Keys(0, 300));

        answer.IsFunctionError.Should().BeFalse(answer.ErrorMessage);
        answer.Json.GetProperty("Items").GetArrayLength().Should().BeLessThan(100, "the first call's items weigh more than Lambda's response takes");
        answer.Json.GetProperty("Error").GetProperty("errorType").GetString().Should().Be("ProvisionedThroughputExceededException");
        LogLine(function).GetProperty("stoppedBy").GetString().Should().Be("ProvisionedThroughputExceededException");
    }

    [Test]
    public async Task A_retry_whose_back_off_the_deadline_cuts_short_is_handed_back_not_lost()
    {
        // k7 is left unprocessed every time; its back-offs grow (up to 50, 100, 200, 400, 800 ms…) until
        // the invocation, with 1 s, stops starting calls at 750 ms, during one of them.
        var table = new FakeTable(leaveUnprocessed: (id, _) => id == "k7");
        var function = TestFunction.Against(table.DynamoDb);

        var answer = await WithTimeLeft(function, "batchWrite", Puts(0, 30), TimeSpan.FromSeconds(1));

        answer.GetProperty("UnprocessedItems").GetRawText().Should().Be("""[{"PutRequest":{"Item":{"id":"k7","n":7}}}]""");
        table.Items.Keys.Should().HaveCount(29).And.NotContain("k7");
        LogLine(function).GetProperty("stoppedBy").GetString().Should().Be("deadline");
    }

    [Test]
    public async Task Keys_handed_back_count_in_the_answer_s_size_so_long_keys_still_fit_as_a_proxy_answer()
    {
        // 100 keys of 2,000 characters, 200 KB of keys to hand back, and items of 100 KB that do not all fit.
        var ids = Enumerable.Range(0, 100).Select(i => $"k{i}-" + new string('x', 2000)).ToList();
        var table = new FakeTable();
        table.Put(ids, JsonValue.Create(new string('a', 100_000)));
        var function = TestFunction.Against(table.DynamoDb);

        var answer = await function.Call("batchRead", "lambda-apigateway", "{\"Keys\":[" + string.Join(",", ids.Select(id => "{\"id\":\"" + id + "\"}")) + "]}");

        answer.IsFunctionError.Should().BeFalse(answer.ErrorMessage);
        var payload = answer.Result.Payload;
        (payload.Length + payload.Count(b => b is (byte)'"' or (byte)'\\')).Should().BeLessThanOrEqualTo(6 * 1024 * 1024, "it fits as a proxy answer's body too");
        answer.Json.GetProperty("UnprocessedKeys").GetArrayLength().Should().BeGreaterThan(0);
    }

    [Test]
    public async Task The_answer_names_the_request_id_of_the_last_call_DynamoDB_answered_with_one()
    {
        // Three calls of 25, one after another: the second answers with a request id, the third without.
        var calls = 0;
        var dynamoDb = new CannedDynamoDb(request =>
        {
            var answer = CannedDynamoDb.Json(HttpStatusCode.OK, request.Action == "DescribeTable" ? BatchValidationTests.DescribeTable() : """{"UnprocessedItems":{}}""");
            answer.Headers.Remove("x-amzn-RequestId");
            if (request.Action == "BatchWriteItem" && ++calls == 2)
            {
                answer.Headers.Add("x-amzn-RequestId", "SECOND-CALL");
            }

            return answer;
        });

        var result = await TestFunction.Against(dynamoDb).Call("batchWrite", "lambda-apigateway", Puts(0, 75));

        result.Json.GetProperty("ResponseMetadata").GetProperty("RequestId").GetString().Should().Be("SECOND-CALL");
    }

    [Test]
    public async Task A_batch_whose_last_call_ends_after_the_time_to_start_calls_has_passed_was_not_stopped()
    {
        // One call, of 3.3 s, in an invocation of 4 s: it ends after the point (3 s) after which no call
        // starts, with nothing left to start.
        var table = new FakeTable(beforeCall: _ => Thread.Sleep(3300));
        var function = TestFunction.Against(table.DynamoDb);

        var answer = await WithTimeLeft(function, "batchWrite", Puts(0, 10), TimeSpan.FromSeconds(4));

        answer.GetProperty("UnprocessedItems").GetArrayLength().Should().Be(0);
        LogLine(function).TryGetProperty("stoppedBy", out _).Should().BeFalse("nothing was left to start");
    }

    [Test]
    public async Task A_failure_beside_calls_the_deadline_cut_is_reported_with_everything_handed_back_as_they_may_have_been_applied()
    {
        // Three calls: two still running at the deadline (1 s), the third refused at once.
        var dynamoDb = new CannedDynamoDb(request =>
        {
            if (request.Action == "DescribeTable")
            {
                return CannedDynamoDb.Json(HttpStatusCode.OK, BatchValidationTests.DescribeTable());
            }

            if (request.Body.Contains("\"k50\"", StringComparison.Ordinal))
            {
                return CannedDynamoDb.Json(HttpStatusCode.BadRequest,
                    """{"__type":"com.amazonaws.dynamodb.v20120810#ValidationException","message":"refused"}""");
            }

            return CannedDynamoDb.Json(HttpStatusCode.OK, """{"UnprocessedItems":{}}""");
        })
        {
            DelayFor = request => request.Action == "BatchWriteItem" && !request.Body.Contains("\"k50\"", StringComparison.Ordinal)
                ? TimeSpan.FromSeconds(3)
                : TimeSpan.FromMilliseconds(1),
        };
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(1));

        var answer = await TestFunction.Against(dynamoDb).InvokeAsync(Envelope("batchWrite", Puts(0, 75)), deadline.Token);

        answer.IsFunctionError.Should().BeFalse(answer.Text);
        answer.Json.GetProperty("Error").GetProperty("errorType").GetString().Should().Be("ValidationException");
        answer.Json.GetProperty("UnprocessedItems").GetArrayLength().Should().Be(75);
    }

    [Test]
    public async Task No_more_than_four_calls_are_in_flight_at_once()
    {
        // Each call takes 100 ms; when one is answered, the calls sent and not yet answered are in flight.
        var answered = 0;
        var most = 0;
        FakeTable? table = null;
        table = new FakeTable(beforeCall: _ =>
        {
            var sent = table!.DynamoDb.Requests.Count(request => request.Action == "BatchWriteItem");
            InterlockedMax(ref most, sent - Interlocked.Increment(ref answered) + 1);
        }, delayFor: _ => TimeSpan.FromMilliseconds(100));

        var answer = await TestFunction.Against(table.DynamoDb).Call("batchWrite", "lambda-apigateway", Puts(0, 250));

        answer.IsFunctionError.Should().BeFalse(answer.Text);
        table.Items.Should().HaveCount(250);
        most.Should().Be(4, "ten calls of 25, four at a time");
    }

    [Test]
    public async Task A_read_batch_whose_first_call_fills_the_answer_to_exactly_its_room_starts_no_other()
    {
        // Five calls of 100 keys, four at a time. Each call's items weigh exactly the answer's room as sent (6 MB less 64 KB):
        // per item {"id":"k100","n":100,"text":"…"} is 31 characters, 10 quotes escaped once more and a comma, 42 bytes
        // and its text; 99 texts of 62,845 characters and one of 65 make 6,225,920. The first call answers alone
        // (the others wait), and once its items fill the room, the fifth call is not started.
        var arrived = 0;
        var table = new FakeTable(delayFor: request =>
            request.Action == "BatchGetItem" && Interlocked.Increment(ref arrived) > 1 ? TimeSpan.FromMilliseconds(500) : TimeSpan.FromMilliseconds(1));
        var ids = Enumerable.Range(100, 500).ToList();
        table.Put(ids.Where(i => i % 100 != 0).Select(i => $"k{i}"), JsonValue.Create(new string('a', 62_845)));
        table.Put(ids.Where(i => i % 100 == 0).Select(i => $"k{i}"), JsonValue.Create(new string('a', 65)));
        var function = TestFunction.Against(table.DynamoDb);

        var answer = await function.Call("batchRead", "lambda-apigateway", Keys(100, 500));

        answer.IsFunctionError.Should().BeFalse(answer.ErrorMessage);
        table.DynamoDb.Requests.Count(request => request.Action == "BatchGetItem").Should().Be(4);
        LogLine(function).GetProperty("stoppedBy").GetString().Should().Be("responseLimit");
    }

    [Test]
    public async Task A_DynamoDB_failure_before_anything_was_written_is_the_error_itself()
    {
        var table = new FakeTable(fail: _ => true);

        var answer = await TestFunction.Against(table.DynamoDb).Call("batchWrite", "lambda-apigateway", Puts(0, 10));

        answer.IsFunctionError.Should().BeTrue();
        answer.ErrorType.Should().Be("ProvisionedThroughputExceededException");
        table.Items.Should().BeEmpty();
    }

    private static string Puts(int from, int count) =>
        $$"""{"Requests":[{{string.Join(",", Enumerable.Range(from, count).Select(i => "{\"PutRequest\":{\"Item\":{\"id\":\"k" + i + "\",\"n\":" + i + "}}}"))}}]}""";

    /// <summary>Invokes as a host with <paramref name="timeLeft"/> before its deadline does, and answers the payload.</summary>
    private static async Task<JsonElement> WithTimeLeft(TestFunction function, string operation, string payload, TimeSpan timeLeft)
    {
        var result = await function.Invoker.InvokeAsync(Encoding.UTF8.GetBytes(Envelope(operation, payload)), "test", CancellationToken.None, timeLeft: timeLeft);
        return JsonDocument.Parse(result.Payload).RootElement;
    }

    private static string Keys(int from, int count) =>
        "{\"Keys\":[" + string.Join(",", Enumerable.Range(from, count).Select(i => "{\"id\":\"k" + i + "\"}")) + "]}";

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen && Interlocked.CompareExchange(ref target, value, seen) is var before && before != seen)
        {
            seen = before;
        }
    }

    private static string Envelope(string operation, string payload) =>
        $$"""{"operation":"{{operation}}","tableName":"lambda-apigateway","payload":{{payload}}}""";

    private static JsonElement LogLine(TestFunction function) =>
        JsonDocument.Parse(function.Log.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last()).RootElement;

    /// <summary>
    /// A table keyed by the string <c>id</c> behind the canned transport, serving BatchWriteItem and
    /// BatchGetItem, which leaves unprocessed what <c>leaveUnprocessed(id, times seen)</c> says and
    /// fails (as throttled past the SDK's retries) the calls <c>fail(ids)</c> says; <c>concurrent</c>
    /// makes each call wait a moment first, so that several are in flight at once.
    /// </summary>
    private sealed class FakeTable
    {
        private readonly ConcurrentDictionary<string, int> _seen = new();
        private int _calls;

        public FakeTable(
            Func<string, int, bool>? leaveUnprocessed = null,
            Func<IReadOnlyList<string>, bool>? fail = null,
            Action<int>? beforeCall = null,
            bool concurrent = false,
            Func<CannedRequest, TimeSpan>? delayFor = null)
        {
            leaveUnprocessed ??= (_, _) => false;
            DynamoDb = new CannedDynamoDb(request =>
            {
                if (request.Action == "DescribeTable")
                {
                    return CannedDynamoDb.Json(HttpStatusCode.OK, BatchValidationTests.DescribeTable());
                }

                beforeCall?.Invoke(Interlocked.Increment(ref _calls));
                var body = JsonNode.Parse(request.Body)!["RequestItems"]!["lambda-apigateway"]!;
                var isWrite = request.Action == "BatchWriteItem";
                var entries = isWrite ? body.AsArray().ToList() : body["Keys"]!.AsArray().ToList();
                var ids = entries.Select(entry => (string)(isWrite ? entry!["PutRequest"]?["Item"] ?? entry!["DeleteRequest"]!["Key"] : entry)!["id"]!["S"]!).ToList();
                if (fail?.Invoke(ids) == true)
                {
                    return CannedDynamoDb.Json(HttpStatusCode.BadRequest,
                        """{"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","message":"Rate exceeded"}""");
                }

                var left = new JsonArray();
                var found = new JsonArray();
                for (var i = 0; i < entries.Count; i++)
                {
                    if (leaveUnprocessed(ids[i], _seen.AddOrUpdate(ids[i], 1, (_, seen) => seen + 1)))
                    {
                        left.Add(entries[i]!.DeepClone());
                    }
                    else if (isWrite && entries[i]!["PutRequest"] is { } put)
                    {
                        Items[ids[i]] = put["Item"]!.DeepClone();
                    }
                    else if (isWrite)
                    {
                        Items.TryRemove(ids[i], out _);
                    }
                    else if (Items.TryGetValue(ids[i], out var item))
                    {
                        found.Add(item.DeepClone());
                    }
                }

                var answer = isWrite
                    ? new JsonObject { ["UnprocessedItems"] = left.Count == 0 ? new JsonObject() : new JsonObject { ["lambda-apigateway"] = left } }
                    : new JsonObject
                    {
                        ["Responses"] = new JsonObject { ["lambda-apigateway"] = found },
                        ["UnprocessedKeys"] = left.Count == 0 ? new JsonObject() : new JsonObject { ["lambda-apigateway"] = new JsonObject { ["Keys"] = left } },
                    };
                return CannedDynamoDb.Json(HttpStatusCode.OK, answer.ToJsonString());
            })
            {
                // Without a delay the canned transport answers at once, and each call is over before the next starts.
                Delay = concurrent ? TimeSpan.FromMilliseconds(1) : TimeSpan.Zero,
                DelayFor = delayFor,
            };
        }

        public CannedDynamoDb DynamoDb { get; }

        public ConcurrentDictionary<string, JsonNode> Items { get; } = new();

        public void Put(IEnumerable<string> ids, JsonNode? text = null)
        {
            foreach (var id in ids)
            {
                Items[id] = int.TryParse(id.AsSpan(1), out var number)
                    ? JsonNode.Parse("{\"id\":{\"S\":\"" + id + "\"},\"n\":{\"N\":\"" + number + "\"}}")!
                    : JsonNode.Parse("{\"id\":{\"S\":\"" + id + "\"}}")!;
                if (text is not null)
                {
                    Items[id]["text"] = new JsonObject { ["S"] = text.DeepClone() };
                }
            }
        }
    }
}
