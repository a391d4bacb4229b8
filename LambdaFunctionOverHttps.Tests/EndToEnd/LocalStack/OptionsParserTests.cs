using DynamoDbManager.Local.Options;
using FluentAssertions;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.LocalStack;

[Category("LocalStack")]
public class OptionsParserTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Test]
    public void No_options_mean_port_3000_in_memory_no_api_key_and_tables_created()
    {
        var options = OptionsParser.Parse([], NoEnvironment).Options!;

        options.Should().BeEquivalentTo(new StackOptions { Port = 3000, CreateTables = true });
        options.ApiKey.Should().BeNull();
        options.DataDirectory.Should().BeNull();
        options.DynamoDbEndpoint.Should().BeNull();
    }

    [Test]
    public void Every_option_is_read_in_both_spellings()
    {
        var spaced = OptionsParser.Parse(["--port", "3001", "--api-key", "k", "--data", "/tmp/d", "--no-create-table"], NoEnvironment).Options!;
        var joined = OptionsParser.Parse(["--port=3001", "--api-key=k", "--data=/tmp/d", "--no-create-table"], NoEnvironment).Options!;

        spaced.Should().Be(joined);
        spaced.Port.Should().Be(3001);
        spaced.ApiKey.Should().Be("k");
        spaced.ApiKeySource.Should().Be("--api-key");
        spaced.DataDirectory.Should().Be("/tmp/d");
        spaced.CreateTables.Should().BeFalse();
    }

    [Test]
    public void A_relative_data_directory_is_made_absolute_so_the_message_says_where_the_data_is()
    {
        OptionsParser.Parse(["--data", "local-data"], NoEnvironment).Options!.DataDirectory
            .Should().Be(Path.Combine(Environment.CurrentDirectory, "local-data"));
    }

    [Test]
    public void The_api_key_comes_from_the_environment_unless_the_command_line_gives_one()
    {
        Func<string, string?> environment = name => name == "DYNAMODBMANAGER_API_KEY" ? "from-env" : null;

        OptionsParser.Parse([], environment).Options!.Should().Match<StackOptions>(o => o.ApiKey == "from-env" && o.ApiKeySource == "DYNAMODBMANAGER_API_KEY");
        OptionsParser.Parse(["--api-key", "from-cli"], environment).Options!.ApiKey.Should().Be("from-cli");
    }

    [Test]
    public void Another_DynamoDB_is_an_http_or_https_URL()
    {
        OptionsParser.Parse(["--dynamodb", "http://127.0.0.1:8000"], NoEnvironment).Options!.DynamoDbEndpoint
            .Should().Be(new Uri("http://127.0.0.1:8000"));
        OptionsParser.Parse(["--dynamodb", "127.0.0.1:8000"], NoEnvironment).Error.Should().Contain("http://");
    }

    [TestCase("--port", "x")]
    [TestCase("--port", "65536")]
    [TestCase("--port", "-1")]
    [TestCase("--port")]
    [TestCase("--api-key")]
    [TestCase("--data")]
    [TestCase("--dynamodb")]
    [TestCase("--allow-origin")]
    [TestCase("--allow-origin", "")]
    [TestCase("--verbose")]
    [TestCase("--no-create-table=yes")]
    public void A_bad_option_is_a_usage_error_naming_it(params string[] args)
    {
        var parsed = OptionsParser.Parse(args, NoEnvironment);

        parsed.Options.Should().BeNull();
        parsed.Error.Should().Contain(args[0].Split('=')[0]);
    }

    [Test]
    public void No_origin_is_allowed_by_default()
    {
        OptionsParser.Parse([], NoEnvironment).Options!.AllowedOrigins.Should().BeEmpty();
    }

    [Test]
    public void Allowed_origins_are_read_repeated_and_comma_separated()
    {
        var options = OptionsParser.Parse(["--allow-origin", "http://localhost:5173", "--allow-origin=https://app.example, http://[::1]:8080"], NoEnvironment).Options!;

        options.AllowedOrigins.Should().Equal("http://localhost:5173", "https://app.example", "http://[::1]:8080");
        options.AllowedOriginsSource.Should().Be("--allow-origin");
    }

    [Test]
    public void Allowed_origins_come_from_ALLOWED_ORIGINS_unless_the_command_line_gives_some()
    {
        Func<string, string?> environment = name => name == "ALLOWED_ORIGINS" ? "http://from-env.example" : null;

        OptionsParser.Parse([], environment).Options!.AllowedOrigins.Should().Equal("http://from-env.example");
        OptionsParser.Parse([], environment).Options!.AllowedOriginsSource.Should().Be("ALLOWED_ORIGINS");
        OptionsParser.Parse(["--allow-origin", "http://from-cli.example"], environment).Options!.AllowedOrigins.Should().Equal("http://from-cli.example");
    }

    [TestCase("http://localhost:5173/", "http://localhost:5173")]
    [TestCase("localhost:5173", "scheme://host[:port]")]
    public void A_bad_origin_is_a_usage_error_that_says_how_to_write_it(string origin, string advice)
    {
        OptionsParser.Parse(["--allow-origin", origin], NoEnvironment).Error
            .Should().StartWith($"--allow-origin \"{origin}\" is not an origin").And.Contain(advice);
        OptionsParser.Parse([], name => name == "ALLOWED_ORIGINS" ? origin : null).Error
            .Should().StartWith($"ALLOWED_ORIGINS names \"{origin}\", which is not an origin").And.Contain(advice);
    }

    [Test]
    public void A_star_allows_any_origin_but_only_alone()
    {
        OptionsParser.Parse(["--allow-origin", "*"], NoEnvironment).Options!.AllowedOrigins.Should().Equal("*");
        OptionsParser.Parse(["--allow-origin", "*", "--allow-origin", "http://app.example"], NoEnvironment).Error.Should().Contain("cannot be combined");
    }

    [Test]
    public void Data_and_another_DynamoDB_exclude_each_other()
    {
        OptionsParser.Parse(["--data", "d", "--dynamodb", "http://127.0.0.1:8000"], NoEnvironment).Error
            .Should().Contain("--data and --dynamodb");
    }

    [TestCase("--help")]
    [TestCase("-h")]
    public void Help_wins_over_everything_else(string help)
    {
        OptionsParser.Parse(["--port", "x", help], NoEnvironment).ShowHelp.Should().BeFalse("the bad port comes first");
        OptionsParser.Parse([help, "--port", "x"], NoEnvironment).ShowHelp.Should().BeTrue();
    }
}
