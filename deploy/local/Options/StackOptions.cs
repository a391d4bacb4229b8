namespace DynamoDbManager.Local.Options;

/// <summary>What the developer asked for: the command line, plus <c>DYNAMODBMANAGER_API_KEY</c> and <c>ALLOWED_ORIGINS</c>.</summary>
internal sealed record StackOptions
{
    /// <summary>SAM CLI's <c>sam local start-api</c> port, so existing habits and bookmarks carry over.</summary>
    public const int DefaultPort = 3000;

    /// <summary>The HTTP port on 127.0.0.1; 0 lets the system pick a free one.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>The key callers must send as <c>x-api-key</c>; null means no key is required.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Where the key came from, for the start-up message (which never shows the key itself).</summary>
    public string? ApiKeySource { get; init; }

    /// <summary>dynalite's LevelDB directory; null keeps the data in memory.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Another DynamoDB to use instead of starting dynalite.</summary>
    public Uri? DynamoDbEndpoint { get; init; }

    public bool CreateTables { get; init; } = true;

    /// <summary>
    /// The origins whose pages may call the stack from a browser (the function's <c>ALLOWED_ORIGINS</c>),
    /// or <c>*</c> alone. None by default: a page on any other site is refused, because a page in the
    /// developer's browser could otherwise use the stack, and through <c>--dynamodb</c> a real table.
    /// </summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];

    /// <summary>
    /// Stop when standard input reaches its end: for a program that starts the stack as its child and
    /// holds the pipe open (a test run, a supervisor), so that the stack ends with it however it ends.
    /// </summary>
    public bool ExitWithStandardInput { get; init; }

    /// <summary>Where the origins came from (<c>--allow-origin</c> or <c>ALLOWED_ORIGINS</c>), for the start-up message.</summary>
    public string? AllowedOriginsSource { get; init; }

    /// <summary>The REST routes (the function's <c>RESOURCES</c>, <c>route=table:keyAttribute[:N]</c>, comma-separated); null for none.</summary>
    public string? Resources { get; init; }
}
