namespace DynamoDbManager.Local.Http;

/// <summary>
/// The API's resources, reachable as AWS serves them: with the stage in the path (<c>/Prod/dynamodbmanager</c>,
/// the execute-api URL) and without (a custom domain's mapping). Always the serverless-lab resource
/// <c>/dynamodbmanager</c>; with REST routes (<c>RESOURCES</c>) also <c>/health</c>, <c>/{route}</c> and
/// <c>/{route}/{id}</c>, path-variable resources that take any route, as the deployed API has them, so
/// that the function itself answers an unknown route (404) or method (405).
/// </summary>
/// <param name="Resource">API Gateway's resource: <c>/dynamodbmanager</c>, <c>/health</c>, <c>/{route}</c> or <c>/{route}/{id}</c>.</param>
/// <param name="Stage">The stage.</param>
internal sealed record GatewayRoute(string Resource, string Stage)
{
    public const string ResourcePath = "/dynamodbmanager";

    /// <summary>The SAM template's stage name.</summary>
    public const string StageName = "Prod";

    private static readonly GatewayRoute Route = new(ResourcePath, StageName);

    /// <summary>The event's <c>path</c>: the request's path without the stage, still URL-encoded, as API Gateway REST sends it.</summary>
    public string Path { get; init; } = ResourcePath;

    /// <summary>The path variables, decoded; null for a resource without any.</summary>
    public IReadOnlyDictionary<string, string>? PathParameters { get; init; }

    /// <summary>Whether this is the envelope's resource, which takes POST (and OPTIONS) only.</summary>
    public bool IsEnvelope => Resource == ResourcePath;

    /// <summary>The route for a request path; null for any other path. Paths are case-sensitive, as in API Gateway.</summary>
    /// <param name="path">The request's path, still URL-encoded.</param>
    /// <param name="restRoutes">Whether the function serves REST routes, so the path-variable resources exist.</param>
    public static GatewayRoute? Match(string? path, bool restRoutes = false)
    {
        if (path is ResourcePath or "/" + StageName + ResourcePath)
        {
            return Route;
        }

        if (!restRoutes || path is null)
        {
            return null;
        }

        var withoutStage = path.StartsWith($"/{StageName}/", StringComparison.Ordinal) ? path[(StageName.Length + 1)..] : path;
        var segments = withoutStage.TrimStart('/').Split('/');
        if (segments.Length > 1 && segments[^1].Length == 0)
        {
            segments = segments[..^1];
        }

        return segments switch
        {
            ["health"] => new GatewayRoute("/health", StageName) { Path = withoutStage },
            [{ Length: > 0 } route] => new GatewayRoute("/{route}", StageName)
            {
                Path = withoutStage,
                PathParameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["route"] = Uri.UnescapeDataString(route) },
            },
            [{ Length: > 0 } route, { Length: > 0 } id] => new GatewayRoute("/{route}/{id}", StageName)
            {
                Path = withoutStage,
                PathParameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["route"] = Uri.UnescapeDataString(route), ["id"] = Uri.UnescapeDataString(id) },
            },
            _ => null,
        };
    }
}
