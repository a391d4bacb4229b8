using Amazon.DynamoDBv2;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Integration;

/// <summary>One dynalite for the integration tests, with the tables they use.</summary>
[SetUpFixture]
public sealed class DynaliteSetUp
{
    private static Dynalite? _dynalite;

    private static Dynalite Running => _dynalite ?? throw new InvalidOperationException("dynalite is not running.");

    public static Uri Endpoint => Running.Endpoint;

    [OneTimeSetUp]
    public static async Task StartDynalite()
    {
        _dynalite = Dynalite.Start();
        using var client = AdminClient();
        await Dynalite.CreateTable(client, "lambda-apigateway");
    }

    [OneTimeTearDown]
    public static void StopDynalite() => _dynalite?.Dispose();

    /// <summary>A plain low-level client, for setting up and checking behind the function's back.</summary>
    public static AmazonDynamoDBClient AdminClient() => Running.AdminClient();
}
