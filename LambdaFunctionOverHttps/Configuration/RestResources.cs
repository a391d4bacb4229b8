using System.Text;
using System.Text.RegularExpressions;

namespace LambdaFunctionOverHttps.Configuration;

/// <summary>
/// <c>RESOURCES</c>, the REST routes the function serves beside the envelope, and
/// <c>NEXT_TOKEN_SECRET</c>, the key that signs their paging tokens; read and checked once, at start-up.
/// </summary>
/// <remarks>
/// <c>RESOURCES</c> is comma-separated <c>route=table:keyAttribute[:N]</c> (<c>:N</c> for a numeric
/// key, a string key otherwise), for example <c>product=products:id,orders=orders:orderId:N</c>.
/// </remarks>
internal sealed partial class RestResources
{
    public const string Variable = "RESOURCES";

    public const string SecretVariable = "NEXT_TOKEN_SECRET";

    /// <summary>
    /// 32 characters: with an HMAC-SHA256 key, fewer would be the weak link of the token's 256-bit
    /// signature. <c>openssl rand -base64 48</c> gives 64.
    /// </summary>
    public const int MinSecretLength = 32;

    /// <summary>The rule for a route, in the one wording messages and docs use.</summary>
    public const string RouteRule = "a route is 1 to 64 characters of a-z, A-Z, 0-9, '_', '-' and '.', not only dots";

    /// <summary>Paths the function or the local stack serve themselves, which no route may take.</summary>
    public static readonly string[] ReservedRoutes = ["dynamodbmanager", "health", "openapi.json"];

    /// <summary>The query parameters of <c>GET /{route}</c>, which no key attribute may be named.</summary>
    public static readonly string[] PageParameters = ["limit", "nextToken"];

    private readonly Dictionary<string, RestResource> _byRoute;

    private RestResources(IReadOnlyList<RestResource> all, byte[] tokenKey)
    {
        All = all;
        TokenKey = tokenKey;
        _byRoute = all.ToDictionary(resource => resource.Route, StringComparer.Ordinal);
    }

    /// <summary>No routes: <c>RESOURCES</c> unset or empty. The function is the envelope alone, as before.</summary>
    public static RestResources None { get; } = new([], []);

    /// <summary>The resources in the order <c>RESOURCES</c> lists them.</summary>
    public IReadOnlyList<RestResource> All { get; }

    public bool IsEmpty => All.Count == 0;

    /// <summary>The HMAC key for <c>NextToken</c>: <c>NEXT_TOKEN_SECRET</c>'s UTF-8 bytes.</summary>
    public byte[] TokenKey { get; }

    /// <summary>The resource of a route, compared exactly (paths are case-sensitive, as in API Gateway).</summary>
    public RestResource? Find(string route) => _byRoute.GetValueOrDefault(route);

    /// <exception cref="ConfigurationException">An entry is malformed, a route is taken twice or reserved, a table is not allowed, or the secret is missing.</exception>
    public static RestResources Parse(string? resources, string? secret, TablePolicy tables)
    {
        var entries = (resources ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (entries.Length == 0)
        {
            return None;
        }

        var all = new List<RestResource>();
        foreach (var entry in entries)
        {
            var resource = ParseEntry(entry);
            if (all.FirstOrDefault(other => other.Route == resource.Route) is not null)
            {
                throw Invalid(entry, $"the route \"{resource.Route}\" is listed twice");
            }

            if (all.FirstOrDefault(other => other.Table == resource.Table && (other.KeyAttribute, other.NumericKey) != (resource.KeyAttribute, resource.NumericKey)) is { } clash)
            {
                throw Invalid(entry, $"table \"{resource.Table}\" has one key, but route \"{clash.Route}\" says {clash.KeyAttribute}:{clash.KeyType} and this entry {resource.KeyAttribute}:{resource.KeyType}");
            }

            if (!tables.Allows(resource.Table))
            {
                throw Invalid(entry, $"its table \"{resource.Table}\" is not in ALLOWED_TABLES; add it there, or leave ALLOWED_TABLES unset");
            }

            all.Add(resource);
        }

        if (secret is null || secret.Length < MinSecretLength)
        {
            throw new ConfigurationException(
                $"{SecretVariable} must be set to at least {MinSecretLength} characters when {Variable} is set: it signs the NextToken of GET /{{route}} "
                + $"pages so that no caller can forge one ({(secret is null ? "it is unset" : $"it has {secret.Length}")}). Generate one with: openssl rand -base64 48");
        }

        return new RestResources(all, Encoding.UTF8.GetBytes(secret));
    }

    private static RestResource ParseEntry(string entry)
    {
        const string Shape = "route=table:keyAttribute, or route=table:keyAttribute:N for a numeric key";
        var (route, rest) = entry.Split('=', 2) is [var left, var right] ? (left.Trim(), right.Trim()) : throw Invalid(entry, $"it has no '=': write {Shape}");
        var parts = rest.Split(':').Select(part => part.Trim()).ToArray();
        if (parts.Length is < 2 or > 3 || parts.Any(part => part.Length == 0))
        {
            throw Invalid(entry, $"write {Shape}");
        }

        if (parts.Length == 3 && parts[2] != "N")
        {
            throw Invalid(entry, $"the key type \"{parts[2]}\" is not N: write :N for a numeric key and nothing for a string key");
        }

        if (!RoutePattern().IsMatch(route) || route.All(character => character == '.'))
        {
            throw Invalid(entry, $"\"{route}\" is not a route: {RouteRule}");
        }

        if (ReservedRoutes.Contains(route, StringComparer.OrdinalIgnoreCase))
        {
            throw Invalid(entry, $"the route \"{route}\" is taken: {string.Join(", ", ReservedRoutes.Select(name => "/" + name))} are served already");
        }

        var (table, key) = (parts[0], parts[1]);
        if (!TablePolicy.IsValidName(table))
        {
            throw Invalid(entry, $"\"{table}\" is not a valid table name: {TablePolicy.NameRule}");
        }

        // DynamoDB's limit for a key attribute's name.
        if (Encoding.UTF8.GetByteCount(key) > 255)
        {
            throw Invalid(entry, "the key attribute's name is over 255 bytes, DynamoDB's limit for key attributes");
        }

        if (PageParameters.Contains(key, StringComparer.Ordinal))
        {
            throw Invalid(entry, $"a key attribute named \"{key}\" would clash with GET /{route}'s query parameter {key}");
        }

        return new RestResource(route, table, key, NumericKey: parts.Length == 3);
    }

    private static ConfigurationException Invalid(string entry, string problem) =>
        new($"{Variable} entry \"{entry}\" is not usable: {problem}.");

    // \z, not $: in .NET, $ also matches before a final newline.
    [GeneratedRegex(@"^[a-zA-Z0-9_.-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex RoutePattern();
}
