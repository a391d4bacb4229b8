namespace LambdaFunctionOverHttps.Invocation;

/// <summary>What a proxy event says about its HTTP request that matters before the envelope: the method and the CORS headers.</summary>
/// <param name="Method">The HTTP method; null when the event names none.</param>
/// <param name="Origin">The <c>Origin</c> header: browsers send it on every cross-origin request, curl and SDKs never.</param>
/// <param name="RequestedMethod">A preflight's <c>Access-Control-Request-Method</c>: the method the page means to send.</param>
internal sealed record HttpRequestFacts(string? Method, string? Origin, string? RequestedMethod)
{
    public bool IsOptions => string.Equals(Method, "OPTIONS", StringComparison.OrdinalIgnoreCase);

    /// <summary>A CORS preflight: the browser asks, before sending a request, whether the page may.</summary>
    public bool IsPreflight => IsOptions && Origin is not null && RequestedMethod is not null;
}
