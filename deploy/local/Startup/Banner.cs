using DynamoDbManager.Local.Http;
using DynamoDbManager.Local.Options;
using LambdaFunctionOverHttps.Configuration;

namespace DynamoDbManager.Local.Startup;

/// <summary>What a newcomer needs once the stack is up: where it is, what it talks to, how to call it.</summary>
internal static class Banner
{
    // events/create.json and events/read.json on one line each.
    private const string CreateExample = """{"operation": "create", "tableName": "lambda-apigateway", "payload": {"Item": {"id": "1234ABCD", "number": 5}}}""";
    private const string ReadExample = """{"operation": "read", "tableName": "lambda-apigateway", "payload": {"Key": {"id": "1234ABCD"}}}""";

    /// <param name="output">The terminal.</param>
    /// <param name="facts">What started, and where.</param>
    public static void Write(TextWriter output, StackFacts facts)
    {
        var url = new Uri(facts.BaseUrl, GatewayRoute.ResourcePath);
        output.WriteLine();
        output.WriteLine("DynamoDbManager local stack");
        output.WriteLine($"  Console    {facts.BaseUrl}  (open it in a browser: browse, edit and try every operation)");
        output.WriteLine($"  API        POST {url}  (also /{GatewayRoute.StageName}{GatewayRoute.ResourcePath}, as on AWS)");
        if (!facts.Resources.IsEmpty)
        {
            output.WriteLine($"  Routes     {string.Join("; ", facts.Resources.All.Select(Route))}; GET /health  (also under /{GatewayRoute.StageName})");
            output.WriteLine($"  Paging     NextToken signed with {(facts.SecretMadeForThisRun ? "a key made for this run: tokens do not outlive the stack" : "NEXT_TOKEN_SECRET from your environment")}");
        }

        output.WriteLine($"  OpenAPI    {new Uri(facts.BaseUrl, OpenApiFile.Path)}");
        output.WriteLine($"  DynamoDB   {facts.DynamoDb.ToString().TrimEnd('/')}  {Storage(facts)}");
        output.WriteLine($"  Tables     {Tables(facts)}");
        output.WriteLine($"  API key    {ApiKey(facts.Options)}");
        output.WriteLine($"  Origins    {Origins(facts.Options)}");
        if (facts.Environment.Count > 0)
        {
            output.WriteLine($"  Function   {string.Join(", ", facts.Environment)} (local DynamoDB)");
        }

        output.WriteLine();
        output.WriteLine("Try it:");
        if (facts.Options.ApiKeySource == "--api-key")
        {
            // The key is not printed: terminals are scrolled back through and pasted into chats.
            output.WriteLine($"  # with the key you passed to --api-key in ${OptionsParser.ApiKeyVariable}:");
        }

        var keyHeader = facts.Options.ApiKey is null ? "" : $" -H \"x-api-key: ${OptionsParser.ApiKeyVariable}\"";
        output.WriteLine($"  curl -s {url} -H 'content-type: application/json'{keyHeader} -d '{CreateExample}'");
        output.WriteLine($"  curl -s {url} -H 'content-type: application/json'{keyHeader} -d '{ReadExample}'");
        if (facts.Resources.All is [var first, ..])
        {
            var collection = new Uri(facts.BaseUrl, first.CollectionPath);
            var item = first.NumericKey ? $"{{\"{first.KeyAttribute}\": 1, \"name\": \"example\"}}" : "{\"name\": \"example\"}";
            output.WriteLine($"  curl -s {collection} -H 'content-type: application/json'{keyHeader} -d '{item}'   # POST: 201 and its Location");
            output.WriteLine($"  curl -s '{collection}?limit=10'{keyHeader}");
        }
        output.WriteLine();
        output.WriteLine($"Ready in {facts.ReadyIn.TotalMilliseconds:0} ms. Ctrl+C stops the stack.");
    }

    private static string Route(RestResource resource) =>
        $"{resource.CollectionPath}, {resource.ItemPath} → {resource.Table} ({resource.KeyAttribute}{(resource.NumericKey ? ", a number" : "")})";

    private static string Storage(StackFacts facts) => facts.Options switch
    {
        { DynamoDbEndpoint: not null } => "(yours, from --dynamodb)",
        { DataDirectory: { } directory } => $"(dynalite, data kept in {directory})",
        _ => "(dynalite, in memory: gone when the stack stops; --data DIR keeps it)",
    };

    private static string Tables(StackFacts facts) => facts.Tables.Count == 0
        ? "not created (--no-create-table)"
        : string.Join(", ", facts.Tables.Select(table => $"{table.Name} ({(table.Created ? "created" : "existing, kept")})"));

    private static string Origins(StackOptions options) => options.AllowedOrigins switch
    {
        [] => "the console's only: pages on other origins are refused (--allow-origin ORIGIN allows one)",
        ["*"] => $"any (* from {options.AllowedOriginsSource}): every web page in your browser can call the stack",
        var origins => $"{string.Join(", ", origins)} (from {options.AllowedOriginsSource}) and the console's; pages on other origins are refused",
    };

    private static string ApiKey(StackOptions options) => options.ApiKeySource switch
    {
        null => $"not required (--api-key KEY or {OptionsParser.ApiKeyVariable} requires one)",
        var source => $"required in the x-api-key header (from {source})",
    };
}

/// <summary>What the stack started with, for the banner.</summary>
internal sealed record StackFacts(
    StackOptions Options,
    Uri BaseUrl,
    Uri DynamoDb,
    IReadOnlyList<TableState> Tables,
    IReadOnlyList<string> Environment,
    TimeSpan ReadyIn)
{
    /// <summary>The REST routes the function serves.</summary>
    public RestResources Resources { get; init; } = RestResources.None;

    /// <summary>Whether NEXT_TOKEN_SECRET was made for this run rather than taken from the environment.</summary>
    public bool SecretMadeForThisRun { get; init; }
}
