using System.Text.Json;

namespace LambdaFunctionOverHttps.Tests.Support;

/// <summary>
/// Proxy events for REST routes in the three shapes the function routes: API Gateway REST (1.0,
/// the stage in requestContext.path only, path parameters decoded), HTTP API (2.0, the stage in
/// rawPath) and a Function URL (2.0, no stage, no path parameters).
/// </summary>
internal static class RestEvents
{
    public const string Secret = "a-test-secret-of-at-least-32-characters!";

    /// <summary>The variables a function with these resources needs.</summary>
    public static Dictionary<string, string?> Variables(string resources, string? allowedTables = null) => new()
    {
        ["RESOURCES"] = resources,
        ["NEXT_TOKEN_SECRET"] = Secret,
        ["ALLOWED_TABLES"] = allowedTables,
    };

    /// <summary>A REST (1.0) event for <paramref name="path"/> (raw, as API Gateway's `path`), as requested under the Prod stage.</summary>
    public static string Rest(string method, string path, string? body = null, IReadOnlyDictionary<string, string>? query = null,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        var segments = path.TrimStart('/').Split('/');
        var parameters = segments.Length == 2 ? new Dictionary<string, string> { ["route"] = segments[0], ["id"] = Uri.UnescapeDataString(segments[1]) }
            : segments.Length == 1 && segments[0] != "health" ? new Dictionary<string, string> { ["route"] = segments[0] }
            : null;
        return JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["resource"] = segments.Length == 2 ? "/{route}/{id}" : segments[0] == "health" ? "/health" : "/{route}",
            ["path"] = path,
            ["httpMethod"] = method,
            ["headers"] = headers,
            ["queryStringParameters"] = query,
            ["pathParameters"] = parameters,
            ["requestContext"] = new Dictionary<string, object?> { ["stage"] = "Prod", ["path"] = "/Prod" + path, ["httpMethod"] = method },
            ["body"] = body,
            ["isBase64Encoded"] = false,
        });
    }

    /// <summary>An HTTP API (2.0) event: rawPath as sent, with the stage, and no path parameters.</summary>
    public static string HttpApi(string method, string rawPath, string? body = null, string stage = "Prod") => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["version"] = "2.0",
        ["routeKey"] = "$default",
        ["rawPath"] = rawPath,
        ["rawQueryString"] = "",
        ["requestContext"] = new Dictionary<string, object?> { ["stage"] = stage, ["http"] = new Dictionary<string, object?> { ["method"] = method, ["path"] = rawPath } },
        ["body"] = body,
        ["isBase64Encoded"] = false,
    });
}
