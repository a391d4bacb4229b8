using System.Collections.Frozen;
using System.Globalization;

namespace LambdaFunctionOverHttps.Configuration;

/// <summary>
/// Which web pages may call the function from a browser (<c>ALLOWED_ORIGINS</c>), and the one home of
/// the CORS headers they get: the function's proxy answers, its preflight answers and the local
/// front's own answers all take them from here, so local and AWS behave the same.
/// </summary>
/// <remarks>
/// Stronger than API Gateway's usual CORS, which only hides answers from the page: a request whose
/// <c>Origin</c> is not allowed is refused before any operation runs, so a hostile page's simple
/// request (a <c>text/plain</c> POST, which needs no preflight) changes nothing either.
/// </remarks>
internal sealed class CorsPolicy
{
    public const string Variable = "ALLOWED_ORIGINS";

    /// <summary>Stands alone in <c>ALLOWED_ORIGINS</c> for any origin.</summary>
    public const string AnyOrigin = "*";

    /// <summary>The route's methods: the operations' POST and the preflight's OPTIONS.</summary>
    public const string AllowedMethods = "POST, OPTIONS";

    /// <summary>What API Gateway's "Enable CORS" allows: JSON bodies, the API key, and IAM-signed calls.</summary>
    public const string AllowedHeaders = "Content-Type, X-Api-Key, Authorization, X-Amz-Date, X-Amz-Security-Token";

    /// <summary>Response headers a page may read besides the CORS-safelisted ones: the error type and request id.</summary>
    public const string ExposedHeaders = "x-amzn-errortype, x-amzn-RequestId";

    /// <summary>
    /// How long a browser may reuse a preflight answer. Ten minutes spares a preflight per call
    /// without leaving a page allowed for long after <c>ALLOWED_ORIGINS</c> stops allowing it.
    /// </summary>
    public const int MaxAgeSeconds = 600;

    private readonly FrozenSet<string>? _origins;

    private CorsPolicy(FrozenSet<string>? origins) => _origins = origins;

    /// <summary>No cross-origin browser access: what an unset or empty <c>ALLOWED_ORIGINS</c> means.</summary>
    public static CorsPolicy NoOrigin { get; } = new(FrozenSet<string>.Empty);

    public bool AllowsAnyOrigin => _origins is null;

    /// <summary>The allowed origins, in no particular order; empty for <see cref="NoOrigin"/> and for any origin.</summary>
    public IReadOnlyCollection<string> Origins => _origins ?? FrozenSet<string>.Empty;

    /// <summary>
    /// Parses <c>ALLOWED_ORIGINS</c>: comma-separated origins written as browsers send them
    /// (<c>scheme://host[:port]</c>), or <c>*</c> alone for any origin; unset or empty allows none.
    /// </summary>
    /// <exception cref="ConfigurationException">An entry is not an origin a browser could send, so it would never match.</exception>
    public static CorsPolicy Parse(string? allowedOrigins)
    {
        var entries = (allowedOrigins ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        // Stryker disable once Block : equivalent, a policy of no entries allows no origin, as NoOrigin does (docs/testing.md, "Equivalent mutants")
        if (entries.Length == 0)
        {
            return NoOrigin;
        }

        if (entries.Contains(AnyOrigin))
        {
            return entries.Length == 1
                ? new CorsPolicy(null)
                : throw new ConfigurationException($"{Variable} combines \"*\" with other origins: \"*\" allows every origin, so it must stand alone.");
        }

        if (entries.FirstOrDefault(entry => Problem(entry) is not null) is { } invalid)
        {
            throw new ConfigurationException($"{Variable} names \"{invalid}\", which is not an origin: {Problem(invalid)}");
        }

        return new CorsPolicy(entries.ToFrozenSet(StringComparer.Ordinal));
    }

    /// <summary>Whether a page of this origin may call the function. Browsers send origins in one canonical spelling, compared exactly.</summary>
    public bool Allows(string origin) => _origins is null || _origins.Contains(origin);

    /// <summary>The headers on an answer to an allowed origin's request, so its page can read the answer.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> AnswerHeaders(string origin) =>
    [
        new("Access-Control-Allow-Origin", AllowOriginValue(origin)),
        new("Access-Control-Expose-Headers", ExposedHeaders),
        new("Vary", "Origin"),
    ];

    /// <summary>The headers on a preflight answer to an allowed origin.</summary>
    /// <param name="origin">The page's origin.</param>
    /// <param name="methods">The path's methods: <see cref="AllowedMethods"/> for the envelope, more for a REST route.</param>
    public IReadOnlyList<KeyValuePair<string, string>> PreflightHeaders(string origin, string methods = AllowedMethods) =>
    [
        new("Access-Control-Allow-Origin", AllowOriginValue(origin)),
        new("Access-Control-Allow-Methods", methods),
        new("Access-Control-Allow-Headers", AllowedHeaders),
        new("Access-Control-Max-Age", MaxAgeSeconds.ToString(CultureInfo.InvariantCulture)),
        new("Vary", "Origin"),
    ];

    /// <summary>Why an entry is not an origin a browser sends, or null when it is one.</summary>
    public static string? Problem(string entry)
    {
        if (!Uri.TryCreate(entry, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || uri.HostNameType == UriHostNameType.Unknown || uri.UserInfo.Length > 0)
        {
            return "write it as scheme://host[:port] with scheme http or https, such as http://localhost:5173.";
        }

        // A browser's Origin header has no path, a lower-case scheme and host, a punycode host name
        // and no default port; any other spelling would be an entry that silently never matches.
        var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host : uri.IdnHost;
        var canonical = uri.IsDefaultPort ? $"{uri.Scheme}://{host}" : $"{uri.Scheme}://{host}:{uri.Port.ToString(CultureInfo.InvariantCulture)}";
        return entry == canonical ? null : $"write it exactly as browsers send it, with no path or trailing slash: \"{canonical}\".";
    }

    // With "*", the answer says "*" rather than echoing: the same answer for every origin is what
    // "*" means, and caches may share it.
    private string AllowOriginValue(string origin) => _origins is null ? AnyOrigin : origin;
}
