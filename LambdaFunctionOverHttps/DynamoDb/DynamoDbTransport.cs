using System.Net;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace LambdaFunctionOverHttps.DynamoDb;

/// <summary>
/// The HTTP layer under the function's DynamoDB client: the handler the SDK would make itself, with
/// the same settings, but made here so that the connection to DynamoDB can be opened while the
/// first event is still being read (<see cref="WarmUpAsync"/>). A cold read otherwise pays the
/// TCP connection (in AWS also DNS and the TLS handshake) and the first use of .NET's HTTP stack
/// on its critical path, after the SDK has marshalled and signed the request.
/// </summary>
/// <remarks>
/// The SDK builds its default client in <c>HttpRequestMessageFactory.CreateManagedHttpClient</c>:
/// a <see cref="SocketsHttpHandler"/> with multiple HTTP/2 connections allowed, the configured
/// connect timeout and connection limit, its redirect setting, no automatic decompression and the
/// configured proxy, under an <see cref="HttpClient"/> whose timeout is the configured one. This
/// factory makes exactly that (tests compare the two), once per configuration.
/// </remarks>
internal sealed class DynamoDbTransport : HttpClientFactory, IDisposable
{
    // A GET of the service's root is DynamoDB's unauthenticated health check
    // ("healthy: dynamodb.<region>.amazonaws.com", also answered by dynalite): no signature, no
    // permission, nothing billed. Any answer will do; only the open connection is wanted.
    private static readonly TimeSpan WarmUpLimit = TimeSpan.FromSeconds(2);

    private readonly HttpClient _client;

    public DynamoDbTransport(IClientConfig config)
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            AllowAutoRedirect = config.AllowAutoRedirect,
            AutomaticDecompression = DecompressionMethods.None,
        };
        if (config.ConnectTimeout is { } connectTimeout)
        {
            handler.ConnectTimeout = connectTimeout;
        }

        if (config.MaxConnectionsPerServer is { } limit)
        {
            handler.MaxConnectionsPerServer = limit;
        }

        if (config.GetWebProxy() is { } proxy)
        {
            handler.Proxy = proxy;
        }

        if (handler.Proxy is not null && config.ProxyCredentials is not null)
        {
            handler.Proxy.Credentials = config.ProxyCredentials;
        }

        _client = new HttpClient(handler);
        if (config.Timeout is { } timeout)
        {
            _client.Timeout = timeout;
        }
    }

    /// <summary>How many warm-up requests have been answered (for tests).</summary>
    internal int WarmUpsAnswered { get; private set; }

    /// <summary>The one client every SDK request of this configuration goes through.</summary>
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => _client;

    // The client lives as long as the process, like the SDK's own cached ones: it is the point.
    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    /// <summary>Closes the client's connections; its DynamoDB client disposes it.</summary>
    public void Dispose() => _client.Dispose();

    /// <summary>
    /// Opens a connection to the endpoint <paramref name="client"/> sends <c>GetItem</c> to, and
    /// leaves it in the pool for the first real request. Never throws: whatever goes wrong (no
    /// region, DynamoDB unreachable, a slow answer) is left for that request to meet and report.
    /// </summary>
    public async Task WarmUpAsync(AmazonDynamoDBClient client)
    {
        try
        {
            // The endpoint the SDK's rules give a table operation (region, FIPS, dual-stack, a
            // configured URL), so the warmed connection is the one the pool hands the call.
            var endpoint = client.DetermineServiceOperationEndpoint(new GetItemRequest { TableName = "warm-up" });
            using var limit = new CancellationTokenSource(WarmUpLimit);
            using var response = await _client.GetAsync(new Uri(endpoint.URL), HttpCompletionOption.ResponseContentRead, limit.Token)
                .ConfigureAwait(false);
            WarmUpsAnswered++;
        }
        catch (Exception exception) when (exception is AmazonClientException or HttpRequestException or OperationCanceledException or UriFormatException)
        {
        }
    }
}
