using FluentAssertions;
using LambdaFunctionOverHttps.Configuration;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Unit.Rest;

/// <summary>RESOURCES and NEXT_TOKEN_SECRET, read at start-up: what is taken, and the message for what is not.</summary>
public class ResourcesConfigurationTests
{
    private const string Secret = "0123456789abcdef0123456789abcdef";

    [Test]
    public void The_issues_example_gives_three_routes_with_their_tables_keys_and_key_types()
    {
        var resources = Settings("product=products:id, customers=customer_ids:id,orders=orders:orderId:N").Resources;

        resources.All.Should().Equal(
            new RestResource("product", "products", "id", NumericKey: false),
            new RestResource("customers", "customer_ids", "id", NumericKey: false),
            new RestResource("orders", "orders", "orderId", NumericKey: true));
        resources.Find("orders")!.ItemPath.Should().Be("/orders/{id}");
        resources.Find("Orders").Should().BeNull("paths are case-sensitive, as in API Gateway");
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase(" , ")]
    public void Unset_or_empty_RESOURCES_means_no_routes_and_needs_no_secret(string? value)
    {
        var settings = FunctionSettings.FromVariables(name => name == "RESOURCES" ? value : null);

        settings.Resources.IsEmpty.Should().BeTrue();
    }

    [TestCase("product", "has no '='")]
    [TestCase("product=products", "write route=table:keyAttribute")]
    [TestCase("product=products:", "write route=table:keyAttribute")]
    [TestCase("=products:id", "\"\" is not a route")]
    [TestCase("product=products:id:S", "the key type \"S\" is not N")]
    [TestCase("product=products:id:N:x", "write route=table:keyAttribute")]
    [TestCase("pro/duct=products:id", "\"pro/duct\" is not a route")]
    [TestCase("..=products:id", "\"..\" is not a route")]
    [TestCase("health=products:id", "the route \"health\" is taken: /dynamodbmanager, /health, /openapi.json are served already")]
    [TestCase("DynamoDbManager=products:id", "is taken")]
    [TestCase("openapi.json=products:id", "is taken")]
    [TestCase("product=pr:id", "\"pr\" is not a valid table name")]
    [TestCase("product=products:limit", "would clash with GET /product's query parameter limit")]
    [TestCase("product=products:id,product=others:id", "the route \"product\" is listed twice")]
    [TestCase("a=products:id,b=products:sku", "table \"products\" has one key")]
    [TestCase("a=products:id,b=products:id:N", "route \"a\" says id:S and this entry id:N")]
    [TestCase("a=products:id:N,b=products:id", "route \"a\" says id:N and this entry id:S")]
    public void A_malformed_entry_stops_the_start_with_a_message_naming_it(string value, string problem)
    {
        var act = () => Settings(value);

        act.Should().Throw<ConfigurationException>().WithMessage($"RESOURCES entry *{problem}*");
    }

    [Test]
    public void A_key_attribute_name_over_255_UTF8_bytes_stops_the_start_and_255_bytes_are_taken()
    {
        var longest = new string('\u00e9', 127) + "k"; // 2 bytes each, then one: 255 bytes
        var over = new string('\u00e9', 128);          // 256 bytes in 128 characters

        Settings($"product=products:{longest}").Resources.Find("product")!.KeyAttribute.Should().Be(longest);
        var act = () => Settings($"product=products:{over}");
        act.Should().Throw<ConfigurationException>().WithMessage("RESOURCES entry *the key attribute's name is over 255 bytes, DynamoDB's limit for key attributes*");
    }

    [Test]
    public void A_resource_table_outside_ALLOWED_TABLES_stops_the_start_naming_the_table()
    {
        var act = () => Settings("product=products:id", allowedTables: "lambda-apigateway");

        act.Should().Throw<ConfigurationException>().WithMessage("RESOURCES entry \"product=products:id\"*table \"products\" is not in ALLOWED_TABLES*");
        Settings("product=products:id", allowedTables: "lambda-apigateway,products").Resources.All.Should().ContainSingle();
    }

    [TestCase(null, "it is unset")]
    [TestCase("short", "it has 5")]
    public void Routes_without_a_secret_of_32_characters_stop_the_start_saying_how_to_make_one(string? secret, string why)
    {
        var act = () => FunctionSettings.FromVariables(name => name switch
        {
            "RESOURCES" => "product=products:id",
            "NEXT_TOKEN_SECRET" => secret,
            _ => null,
        });

        act.Should().Throw<ConfigurationException>()
            .WithMessage($"NEXT_TOKEN_SECRET must be set to at least 32 characters when RESOURCES is set*({why})*openssl rand -base64 48");
    }

    private static FunctionSettings Settings(string resources, string? allowedTables = null) => FunctionSettings.FromVariables(name => name switch
    {
        "RESOURCES" => resources,
        "NEXT_TOKEN_SECRET" => Secret,
        "ALLOWED_TABLES" => allowedTables,
        _ => null,
    });
}
