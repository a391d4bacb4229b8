using System.Text.Json;
using LambdaFunctionOverHttps.Configuration;

namespace LambdaFunctionOverHttps.Rest;

/// <summary>What a REST route is asked: <c>/health</c>, <c>/{route}</c> or <c>/{route}/{id}</c>, or a path that is none.</summary>
internal enum RestTarget
{
    Health,
    Collection,
    Item,
    NotFound,
}

/// <summary>
/// A proxy event read as a REST request (<c>RESOURCES</c>): which route and item it names, with its
/// method and query. Routed from the path, so API Gateway REST (1.0), HTTP API (2.0) and Function
/// URL events all work, with or without one leading segment before the route: the stage
/// (<c>/Prod/product/1</c>, as an HTTP API's <c>rawPath</c> has it) or a custom domain's base path.
/// </summary>
/// <param name="Method">The HTTP method, upper case.</param>
/// <param name="Target">What the path names.</param>
/// <param name="Resource">The route's resource; null for <c>/health</c> and an unknown path.</param>
/// <param name="Id">The item's key as text, decoded; only for <see cref="RestTarget.Item"/>.</param>
/// <param name="Query">The query string's parameters (the last value of a repeated one, as API Gateway's map holds it).</param>
/// <param name="Prefix">What the caller's path has before the route (<c>/Prod</c>, or empty), for <c>Location</c>.</param>
internal sealed record RestRequest(
    string Method, RestTarget Target, RestResource? Resource, string? Id, IReadOnlyDictionary<string, string> Query, string Prefix)
{
    private const string EnvelopePath = "dynamodbmanager";
    private const string HealthPath = "health";

    // A stand-in target for the envelope's path, for which no RestRequest is made.
    private const RestTarget EnvelopeTarget = (RestTarget)(-1);

    /// <summary>The methods the target has, as <c>Allow</c> lists them; OPTIONS is CORS's (<see cref="Invocation.CrossOrigin"/>).</summary>
    public string AllowedMethods => Target switch
    {
        RestTarget.Health => "GET, OPTIONS",
        RestTarget.Collection => "GET, POST, PUT, OPTIONS",
        RestTarget.Item => "GET, PUT, PATCH, DELETE, OPTIONS",
        _ => "OPTIONS",
    };

    /// <summary>Whether the method sends an item in its body, so the body is read as JSON.</summary>
    public bool TakesBody => Method is "POST" or "PUT" or "PATCH";

    /// <summary>The path's template: <c>/health</c>, <c>/product</c> or <c>/product/{id}</c>; null for a path that is no route.</summary>
    public string? Template => Target switch
    {
        RestTarget.Health => "/" + HealthPath,
        RestTarget.Collection => Resource!.CollectionPath,
        RestTarget.Item => Resource!.ItemPath,
        _ => null,
    };

    /// <summary>The route as the log and metrics name it: method and path template, never the id (a key).</summary>
    public string? Name => Template is { } template ? $"{Method} {template}" : null;

    /// <summary>
    /// The REST request a proxy event makes, or null when it goes to the envelope: no routes are
    /// configured, the event has no path, or the path is <c>/dynamodbmanager</c>.
    /// </summary>
    /// <param name="root">The proxy event.</param>
    /// <param name="method">Its method, as <see cref="Invocation.ProxyEvent.ReadHttp"/> read it.</param>
    /// <param name="resources">The configured routes.</param>
    public static RestRequest? Match(JsonElement root, string? method, RestResources resources)
    {
        if (resources.IsEmpty || (Text(root, "path") ?? Text(root, "rawPath")) is not { } path)
        {
            return null;
        }

        // A trailing slash names the same resource, as API Gateway treats it.
        var segments = path.TrimStart('/').Split('/');
        if (segments is [_, .., ""])
        {
            segments = segments[..^1];
        }

        var (target, resource, idSegment) = Route(segments, resources);
        var stripped = "";
        if (target is null && segments is [var first, _, ..])
        {
            (target, resource, idSegment) = Route(segments[1..], resources);
            stripped = "/" + first;
        }

        if (target == EnvelopeTarget)
        {
            return null;
        }

        var id = idSegment is null ? null : PathParameter(root, "id") ?? Uri.UnescapeDataString(idSegment);
        return new RestRequest((method ?? "").ToUpperInvariant(), target ?? RestTarget.NotFound, resource, id, ReadQuery(root),
            VisiblePrefix(root, path) + stripped);
    }

    // The target, its resource, and an item's id segment (still escaped).
    private static (RestTarget? Target, RestResource? Resource, string? Id) Route(string[] segments, RestResources resources) => segments switch
    {
        [EnvelopePath] => (EnvelopeTarget, null, null),
        [HealthPath] => (RestTarget.Health, null, null),
        [var route] when resources.Find(route) is { } resource => (RestTarget.Collection, resource, null),
        [var route, { Length: > 0 } id] when resources.Find(route) is { } resource => (RestTarget.Item, resource, id),
        _ => (null, null, null),
    };

    // API Gateway REST's `path` leaves out the stage of an execute-api URL, which its
    // requestContext.path keeps: the difference is what the caller's URL has before the path. (A
    // proxy event's requestContext is an object: ProxyEvent.Matches.)
    private static string VisiblePrefix(JsonElement root, string path) =>
        Text(root.GetProperty("requestContext"), "path") is { } visible && visible.EndsWith(path, StringComparison.Ordinal)
            ? visible[..^path.Length]
            : "";

    private static Dictionary<string, string> ReadQuery(JsonElement root)
    {
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("queryStringParameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object)
        {
            foreach (var parameter in parameters.EnumerateObject().Where(parameter => parameter.Value.ValueKind == JsonValueKind.String))
            {
                query[parameter.Name] = parameter.Value.GetString()!;
            }
        }

        return query;
    }

    // API Gateway decodes path parameters; a Function URL has none, and the path segment is decoded here instead.
    private static string? PathParameter(JsonElement root, string name) =>
        root.TryGetProperty("pathParameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object ? Text(parameters, name) : null;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
