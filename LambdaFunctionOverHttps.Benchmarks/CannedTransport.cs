using System.Net;
using Amazon.Runtime;

namespace LambdaFunctionOverHttps.Benchmarks;

/// <summary>
/// The SDK's HTTP layer replaced by one canned DynamoDB answer: marshalling, signing, retries and
/// unmarshalling all run, no socket opens, so what is timed is the SDK plus our code.
/// </summary>
internal sealed class CannedTransport(byte[] responseBody) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new Handler(responseBody));

    private sealed class Handler(byte[] body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) };
            response.Content.Headers.ContentType = new("application/x-amz-json-1.0");
            response.Headers.Add("x-amzn-RequestId", "BENCHMARK-REQUEST-ID");
            return Task.FromResult(response);
        }
    }
}
