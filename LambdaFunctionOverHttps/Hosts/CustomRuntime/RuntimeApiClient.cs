using System.Globalization;
using System.Net.Http.Headers;
using LambdaFunctionOverHttps.Errors;

namespace LambdaFunctionOverHttps.Hosts.CustomRuntime;

/// <summary>The Lambda Runtime API (version 2018-06-01), as a custom runtime speaks it.</summary>
internal sealed class RuntimeApiClient : IDisposable
{
    public const string EnvironmentVariable = "AWS_LAMBDA_RUNTIME_API";

    private const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";

    private readonly HttpClient _http;

    /// <param name="runtimeApi">The <c>host:port</c> Lambda puts in <c>AWS_LAMBDA_RUNTIME_API</c>.</param>
    public RuntimeApiClient(string runtimeApi)
        : this(runtimeApi, new SocketsHttpHandler { UseProxy = false }, ownsHandler: true)
    {
    }

    /// <summary>The test seam: the Runtime API reached through <paramref name="handler"/>, which the caller keeps and disposes.</summary>
    internal RuntimeApiClient(string runtimeApi, HttpMessageHandler handler)
        : this(runtimeApi, handler, ownsHandler: false)
    {
    }

    private RuntimeApiClient(string runtimeApi, HttpMessageHandler handler, bool ownsHandler)
    {
        _http = new HttpClient(handler, disposeHandler: ownsHandler)
        {
            BaseAddress = new Uri($"http://{runtimeApi}/2018-06-01/"),
            // /next blocks until the next event arrives, which may be minutes away: no client timeout.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public async Task<RuntimeInvocation> NextAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync("runtime/invocation/next", cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var headers = response.Headers;
        var requestId = Header(headers, "Lambda-Runtime-Aws-Request-Id")
            ?? throw new InvalidOperationException("The Runtime API sent an event without Lambda-Runtime-Aws-Request-Id.");
        var deadline = long.TryParse(Header(headers, "Lambda-Runtime-Deadline-Ms"), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : (DateTimeOffset?)null;
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return new RuntimeInvocation(requestId, deadline, Header(headers, "Lambda-Runtime-Invoked-Function-Arn"),
            Header(headers, "Lambda-Runtime-Trace-Id"), body);
    }

    /// <returns>Null when accepted; the refusal when the Runtime API refused this post (a 4xx).</returns>
    public Task<RuntimeApiRefusal?> PostResponseAsync(string requestId, byte[] payload, CancellationToken cancellationToken) =>
        PostAsync($"runtime/invocation/{Uri.EscapeDataString(requestId)}/response", payload, errorType: null, cancellationToken);

    /// <returns>Null when accepted; the refusal when the Runtime API refused this post (a 4xx).</returns>
    public Task<RuntimeApiRefusal?> PostErrorAsync(string requestId, string errorType, string errorMessage, CancellationToken cancellationToken) =>
        PostAsync($"runtime/invocation/{Uri.EscapeDataString(requestId)}/error", LambdaError.Body(errorType, errorMessage), errorType, cancellationToken);

    /// <returns>Null when accepted; the refusal when the Runtime API refused this post (a 4xx).</returns>
    public Task<RuntimeApiRefusal?> PostInitErrorAsync(string errorType, string errorMessage, CancellationToken cancellationToken) =>
        PostAsync("runtime/init/error", LambdaError.Body(errorType, errorMessage), errorType, cancellationToken);

    public void Dispose() => _http.Dispose();

    /// <summary>
    /// A 4xx refuses this one post (413 for a body over Lambda's limit, 400 or 403 for an
    /// invocation Lambda no longer takes an answer for): a value for the caller to deal with. A 5xx
    /// is the Runtime API's "container error, non-recoverable state: the runtime should exit", and
    /// is thrown like a lost connection.
    /// </summary>
    private async Task<RuntimeApiRefusal?> PostAsync(string path, byte[] body, string? errorType, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (errorType is not null)
        {
            request.Headers.TryAddWithoutValidation(ErrorTypeHeader, errorType);
        }

        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if ((int)response.StatusCode is >= 400 and < 500)
        {
            var reason = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return new RuntimeApiRefusal((int)response.StatusCode, CallerText.BoundedMessage(reason), body.Length);
        }

        response.EnsureSuccessStatusCode();
        return null;
    }

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
