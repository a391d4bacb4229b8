using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2.Model;
using FluentAssertions;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Integration;

/// <summary>
/// The connection to DynamoDB opened while the first event is read (DynamoDb/DynamoDbTransport):
/// the first call travels on it, and a warm-up that cannot reach DynamoDB changes nothing.
/// </summary>
[Category("Dynalite")]
public class ConnectionWarmUpTests
{
    private const string Table = "connection-warm-up";

    [OneTimeSetUp]
    public static async Task AddItem()
    {
        // A table of its own: other tests list lambda-apigateway and count what they find.
        using var client = DynaliteSetUp.AdminClient();
        await Dynalite.CreateTable(client, Table);
        await client.PutItemAsync(new PutItemRequest
        {
            TableName = Table,
            Item = new() { ["id"] = new AttributeValue { S = "warm-up-item" }, ["n"] = new AttributeValue { N = "7" } },
        });
    }

    [Test]
    public async Task The_first_read_travels_on_the_connection_the_warm_up_opened()
    {
        using var relay = new LoopbackTcpRelay(DynaliteSetUp.Endpoint);
        var function = TestFunction.Against(relay.Endpoint);

        await function.Invoker.WarmUpAsync();
        var answer = await function.Call("read", Table, """{"Key":{"id":"warm-up-item"}}""");

        answer.IsFunctionError.Should().BeFalse(answer.Text);
        answer.Json.GetProperty("Item").GetProperty("n").GetInt32().Should().Be(7);
        relay.RequestsByConnection.Should().BeEquivalentTo(
            new[] { new[] { "GET /", "POST /" } },
            options => options.WithStrictOrdering(),
            "the warm-up's health check opened one connection and the GetItem reused it");
    }

    [Test]
    public async Task A_read_ready_before_the_warm_up_has_connected_waits_for_it_rather_than_opening_a_second_connection()
    {
        using var relay = new LoopbackTcpRelay(DynaliteSetUp.Endpoint) { ConnectDelay = TimeSpan.FromMilliseconds(300) };
        var function = TestFunction.Against(relay.Endpoint);

        var warmUp = function.Invoker.WarmUpAsync();
        var answer = await function.Call("read", Table, """{"Key":{"id":"warm-up-item"}}""");
        await warmUp;

        answer.IsFunctionError.Should().BeFalse(answer.Text);
        relay.RequestsByConnection.Should().BeEquivalentTo(
            new[] { new[] { "GET /", "POST /" } },
            options => options.WithStrictOrdering(),
            "the GetItem waited for the connection still being opened and then travelled on it");
    }

    [Test]
    public async Task Without_the_warm_up_the_first_read_opens_its_own_connection()
    {
        using var relay = new LoopbackTcpRelay(DynaliteSetUp.Endpoint);
        var function = TestFunction.Against(relay.Endpoint);

        var answer = await function.Call("read", Table, """{"Key":{"id":"warm-up-item"}}""");

        answer.IsFunctionError.Should().BeFalse(answer.Text);
        relay.RequestsByConnection.Should().BeEquivalentTo(new[] { new[] { "POST /" } });
    }

    [Test]
    public async Task A_warm_up_that_cannot_reach_DynamoDB_fails_nothing_and_the_read_reports_as_without_it()
    {
        var closed = ClosedPort();
        var warmed = TestFunction.Against(closed);
        var cold = TestFunction.Against(closed);

        await warmed.Invoker.WarmUpAsync();
        var afterWarmUp = await warmed.Call("read", Table, """{"Key":{"id":"warm-up-item"}}""");
        var withoutIt = await cold.Call("read", Table, """{"Key":{"id":"warm-up-item"}}""");

        afterWarmUp.ErrorType.Should().Be("ServiceUnavailable");
        afterWarmUp.Result.Outcome.StatusCode.Should().Be(withoutIt.Result.Outcome.StatusCode);
        afterWarmUp.ErrorType.Should().Be(withoutIt.ErrorType);
    }

    private static Uri ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }
}
