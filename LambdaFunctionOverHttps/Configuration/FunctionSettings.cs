namespace LambdaFunctionOverHttps.Configuration;

/// <summary>The function's configuration, read once per process from its environment.</summary>
/// <param name="DefaultTableName"><c>TABLE_NAME</c>: the table used when an envelope names none.</param>
/// <param name="Tables"><c>ALLOWED_TABLES</c>: which tables callers may name.</param>
/// <param name="DynamoDbEndpoint"><c>AWS_ENDPOINT_URL_DYNAMODB</c>: another DynamoDB (dynalite, DynamoDB Local).</param>
internal sealed record FunctionSettings(string? DefaultTableName, TablePolicy Tables, string? DynamoDbEndpoint)
{
    public static FunctionSettings FromEnvironment() => FromVariables(Environment.GetEnvironmentVariable);

    public static FunctionSettings FromVariables(Func<string, string?> variable) => new(
        NullIfBlank(variable("TABLE_NAME")),
        TablePolicy.Parse(variable("ALLOWED_TABLES")),
        NullIfBlank(variable("AWS_ENDPOINT_URL_DYNAMODB")));

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
