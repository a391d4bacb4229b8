namespace DynamoDbManager.Local.Http;

/// <summary>
/// The one resource the serverless-lab API has, reachable as AWS serves it: with the stage in the
/// path (<c>/Prod/dynamodbmanager</c>, the execute-api URL) and without (a custom domain's mapping).
/// </summary>
internal sealed record GatewayRoute(string Resource, string Stage)
{
    public const string ResourcePath = "/dynamodbmanager";

    /// <summary>The SAM template's stage name.</summary>
    public const string StageName = "Prod";

    private static readonly GatewayRoute Route = new(ResourcePath, StageName);

    /// <summary>The route for a request path; null for any other path. Paths are case-sensitive, as in API Gateway.</summary>
    public static GatewayRoute? Match(string? path) =>
        path is ResourcePath or "/" + StageName + ResourcePath ? Route : null;
}
