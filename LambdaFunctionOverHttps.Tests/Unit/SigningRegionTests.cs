using System.Text.RegularExpressions;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using FluentAssertions;
using LambdaFunctionOverHttps.DynamoDb;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Unit;

/// <summary>
/// With an endpoint override the client works the signing region out once, at construction, rather
/// than the SDK doing it per request. Requests must still be signed for the region the URL names.
/// </summary>
public partial class SigningRegionTests
{
    [TestCase("https://dynamodb.eu-west-2.amazonaws.com", "eu-west-2")]
    [TestCase("https://dynamodb.ap-southeast-1.amazonaws.com/", "ap-southeast-1")]
    public async Task A_regional_endpoint_is_signed_for_its_own_region(string endpoint, string region)
    {
        var dynamoDb = CannedDynamoDb.Answering("{}");
        using var client = DynamoDbClientFactory.Create(endpoint, new BasicAWSCredentials("test", "test"), dynamoDb);

        await client.GetItemAsync(new GetItemRequest { TableName = "t", Key = new() { ["id"] = new AttributeValue { S = "1" } } });
        await client.GetItemAsync(new GetItemRequest { TableName = "t", Key = new() { ["id"] = new AttributeValue { S = "2" } } });

        dynamoDb.Requests.Should().HaveCount(2).And.OnlyContain(request => SigningRegion(request) == region);
    }

    [Test]
    public async Task A_local_endpoint_is_signed_for_one_region_every_time()
    {
        var dynamoDb = CannedDynamoDb.Answering("{}");
        using var client = DynamoDbClientFactory.Create("http://127.0.0.1:9", new BasicAWSCredentials("test", "test"), dynamoDb);

        for (var i = 0; i < 3; i++)
        {
            await client.GetItemAsync(new GetItemRequest { TableName = "t", Key = new() { ["id"] = new AttributeValue { S = "1" } } });
        }

        dynamoDb.Requests.Select(SigningRegion).Distinct().Should().ContainSingle().Which.Should().MatchRegex("^[a-z]{2}(-[a-z]+)+-[0-9]$");
    }

    [TestCase("http://127.0.0.1:4567")]
    [TestCase("https://dynamodb.eu-west-2.amazonaws.com")]
    public void With_an_endpoint_the_signing_region_is_settled_when_the_client_is_configured(string endpoint)
    {
        var config = DynamoDbClientFactory.Configure(endpoint);

        config.AuthenticationRegion.Should().Be(Amazon.Util.AWSSDKUtils.DetermineRegion(endpoint)).And.NotBeNullOrEmpty();
    }

    [Test]
    public void Without_an_endpoint_the_region_is_left_to_the_SDK_and_AWS_REGION()
    {
        DynamoDbClientFactory.Configure(endpoint: null).AuthenticationRegion.Should().BeNull();
    }

    private static string SigningRegion(CannedRequest request) =>
        CredentialScope().Match(request.Authorization ?? "") is { Success: true } match ? match.Groups["region"].Value : "(unsigned)";

    [GeneratedRegex(@"Credential=[^/]+/\d{8}/(?<region>[^/]+)/dynamodb/aws4_request")]
    private static partial Regex CredentialScope();
}
