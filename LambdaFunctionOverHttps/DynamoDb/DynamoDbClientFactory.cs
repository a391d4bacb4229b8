using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.Util;
using LambdaFunctionOverHttps.Configuration;

namespace LambdaFunctionOverHttps.DynamoDb;

/// <summary>Builds the one DynamoDB client a process uses.</summary>
internal static class DynamoDbClientFactory
{
    // The SDK's DynamoDB default is 10 retries with backoff up to 20 s, so a dead endpoint takes
    // ~100 s to surface, far past any sensible Lambda timeout. Two retries absorb a throttle or a
    // dropped connection; more only delays the error the caller has to see anyway.
    public const int MaxErrorRetry = 2;

    // Per attempt. DynamoDB answers single-item calls in milliseconds; 5 s leaves room for a
    // 1 MB scan page while keeping three attempts inside a 30 s function timeout.
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(5);

    /// <param name="endpoint">
    /// Another DynamoDB to talk to (dynalite, DynamoDB Local), normally from the standard
    /// <c>AWS_ENDPOINT_URL_DYNAMODB</c>; null means AWS in the configured region.
    /// </param>
    /// <param name="credentials">Null means the SDK's default chain (the Lambda role in AWS).</param>
    /// <param name="transport">A replacement HTTP layer, for benchmarks and tests.</param>
    /// <exception cref="ConfigurationException">No region and no endpoint: the SDK cannot tell where DynamoDB is.</exception>
    public static CapturingDynamoDbClient Create(string? endpoint, AWSCredentials? credentials = null, HttpClientFactory? transport = null)
    {
        try
        {
            var config = Configure(endpoint, transport);
            return credentials is null ? new CapturingDynamoDbClient(config) : new CapturingDynamoDbClient(credentials, config);
        }
        catch (AmazonClientException exception)
        {
            // Lambda always sets AWS_REGION; a developer's shell may not, and the SDK refuses then.
            throw new ConfigurationException(
                $"{exception.Message}: set AWS_REGION, or AWS_ENDPOINT_URL_DYNAMODB to use a local DynamoDB.", exception);
        }
    }

    /// <summary>The client configuration <see cref="Create"/> uses (also for the benchmarks' bare SDK client).</summary>
    /// <param name="endpoint">As for <see cref="Create"/>.</param>
    /// <param name="transport">As for <see cref="Create"/>.</param>
    public static AmazonDynamoDBConfig Configure(string? endpoint, HttpClientFactory? transport = null)
    {
        var config = new AmazonDynamoDBConfig
        {
            MaxErrorRetry = MaxErrorRetry,
            Timeout = AttemptTimeout,
            RetryMode = RequestRetryMode.Standard,
        };

        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            config.ServiceURL = endpoint;

            // With a ServiceURL and no RegionEndpoint the SDK works the signing region out of the URL
            // again for every request: a regex, and for a URL that names no region (dynalite's) the
            // region fallback chain, which throws and catches an exception. The answer never changes,
            // so it is worked out once here, the same way; the SDK then uses it as it is.
            if (AWSSDKUtils.DetermineRegion(endpoint) is { Length: > 0 } region)
            {
                config.AuthenticationRegion = region;
            }
        }

        if (transport is not null)
        {
            config.HttpClientFactory = transport;
        }

        return config;
    }
}
