using System.Collections.Concurrent;
using System.Net;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using FluentAssertions;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.LocalStack;

/// <summary>
/// Many clients at once through the local stack, checked behind its back on the DynamoDB it
/// uses. The rule for writes: acknowledged ⊆ stored ⊆ attempted. Every 200 is in the table, and
/// nothing is in it that no one sent; a request that failed or timed out may or may not have
/// been applied. Here every answer is expected to be a 200, so all three sets are equal.
/// </summary>
[Category("LocalStack")]
[Platform("Linux,MacOsX", Reason = "The stack is stopped with kill(1).")]
public class ConcurrencyTests
{
    private const int Clients = 32;

    private LocalStackProcess _stack = null!;

    [OneTimeSetUp]
    public async Task StartStack() => _stack = await LocalStackProcess.StartAsync();

    [OneTimeTearDown]
    public async Task StopStack()
    {
        if (_stack is not null)
        {
            await _stack.StopAsync();
            await _stack.DisposeAsync();
        }
    }

    [Test]
    public async Task Concurrent_creates_store_every_acknowledged_item_and_nothing_unsent()
    {
        const int PerClient = 200;
        var run = $"conc-{Guid.NewGuid():N}-";
        var attempted = new ConcurrentBag<string>();
        var acknowledged = new ConcurrentBag<string>();
        var otherAnswers = new ConcurrentBag<string>();
        using var overall = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        await Task.WhenAll(Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            using var http = new StackHttp(_stack.ApiUrl);
            for (var i = 0; i < PerClient; i++)
            {
                var id = $"{run}{client}-{i}";
                attempted.Add(id);
                var answer = await Answer(http, """{"operation": "create", "tableName": "lambda-apigateway", "payload": {"Item": {"id": "{id}", "client": {c}, "n": {i}}}}"""
                    .With("id", id).With("c", client).With("i", i), overall.Token);
                (answer is null ? acknowledged : otherAnswers).Add(answer ?? id);
            }
        })));

        var stored = (await StoredIds()).Where(id => id.StartsWith(run, StringComparison.Ordinal)).ToHashSet();

        stored.Should().Contain(acknowledged, "every acknowledged create is stored");
        stored.Should().BeSubsetOf(attempted, "nothing is stored that was not sent");
        otherAnswers.Should().BeEmpty("every create of a new id is expected to succeed");
        acknowledged.Should().HaveCount(Clients * PerClient);
        stored.Should().HaveCount(Clients * PerClient);
        TestContext.Out.WriteLine(
            $"concurrency: {Clients} clients x {PerClient} creates = {attempted.Count} attempted, {acknowledged.Count} acknowledged 200, " +
            $"{stored.Count} stored (checked by a direct scan of dynalite), {otherAnswers.Count} other answers");
    }

    [Test]
    public async Task Concurrent_ADD_updates_on_one_counter_sum_exactly()
    {
        const int PerClient = 100;
        var counter = $"counter-{Guid.NewGuid():N}";
        var update = """
            {"operation": "update", "tableName": "lambda-apigateway", "payload": {"Key": {"id": "{id}"},
             "UpdateExpression": "ADD #c :one", "ExpressionAttributeNames": {"#c": "count"}, "ExpressionAttributeValues": {":one": 1}}}
            """.With("id", counter);
        var otherAnswers = new ConcurrentBag<string>();
        using var overall = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            using var http = new StackHttp(_stack.ApiUrl);
            for (var i = 0; i < PerClient; i++)
            {
                if (await Answer(http, update, overall.Token) is { } other)
                {
                    otherAnswers.Add(other);
                }
            }
        })));

        using var admin = Admin();
        var item = await admin.GetItemAsync(new GetItemRequest
        {
            TableName = "lambda-apigateway",
            Key = new() { ["id"] = new AttributeValue { S = counter } },
            ConsistentRead = true,
        });

        otherAnswers.Should().BeEmpty();
        item.Item["count"].N.Should().Be((Clients * PerClient).ToString(System.Globalization.CultureInfo.InvariantCulture));
        TestContext.Out.WriteLine($"concurrency: {Clients} clients x {PerClient} ADD updates on one counter, all 200; stored total {item.Item["count"].N}");
    }

    /// <returns>Null for a 200; otherwise what came back, or the failure.</returns>
    private static async Task<string?> Answer(StackHttp http, string envelope, CancellationToken cancellation)
    {
        try
        {
            var response = await http.PostAsync(envelope, cancellation);
            return response.Status == HttpStatusCode.OK ? null : response.ToString();
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellation.IsCancellationRequested)
        {
            // No answer: the write may or may not have been applied.
            return exception.Message;
        }
    }

    private async Task<HashSet<string>> StoredIds()
    {
        using var admin = Admin();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await admin.ScanAsync(new ScanRequest { TableName = "lambda-apigateway", ExclusiveStartKey = start, ConsistentRead = true });
            ids.UnionWith(page.Items.Select(item => item["id"].S));
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);

        return ids;
    }

    private AmazonDynamoDBClient Admin() =>
        new(new BasicAWSCredentials("test", "test"), new AmazonDynamoDBConfig { ServiceURL = _stack.DynamoDbEndpoint.ToString(), MaxErrorRetry = 0 });
}
