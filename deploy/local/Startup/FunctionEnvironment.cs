namespace DynamoDbManager.Local.Startup;

/// <summary>
/// The environment the function reads when it is constructed, as Lambda would give it: the
/// DynamoDB endpoint, and for a local DynamoDB the credentials and region the SDK insists on.
/// </summary>
internal static class FunctionEnvironment
{
    // dynalite accepts any signature; these only satisfy the SDK's credential chain.
    private const string DummyAccessKeyId = "local";
    private const string DummySecretAccessKey = "local";
    private const string DummyRegion = "us-east-1";

    /// <summary>Sets the variables in this process; returns what was filled in, for the start-up message.</summary>
    public static IReadOnlyList<string> Apply(Uri dynamoDb)
    {
        var filledIn = new List<string>();
        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.ToString().TrimEnd('/'));

        // Only for a DynamoDB on this machine: real credentials must never be shadowed when the
        // developer points the stack at AWS, and a local one has no use for them.
        if (!dynamoDb.IsLoopback)
        {
            return filledIn;
        }

        if (IsUnset("AWS_ACCESS_KEY_ID") && IsUnset("AWS_SECRET_ACCESS_KEY"))
        {
            Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", DummyAccessKeyId);
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", DummySecretAccessKey);
            filledIn.Add("dummy AWS credentials");
        }

        if (IsUnset("AWS_REGION"))
        {
            Environment.SetEnvironmentVariable("AWS_REGION", DummyRegion);
            filledIn.Add($"AWS_REGION={DummyRegion}");
        }

        return filledIn;
    }

    private static bool IsUnset(string name) => string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name));
}
