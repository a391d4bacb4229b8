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
    // permission, nothing billed. Any answer will do; only the open connection is wanted. Normally
    // done in milliseconds, TLS included; the bound is how long a first call may wait for it.
    private static readonly TimeSpan WarmUpLimit = TimeSpan.FromSeconds(1);

    private readonly SocketsHttpHandler _handler;
    private readonly HttpClient _client;

    // The warm-up's own way to the handler, past the wait for the warm-up.
    private readonly HttpClient _warmUpClient;

    private volatile Task _warmUp = Task.CompletedTask;

    public DynamoDbTransport(IClientConfig config)
    {
        var handler = _handler = new SocketsHttpHandler
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

        _client = new HttpClient(new AfterWarmUp(this) { InnerHandler = handler });
        _warmUpClient = new HttpClient(handler, disposeHandler: false);
        if (config.Timeout is { } timeout)
        {
            _client.Timeout = timeout;
        }
    }

    /// <summary>The handler under both the SDK's client and the warm-up (for tests).</summary>
    internal SocketsHttpHandler Handler => _handler;

    /// <summary>The one client every SDK request of this configuration goes through.</summary>
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => _client;

    // The client lives as long as the process, like the SDK's own cached ones: it is the point.
    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    /// <summary>Closes the client's connections; its DynamoDB client disposes it.</summary>
    public void Dispose()
    {
        _warmUpClient.Dispose();
        _client.Dispose();
    }

    /// <summary>
    /// Opens a connection to the endpoint <paramref name="client"/> sends <c>GetItem</c> to, and
    /// leaves it in the pool for the first real request, which waits for it rather than opening a
    /// second one beside it (with TLS the warm-up is seldom done when the first call is ready to
    /// go, and two handshakes at once would cost both). Never throws: whatever goes wrong (no
    /// region, DynamoDB unreachable, a slow answer) is left for that request to meet and report.
    /// </summary>
    public Task WarmUpAsync(AmazonDynamoDBClient client)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _warmUp = done.Task;
        // Working the endpoint out and the send go to the pool: the caller goes on with its event.
        ThreadPool.UnsafeQueueUserWorkItem(static state => _ = state.Transport.SendWarmUpAsync(state.Client, state.Done), (Transport: this, Client: client, Done: done), preferLocal: false);
        return done.Task;
    }

    private async Task SendWarmUpAsync(AmazonDynamoDBClient client, TaskCompletionSource done)
    {
        try
        {
            // The endpoint the SDK's rules give a table operation (region, FIPS, dual-stack, a
            // configured URL), so the warmed connection is the one the pool hands the call.
            var endpoint = client.DetermineServiceOperationEndpoint(new GetItemRequest { TableName = "warm-up" });
            using var limit = new CancellationTokenSource(WarmUpLimit);
            using var response = await _warmUpClient.GetAsync(new Uri(endpoint.URL), HttpCompletionOption.ResponseContentRead, limit.Token)
                .ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is AmazonClientException or HttpRequestException or OperationCanceledException or UriFormatException)
        {
        }
        finally
        {
            done.SetResult();
        }
    }

    /// <summary>Holds a request until the warm-up under way, if any, has left its connection in the pool.</summary>
    private sealed class AfterWarmUp(DynamoDbTransport transport) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (transport._warmUp is { IsCompleted: false } warmUp)
            {
                await warmUp.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            transport._warmUp.Wait(cancellationToken);
            return base.Send(request, cancellationToken);
        }
    }
}
