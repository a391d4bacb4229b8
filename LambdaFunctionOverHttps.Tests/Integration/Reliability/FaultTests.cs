using System.Collections.Concurrent;
using System.Diagnostics;
using Amazon.DynamoDBv2.Model;
using FluentAssertions;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Integration.Reliability;

/// <summary>
/// DynamoDB dying, coming back and dawdling, with a real dynalite that keeps its data on disk so
/// it can be killed and restarted on the same port the function already uses.
/// </summary>
[Category("Dynalite")]
[NonParallelizable]
public class FaultTests
{
    private string _dataDirectory = "";

    [SetUp]
    public void NewDataDirectory() => _dataDirectory = TemporaryFolder.Create("dynalite-faults-");

    [TearDown]
    public void RemoveDataDirectory() => Directory.Delete(_dataDirectory, recursive: true);

    [Test]
    public async Task A_dead_DynamoDB_is_ServiceUnavailable_and_the_first_request_after_its_return_succeeds()
    {
        var dynalite = Dynalite.Start(dataDirectory: _dataDirectory);
        var function = TestFunction.Against(dynalite.Endpoint);
        await CreateTable(dynalite);
        (await function.Call("create", "faults", """{"Item":{"id":"before","v":1}}""")).IsFunctionError.Should().BeFalse();

        dynalite.Dispose();
        var clock = Stopwatch.StartNew();
        var down = await function.Call("read", "faults", """{"Key":{"id":"before"}}""");
        clock.Stop();

        using var restarted = Dynalite.Start(dynalite.Port, _dataDirectory);
        var up = await function.Call("read", "faults", """{"Key":{"id":"before"}}""");

        down.ErrorType.Should().Be("ServiceUnavailable");
        down.Result.Outcome.StatusCode.Should().Be(503);
        up.IsFunctionError.Should().BeFalse(up.Text);
        up.Json.GetProperty("Item").GetProperty("v").GetInt32().Should().Be(1, "the same process serves again, and the data survived");
        TestContext.Out.WriteLine($"refused connection surfaced as ServiceUnavailable after {clock.ElapsedMilliseconds} ms (3 attempts)");
    }

    [Test]
    public async Task A_slow_DynamoDB_is_cut_off_at_the_deadline_with_Timeout_never_a_hung_invocation()
    {
        using var dynalite = Dynalite.Start();
        await CreateTable(dynalite);
        using var slow = new LoopbackHttpProxy(dynalite.Endpoint) { Delay = TimeSpan.FromSeconds(30) };
        var function = TestFunction.Against(slow.Endpoint);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(1));

        var clock = Stopwatch.StartNew();
        var answer = await function.InvokeAsync("""{"operation":"read","tableName":"faults","payload":{"Key":{"id":"x"}}}""", deadline.Token);
        clock.Stop();

        answer.ErrorType.Should().Be("Timeout");
        answer.Result.Outcome.StatusCode.Should().Be(504);
        slow.Requests.Should().ContainSingle("the call reached DynamoDB and was abandoned, not retried past the deadline");
        TestContext.Out.WriteLine($"a 30 s DynamoDB answer was cut off after {clock.ElapsedMilliseconds} ms by a 1 s deadline");
    }

    [Test]
    public async Task Killing_DynamoDB_under_load_gives_clear_errors_and_loses_no_acknowledged_write()
    {
        var dynalite = Dynalite.Start(dataDirectory: _dataDirectory);
        await CreateTable(dynalite);
        var function = TestFunction.Against(dynalite.Endpoint);
        var acknowledged = new ConcurrentBag<string>();
        var failures = new ConcurrentBag<(string Type, DateTime At)>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var id = $"w{writer}-{i}";
                var answer = await function.Call("create", "faults", """{"Item":{"id":"{id}","n":{i}}}""".With("id", id).With("i", i));
                if (answer.IsFunctionError)
                {
                    failures.Add((answer.ErrorType!, DateTime.UtcNow));
                }
                else
                {
                    acknowledged.Add(id);
                }
            }
        })).ToArray();

        await Task.Delay(TimeSpan.FromSeconds(1));
        dynalite.Dispose();
        await Task.Delay(TimeSpan.FromSeconds(1));
        using var restarted = Dynalite.Start(dynalite.Port, _dataDirectory);
        var backAt = DateTime.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(2));
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        failures.Should().NotBeEmpty("the outage must have been noticed for this test to mean anything");
        failures.Select(failure => failure.Type).Should().OnlyContain(type => type == "ServiceUnavailable");
        // A write already in flight when DynamoDB came back may still fail after backAt; later ones may not.
        failures.Should().OnlyContain(failure => failure.At < backAt.AddSeconds(1), "no errors once DynamoDB is back");
        var stored = await AllIds(restarted);
        stored.Should().Contain(acknowledged, "every write the function acknowledged is in the table");
        TestContext.Out.WriteLine($"{acknowledged.Count} writes acknowledged, all present; {failures.Count} refused as ServiceUnavailable during the outage");
    }

    private static async Task CreateTable(Dynalite dynalite)
    {
        using var admin = dynalite.AdminClient();
        await Dynalite.CreateTable(admin, "faults");
    }

    private static async Task<HashSet<string>> AllIds(Dynalite dynalite)
    {
        using var admin = dynalite.AdminClient();
        var ids = new HashSet<string>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await admin.ScanAsync(new ScanRequest { TableName = "faults", ExclusiveStartKey = start, ConsistentRead = true });
            ids.UnionWith(page.Items.Select(item => item["id"].S));
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);

        return ids;
    }
}
