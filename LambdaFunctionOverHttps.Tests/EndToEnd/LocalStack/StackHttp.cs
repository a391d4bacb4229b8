using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.LocalStack;

/// <summary>Calls a local stack over real HTTP, the way curl or Postman does.</summary>
internal sealed class StackHttp : IDisposable
{
    // Never a proxy: these requests are for 127.0.0.1 and must not leave the machine.
    private readonly HttpClient _client = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Uri _url;
    private readonly string? _apiKey;

    public StackHttp(Uri url, string? apiKey = null)
    {
        _url = url;
        _apiKey = apiKey;
    }

    /// <summary>POSTs an envelope with the API key, as the README's curl does.</summary>
    public Task<StackResponse> PostAsync(string envelope, CancellationToken cancellation = default) =>
        SendAsync(Request(HttpMethod.Post, envelope), cancellation);

    /// <summary>A request with the API key (when there is one) and, for a body, content-type JSON.</summary>
    public HttpRequestMessage Request(HttpMethod method, string? body = null, Uri? url = null)
    {
        var request = new HttpRequestMessage(method, url ?? _url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        if (_apiKey is not null)
        {
            request.Headers.Add("x-api-key", _apiKey);
        }

        return request;
    }

    public async Task<StackResponse> SendAsync(HttpRequestMessage request, CancellationToken cancellation = default)
    {
        using (request)
        {
            using var response = await _client.SendAsync(request, cancellation);
            var headers = response.Headers.Concat(response.Content.Headers)
                .ToDictionary(header => header.Key, header => string.Join(", ", header.Value), StringComparer.OrdinalIgnoreCase);
            return new StackResponse(response.StatusCode, headers, await response.Content.ReadAsStringAsync(cancellation));
        }
    }

    public void Dispose() => _client.Dispose();
}

/// <summary>What came back: status, headers (names case-insensitive) and the body text.</summary>
internal sealed record StackResponse(HttpStatusCode Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public override string ToString() => $"{(int)Status} {Body}";
}
