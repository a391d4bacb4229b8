using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Integration;

/// <summary>One dynalite for the integration tests, with the tables they use.</summary>
[SetUpFixture]
public sealed class DynaliteSetUp
{
    private static Dynalite? _dynalite;

    public static Uri Endpoint => _dynalite?.Endpoint ?? throw new InvalidOperationException("dynalite is not running.");

    [OneTimeSetUp]
    public static async Task StartDynalite()
    {
        _dynalite = Dynalite.Start();
        using var client = AdminClient();
        await CreateTable(client, "lambda-apigateway");
    }

    [OneTimeTearDown]
    public static void StopDynalite() => _dynalite?.Dispose();

    /// <summary>A plain low-level client, for setting up and checking behind the function's back.</summary>
    public static AmazonDynamoDBClient AdminClient() =>
        new(new BasicAWSCredentials("test", "test"), new AmazonDynamoDBConfig { ServiceURL = Endpoint.ToString(), MaxErrorRetry = 0 });

    /// <summary>A table with an <c>id</c> string hash key (the template's), and optionally a numeric sort key.</summary>
    public static async Task CreateTable(AmazonDynamoDBClient client, string name, string? sortKey = null)
    {
        var request = new CreateTableRequest
        {
            TableName = name,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            KeySchema = [new KeySchemaElement("id", KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition("id", ScalarAttributeType.S)],
        };
        if (sortKey is not null)
        {
            request.KeySchema.Add(new KeySchemaElement(sortKey, KeyType.RANGE));
            request.AttributeDefinitions.Add(new AttributeDefinition(sortKey, ScalarAttributeType.N));
        }

        await client.CreateTableAsync(request);

        // Even with --createTableMs 0 the table turns ACTIVE on dynalite's next tick, and a write
        // before that is refused: wait for it, as anyone creating a table must.
        while ((await client.DescribeTableAsync(name)).Table.TableStatus != TableStatus.ACTIVE)
        {
            await Task.Delay(10);
        }
    }
}
