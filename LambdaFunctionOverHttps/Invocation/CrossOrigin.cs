using LambdaFunctionOverHttps.Configuration;
using LambdaFunctionOverHttps.Errors;

namespace LambdaFunctionOverHttps.Invocation;

/// <summary>
/// What <c>ALLOWED_ORIGINS</c> makes of one proxy request, before its envelope is looked at: an
/// answer of its own (to OPTIONS, or the refusal of an origin that is not allowed), and the headers
/// every answer to the request carries.
/// </summary>
/// <param name="Answer">The answer to give without running an operation; null to go on.</param>
/// <param name="Headers">The CORS headers for the answer, whichever it turns out to be.</param>
internal sealed record CrossOrigin(Outcome? Answer, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    /// <summary>A bare envelope, or a request without an <c>Origin</c>: exactly as without CORS.</summary>
    public static CrossOrigin None { get; } = new(null, []);

    /// <param name="request">The proxy request's method and CORS headers.</param>
    /// <param name="policy">ALLOWED_ORIGINS.</param>
    /// <param name="allowedMethods">The path's methods: the envelope's POST and OPTIONS unless a REST route has others.</param>
    public static CrossOrigin For(HttpRequestFacts request, CorsPolicy policy, string? allowedMethods = null)
    {
        var methods = allowedMethods ?? CorsPolicy.AllowedMethods;
        var allow = new KeyValuePair<string, string>("Allow", methods);
        if (request.Origin is not { } origin)
        {
            // curl, SDKs, Postman: no browser is involved, so CORS has nothing to say.
            return request.IsOptions ? new CrossOrigin(Outcome.NoContent, [allow]) : None;
        }

        if (!policy.Allows(origin))
        {
            // Refused before any operation runs: hiding the answer from the page, as CORS alone
            // does, would still let a simple cross-origin POST write or delete items.
            return new CrossOrigin(Outcome.Failure(ErrorKind.OriginNotAllowed,
                $"Origin {CallerText.Quote(origin)} may not call this API from a browser. To allow it, add it to {CorsPolicy.Variable} " +
                "(in the local stack: --allow-origin ORIGIN)."), []);
        }

        if (request.IsPreflight)
        {
            return new CrossOrigin(Outcome.NoContent, policy.PreflightHeaders(origin, methods));
        }

        return request.IsOptions
            ? new CrossOrigin(Outcome.NoContent, [allow, .. policy.AnswerHeaders(origin)])
            : new CrossOrigin(null, policy.AnswerHeaders(origin));
    }
}
