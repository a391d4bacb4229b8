using LambdaFunctionOverHttps.Configuration;

namespace DynamoDbManager.Local.Startup;

/// <summary>
/// The environment the function reads when it is constructed, as Lambda would give it: the
/// DynamoDB endpoint, the origins browsers may call from, and for a local DynamoDB the credentials
/// and region the SDK insists on.
/// </summary>
internal static class FunctionEnvironment
{
    // dynalite accepts any signature; these only satisfy the SDK's credential chain.
    private const string DummyAccessKeyId = "local";
    private const string DummySecretAccessKey = "local";
    private const string DummyRegion = "us-east-1";

    /// <summary>Sets the variables; returns what was filled in, for the start-up message.</summary>
    /// <param name="dynamoDb">The DynamoDB the function is to use.</param>
    /// <param name="allowedOrigins">The origins whose pages may call it from a browser, or <c>*</c>; empty for none.</param>
    /// <param name="read">Reads a variable (the process environment, in the stack).</param>
    /// <param name="write">Sets one.</param>
    public static IReadOnlyList<string> Apply(Uri dynamoDb, IReadOnlyList<string> allowedOrigins, Func<string, string?> read, Action<string, string?> write)
    {
        var filledIn = new List<string>();
        write("AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.ToString().TrimEnd('/'));

        // Always written, so the function's policy is the options' one even when the command line
        // replaced what the environment said.
        write(CorsPolicy.Variable, string.Join(',', allowedOrigins));

        // Only for a DynamoDB on this machine: real credentials must never be shadowed when the
        // developer points the stack at AWS, and a local one has no use for them.
        if (!dynamoDb.IsLoopback)
        {
            return filledIn;
        }

        if (string.IsNullOrEmpty(read("AWS_ACCESS_KEY_ID")) && string.IsNullOrEmpty(read("AWS_SECRET_ACCESS_KEY")))
        {
            write("AWS_ACCESS_KEY_ID", DummyAccessKeyId);
            write("AWS_SECRET_ACCESS_KEY", DummySecretAccessKey);
            filledIn.Add("dummy AWS credentials");
        }

        if (string.IsNullOrEmpty(read("AWS_REGION")))
        {
            write("AWS_REGION", DummyRegion);
            filledIn.Add($"AWS_REGION={DummyRegion}");
        }

        return filledIn;
    }
}
