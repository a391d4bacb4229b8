using System.Net;
using System.Reflection;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using FluentAssertions;
using LambdaFunctionOverHttps.DynamoDb;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Unit;

/// <summary>
/// The function's HTTP layer under the DynamoDB client (DynamoDb/DynamoDbTransport) is the one the
/// SDK would have made itself, setting for setting, so that owning it (to open the connection
/// early) changes nothing else. Each case is compared with the SDK's own factory method.
/// </summary>
public class TransportTests
{
    private static readonly string[] HandlerSettings =
    [
        nameof(SocketsHttpHandler.EnableMultipleHttp2Connections),
        nameof(SocketsHttpHandler.AllowAutoRedirect),
        nameof(SocketsHttpHandler.AutomaticDecompression),
        nameof(SocketsHttpHandler.ConnectTimeout),
        nameof(SocketsHttpHandler.MaxConnectionsPerServer),
        nameof(SocketsHttpHandler.UseProxy),
        nameof(SocketsHttpHandler.PooledConnectionLifetime),
        nameof(SocketsHttpHandler.PooledConnectionIdleTimeout),
        nameof(SocketsHttpHandler.MaxResponseHeadersLength),
        nameof(SocketsHttpHandler.UseCookies),
        nameof(SocketsHttpHandler.Expect100ContinueTimeout),
    ];

    private static IEnumerable<TestCaseData> Configurations()
    {
        yield return new TestCaseData(DynamoDbClientFactory.Configure("http://127.0.0.1:4567")).SetName("the function's configuration, local endpoint");
        yield return new TestCaseData(DynamoDbClientFactory.Configure(endpoint: null)).SetName("the function's configuration, AWS");
        var tuned = DynamoDbClientFactory.Configure("https://dynamodb.eu-west-1.amazonaws.com");
        tuned.ConnectTimeout = TimeSpan.FromMilliseconds(750);
        tuned.MaxConnectionsPerServer = 7;
        tuned.AllowAutoRedirect = false;
        tuned.Timeout = TimeSpan.FromSeconds(3);
        yield return new TestCaseData(tuned).SetName("connect timeout, connection limit, redirects and timeout set");
        var proxied = DynamoDbClientFactory.Configure("https://dynamodb.eu-west-1.amazonaws.com");
        proxied.SetWebProxy(new WebProxy("http://127.0.0.1:3128"));
        proxied.ProxyCredentials = new NetworkCredential("user", "secret");
        yield return new TestCaseData(proxied).SetName("a configured proxy with credentials");
    }

    [TestCaseSource(nameof(Configurations))]
    public void The_transport_makes_the_HttpClient_the_SDK_would_make(AmazonDynamoDBConfig config)
    {
        using var transport = new DynamoDbTransport(config);
        using var ours = transport.CreateHttpClient(config);
        using var sdks = SdkDefaultClient(config);

        ours.Timeout.Should().Be(sdks.Timeout);
        var (ourHandler, sdkHandler) = (transport.Handler, Handler(sdks));
        foreach (var setting in HandlerSettings)
        {
            var property = typeof(SocketsHttpHandler).GetProperty(setting)!;
            property.GetValue(ourHandler).Should().Be(property.GetValue(sdkHandler), setting);
        }

        (ourHandler.Proxy as WebProxy)?.Address.Should().Be((sdkHandler.Proxy as WebProxy)?.Address);
        ourHandler.Proxy?.Credentials.Should().BeSameAs(sdkHandler.Proxy?.Credentials);
        (ourHandler.Proxy is null).Should().Be(sdkHandler.Proxy is null);
    }

    [Test]
    public void Every_client_the_SDK_asks_for_is_the_one_the_warm_up_used_and_it_is_never_disposed_after_a_request()
    {
        var config = DynamoDbClientFactory.Configure("http://127.0.0.1:4567");
        using var transport = new DynamoDbTransport(config);

        transport.CreateHttpClient(config).Should().BeSameAs(transport.CreateHttpClient(config));
        transport.DisposeHttpClientsAfterUse(config).Should().BeFalse();
    }

    [Test]
    public void The_function_s_client_uses_the_transport_unless_given_another()
    {
        using var client = DynamoDbClientFactory.Create("http://127.0.0.1:4567", new BasicAWSCredentials("test", "test"));
        using var canned = DynamoDbClientFactory.Create("http://127.0.0.1:4567", new BasicAWSCredentials("test", "test"), Support.CannedDynamoDb.Answering("{}"));

        client.Config.HttpClientFactory.Should().BeOfType<DynamoDbTransport>();
        canned.Config.HttpClientFactory.Should().BeOfType<Support.CannedDynamoDb>();
    }

    // The SDK's own default (HttpRequestMessageFactory.CreateManagedHttpClient), private to it.
    private static HttpClient SdkDefaultClient(IClientConfig config) =>
        (HttpClient)typeof(HttpRequestMessageFactory)
            .GetMethod("CreateManagedHttpClient", BindingFlags.NonPublic | BindingFlags.Static)!
            .Invoke(null, [config])!;

    private static SocketsHttpHandler Handler(HttpClient client) =>
        (SocketsHttpHandler)typeof(HttpMessageInvoker).GetField("_handler", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(client)!;
}
