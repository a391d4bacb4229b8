using Microsoft.AspNetCore.Http;

namespace DynamoDbManager.Local.Http;

/// <summary>
/// What API Gateway does for the serverless-lab API, and no more: route, CORS, API key and size
/// checks, then the request as a proxy event into the function and its proxy answer back out.
/// Anything about operations, tables or items is the function's business.
/// </summary>
internal sealed class GatewayFront
{
    /// <summary>
    /// Lambda's limit for a synchronous invocation's payload: the whole proxy event, of which the
    /// body is the largest part. Lambda refuses a larger event before the function runs.
    /// </summary>
    public const int MaxPayloadBytes = 6 * 1024 * 1024;

    private readonly Func<Stream, Task<Stream>> _function;
    private readonly ApiKeyCheck _apiKey;
    private readonly TextWriter _errors;

    /// <param name="function">The Lambda handler: a proxy event in, a proxy response out.</param>
    /// <param name="apiKey">The API key requirement.</param>
    /// <param name="errors">Where the detail of a failed invocation goes; the caller only gets a 502.</param>
    public GatewayFront(Func<Stream, Task<Stream>> function, ApiKeyCheck apiKey, TextWriter errors)
    {
        _function = function;
        _apiKey = apiKey;
        _errors = errors;
    }

    public async Task HandleAsync(HttpContext context)
    {
        var (request, response) = (context.Request, context.Response);
        var requestId = Guid.NewGuid().ToString();
        response.Headers["x-amzn-RequestId"] = requestId;
        Cors.AddTo(response.Headers);

        if (GatewayRoute.Match(request.Path.Value) is not { } route)
        {
            await GatewayResponses.MissingAuthenticationTokenAsync(response).ConfigureAwait(false);
            return;
        }

        // A browser's preflight never carries the API key, so it must be answered without one.
        if (HttpMethods.IsOptions(request.Method))
        {
            response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            await GatewayResponses.MethodNotAllowedAsync(response).ConfigureAwait(false);
            return;
        }

        if (!_apiKey.Accepts(request.Headers))
        {
            await GatewayResponses.ForbiddenAsync(response).ConfigureAwait(false);
            return;
        }

        // A body over the limit makes an event over it, so it is refused without being read whole.
        var body = await RequestBody.ReadAsync(request, MaxPayloadBytes, context.RequestAborted).ConfigureAwait(false);
        var proxyEvent = body is null
            ? null
            : ProxyEventBuilder.Build(context, route, body, requestId, _apiKey.IsRequired ? request.Headers[ApiKeyCheck.HeaderName][0] : null);
        if (proxyEvent is null || proxyEvent.Length > MaxPayloadBytes)
        {
            await GatewayResponses.RequestTooLongAsync(response).ConfigureAwait(false);
            return;
        }

        try
        {
            using var answer = await _function(new MemoryStream(proxyEvent, writable: false)).ConfigureAwait(false);
            await ProxyResponseWriter.WriteAsync(answer, response, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException && !response.HasStarted)
        {
            // The host's one catch for the unexpected: the detail goes to the terminal, the caller
            // gets what API Gateway sends when an integration fails.
            await _errors.WriteLineAsync($"Request {requestId}: the function failed: {exception}").ConfigureAwait(false);
            response.Headers.Clear();
            response.Headers["x-amzn-RequestId"] = requestId;
            Cors.AddTo(response.Headers);
            await GatewayResponses.InternalServerErrorAsync(response).ConfigureAwait(false);
        }
    }
}
