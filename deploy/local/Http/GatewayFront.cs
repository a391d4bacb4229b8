using LambdaFunctionOverHttps.Configuration;
using Microsoft.AspNetCore.Http;

namespace DynamoDbManager.Local.Http;

/// <summary>
/// What API Gateway does for the serverless-lab API, and no more: route, API key and size checks,
/// then the request as a proxy event into the function and its proxy answer back out. CORS is the
/// function's business, as on AWS where OPTIONS goes to the function too; the front adds the CORS
/// headers only to the answers it gives itself. Anything about operations, tables or items is the
/// function's business as well.
/// </summary>
internal sealed class GatewayFront
{
    /// <summary>
    /// Lambda's limit for a synchronous invocation's payload: the whole proxy event, of which the
    /// body is the largest part. Lambda refuses a larger event before the function runs.
    /// </summary>
    public const int MaxPayloadBytes = 6 * 1024 * 1024;

    private readonly Func<Stream, Task<Stream>> _function;
    private readonly Func<CorsPolicy> _cors;
    private readonly ApiKeyCheck _apiKey;
    private readonly TextWriter _errors;
    private readonly bool _restRoutes;
    private readonly OpenApiFile? _openApi;

    /// <param name="function">The Lambda handler: a proxy event in, a proxy response out.</param>
    /// <param name="cors">The function's CORS policy, for the front's own answers.</param>
    /// <param name="apiKey">The API key requirement.</param>
    /// <param name="errors">Where the detail of a failed invocation goes; the caller only gets a 502.</param>
    /// <param name="restRoutes">Whether the function serves REST routes (RESOURCES), so their resources exist.</param>
    /// <param name="openApi">The OpenAPI document at /openapi.json; null serves none.</param>
    public GatewayFront(
        Func<Stream, Task<Stream>> function, Func<CorsPolicy> cors, ApiKeyCheck apiKey, TextWriter errors, bool restRoutes = false, OpenApiFile? openApi = null)
    {
        _function = function;
        _cors = cors;
        _apiKey = apiKey;
        _errors = errors;
        _restRoutes = restRoutes;
        _openApi = openApi;
    }

    public async Task HandleAsync(HttpContext context)
    {
        var (request, response) = (context.Request, context.Response);
        var requestId = Guid.NewGuid().ToString();
        response.Headers["x-amzn-RequestId"] = requestId;

        // First of all, and without CORS headers: a request for another host is no request for this stack.
        if (!LoopbackHost.Matches(request.Host))
        {
            await GatewayResponses.MisdirectedRequestAsync(response).ConfigureAwait(false);
            return;
        }

        if (_openApi is not null && await _openApi.TryServeAsync(context).ConfigureAwait(false))
        {
            return;
        }

        if (GatewayRoute.Match(ProxyEventBuilder.RawPath(request), _restRoutes) is not { } route)
        {
            await AnswerItselfAsync(context, GatewayResponses.MissingAuthenticationTokenAsync).ConfigureAwait(false);
            return;
        }

        // The envelope's resource takes POST; the REST routes' resources take every method, and the
        // function answers those a route lacks with 405, as on AWS.
        var isOptions = HttpMethods.IsOptions(request.Method);
        if (route.IsEnvelope && !HttpMethods.IsPost(request.Method) && !isOptions)
        {
            await AnswerItselfAsync(context, GatewayResponses.MethodNotAllowedAsync).ConfigureAwait(false);
            return;
        }

        // A browser's preflight never carries the API key, so OPTIONS goes to the function without
        // one, as the deployed API routes it.
        var needsKey = !isOptions;
        if (needsKey && !_apiKey.Accepts(request.Headers))
        {
            await AnswerItselfAsync(context, GatewayResponses.ForbiddenAsync).ConfigureAwait(false);
            return;
        }

        var body = await RequestBody.ReadAsync(request, MaxPayloadBytes, context.RequestAborted).ConfigureAwait(false);
        if (body.Outcome != BodyOutcome.Read)
        {
            await AnswerItselfAsync(context, body.Outcome switch
            {
                BodyOutcome.TooSlow => GatewayResponses.RequestTimeoutAsync,
                BodyOutcome.OverReadLimit => GatewayResponses.RequestTooLongClosingAsync,
                _ => GatewayResponses.RequestTooLongAsync,
            }).ConfigureAwait(false);
            return;
        }

        var apiKey = needsKey && _apiKey.IsRequired ? request.Headers[ApiKeyCheck.HeaderName][0] : null;
        var proxyEvent = ProxyEventBuilder.Build(context, route, body.Body, requestId, apiKey);
        if (proxyEvent.Length > MaxPayloadBytes)
        {
            await AnswerItselfAsync(context, GatewayResponses.RequestTooLongAsync).ConfigureAwait(false);
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
            await AnswerItselfAsync(context, GatewayResponses.InternalServerErrorAsync).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// An answer the front gives without the function: a page of an allowed origin may read it (to
    /// show "wrong API key", say); a page of any other origin gets no CORS header, so it cannot.
    /// </summary>
    private async Task AnswerItselfAsync(HttpContext context, Func<HttpResponse, Task> answer)
    {
        var cors = _cors();
        if (context.Request.Headers.Origin is [{ } origin] && cors.Allows(origin))
        {
            foreach (var (name, value) in cors.AnswerHeaders(origin))
            {
                context.Response.Headers[name] = value;
            }
        }

        await answer(context.Response).ConfigureAwait(false);
    }
}
