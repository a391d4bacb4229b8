using DynamoDbManager.Local.Startup;
using FluentAssertions;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.LocalStack;

[Category("LocalStack")]
public class FunctionEnvironmentTests
{
    [Test]
    public void A_local_DynamoDB_gets_dummy_credentials_and_a_region_when_none_are_set()
    {
        var variables = new Dictionary<string, string?>();

        var filledIn = FunctionEnvironment.Apply(new Uri("http://127.0.0.1:4567"), [], variables.GetValueOrDefault, (name, value) => variables[name] = value);

        variables.Should().Contain("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:4567");
        variables.Should().ContainKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
        variables.Should().Contain("AWS_REGION", "us-east-1");
        filledIn.Should().Equal("dummy AWS credentials", "AWS_REGION=us-east-1");
    }

    [Test]
    public void Credentials_and_region_already_set_are_kept()
    {
        var variables = new Dictionary<string, string?> { ["AWS_ACCESS_KEY_ID"] = "mine", ["AWS_SECRET_ACCESS_KEY"] = "secret", ["AWS_REGION"] = "eu-west-1" };

        var filledIn = FunctionEnvironment.Apply(new Uri("http://localhost:8000"), [], variables.GetValueOrDefault, (name, value) => variables[name] = value);

        variables.Should().Contain("AWS_ACCESS_KEY_ID", "mine").And.Contain("AWS_REGION", "eu-west-1");
        filledIn.Should().BeEmpty();
    }

    [Test]
    public void A_DynamoDB_elsewhere_gets_only_its_endpoint_never_dummy_credentials()
    {
        var variables = new Dictionary<string, string?>();

        FunctionEnvironment.Apply(new Uri("https://dynamodb.eu-west-1.amazonaws.com"), [], variables.GetValueOrDefault, (name, value) => variables[name] = value);

        variables.Should().Equal(new Dictionary<string, string?>
        {
            ["AWS_ENDPOINT_URL_DYNAMODB"] = "https://dynamodb.eu-west-1.amazonaws.com",
            ["ALLOWED_ORIGINS"] = "",
        });
    }

    [Test]
    public void The_allowed_origins_become_the_functions_ALLOWED_ORIGINS_replacing_what_was_there()
    {
        var variables = new Dictionary<string, string?> { ["ALLOWED_ORIGINS"] = "*" };

        FunctionEnvironment.Apply(new Uri("http://127.0.0.1:4567"), ["http://localhost:5173", "https://app.example"], variables.GetValueOrDefault, (name, value) => variables[name] = value);

        variables.Should().Contain("ALLOWED_ORIGINS", "http://localhost:5173,https://app.example");
    }
}
