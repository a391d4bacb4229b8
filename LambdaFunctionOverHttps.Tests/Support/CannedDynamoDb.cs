using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Amazon.Runtime;

namespace LambdaFunctionOverHttps.Tests.Support;

/// <summary>
/// A DynamoDB that answers from a script, plugged in as the SDK's HTTP layer: the whole SDK
/// pipeline (marshalling, signing, retries, unmarshalling, error parsing) runs, no socket opens.
/// </summary>
internal sealed class CannedDynamoDb : HttpClientFactory
{
    private readonly Func<CannedRequest, HttpResponseMessage> _answer;

    public CannedDynamoDb(Func<CannedRequest, HttpResponseMessage> answer) => _answer = answer;

    /// <summary>How long "DynamoDB" takes to answer; the wait honours the request's cancellation, as a socket does.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>A wait for each request of its own, in place of <see cref="Delay"/>; cancelled with the call, as a network wait is.</summary>
    public Func<CannedRequest, TimeSpan>? DelayFor { get; init; }

    /// <summary>Every request that reached "DynamoDB", in order.</summary>
    public ConcurrentQueue<CannedRequest> Requests { get; } = new();

    public static CannedDynamoDb Answering(string json) => new(_ => Json(HttpStatusCode.OK, json));

    public static CannedDynamoDb Failing(HttpStatusCode status, string errorCode, string message) =>
        new(_ => Json(status, $$"""{"__type":"com.amazonaws.dynamodb.v20120810#{{errorCode}}","message":"{{message}}"}"""));

    public static HttpResponseMessage Json(HttpStatusCode status, string json)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8) };
        response.Content.Headers.ContentType = new("application/x-amz-json-1.0");
        response.Headers.Add("x-amzn-RequestId", "CANNED-REQUEST-ID");
        return response;
    }

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new Handler(this));

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => true;

    private sealed class Handler(CannedDynamoDb owner) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var target = request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.Single() : "";
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            var recorded = new CannedRequest(target.Split('.').Last(), body)
            {
                Authorization = request.Headers.TryGetValues("Authorization", out var authorization) ? string.Join(",", authorization) : null,
            };
            owner.Requests.Enqueue(recorded);
            await Task.Delay(owner.DelayFor?.Invoke(recorded) ?? owner.Delay, cancellationToken);
            return owner._answer(recorded);
        }
    }
}

/// <summary>One DynamoDB call as the SDK sent it: the action (GetItem, Scan…) and the JSON body.</summary>
internal sealed record CannedRequest(string Action, string Body)
{
    /// <summary>The SigV4 Authorization header, whose credential scope names the signing region.</summary>
    public string? Authorization { get; init; }
}
