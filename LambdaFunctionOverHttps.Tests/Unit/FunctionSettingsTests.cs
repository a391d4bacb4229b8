using FluentAssertions;
using LambdaFunctionOverHttps.Configuration;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Unit;

/// <summary>TABLE_NAME, AWS_ENDPOINT_URL_DYNAMODB and ALLOWED_TABLES, read once at start-up: what is taken, and the message for what is not.</summary>
public class FunctionSettingsTests
{
    [TestCase("ab")]
    [TestCase("no spaces")]
    [TestCase("lambda/apigateway")]
    [TestCase("tábla")]
    public void An_invalid_TABLE_NAME_stops_the_start_with_a_message_naming_it(string tableName)
    {
        var act = () => Settings(("TABLE_NAME", tableName));

        act.Should().Throw<ConfigurationException>().Which.Message.Should().Be(
            $"TABLE_NAME \"{tableName.Trim()}\" is not a valid table name: DynamoDB table names are 3 to 255 characters of a-z, A-Z, 0-9, '_', '-' and '.'.");
    }

    [TestCase("lambda-apigateway", "lambda-apigateway")]
    [TestCase("  Table_1.v-2  ", "Table_1.v-2")]
    [TestCase("   ", null)]
    [TestCase(null, null)]
    public void TABLE_NAME_is_taken_trimmed_and_a_blank_one_means_no_default(string? value, string? expected)
    {
        Settings(("TABLE_NAME", value)).DefaultTableName.Should().Be(expected);
    }

    [TestCase("localhost:8000")]
    [TestCase("ftp://127.0.0.1:8000")]
    [TestCase("/relative/path")]
    public void An_AWS_ENDPOINT_URL_DYNAMODB_that_is_not_an_http_URL_stops_the_start(string endpoint)
    {
        var act = () => Settings(("AWS_ENDPOINT_URL_DYNAMODB", endpoint));

        act.Should().Throw<ConfigurationException>().Which.Message.Should().Be(
            $"AWS_ENDPOINT_URL_DYNAMODB \"{endpoint}\" is not an http:// or https:// URL.");
    }

    [TestCase("http://127.0.0.1:8000")]
    [TestCase("https://dynamodb.eu-west-1.amazonaws.com")]
    public void An_http_or_https_AWS_ENDPOINT_URL_DYNAMODB_is_taken(string endpoint)
    {
        Settings(("AWS_ENDPOINT_URL_DYNAMODB", endpoint)).DynamoDbEndpoint.Should().Be(endpoint);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase(" , ")]
    [TestCase("one-table,*")]
    [TestCase("*")]
    [TestCase(" a , * ")]
    public void An_unset_empty_or_starred_ALLOWED_TABLES_allows_any_table(string? value)
    {
        var tables = Settings(("ALLOWED_TABLES", value)).Tables;

        tables.AllowsAnyTable.Should().BeTrue();
        tables.Allows("whatever-table").Should().BeTrue();
        tables.Names.Should().BeEmpty();
    }

    [Test]
    public void ALLOWED_TABLES_allows_exactly_its_names_trimmed_and_case_sensitive()
    {
        var tables = Settings(("ALLOWED_TABLES", " first-table ,second.table,")).Tables;

        tables.AllowsAnyTable.Should().BeFalse();
        tables.Names.Should().BeEquivalentTo("first-table", "second.table");
        tables.Allows("first-table").Should().BeTrue();
        tables.Allows("second.table").Should().BeTrue();
        tables.Allows("First-table").Should().BeFalse();
        tables.Allows("third-table").Should().BeFalse();
    }

    [Test]
    public void The_configured_tables_are_TABLE_NAME_and_the_allow_list_sorted_once_each()
    {
        var settings = Settings(("TABLE_NAME", "main-table"), ("ALLOWED_TABLES", "zeta-table,main-table,alpha-table"));

        settings.ConfiguredTables().Should().Equal("alpha-table", "main-table", "zeta-table");
    }

    [Test]
    public void A_TABLE_NAME_outside_the_allow_list_is_not_a_configured_table()
    {
        var settings = Settings(("TABLE_NAME", "main-table"), ("ALLOWED_TABLES", "other-table"));

        settings.ConfiguredTables().Should().Equal("other-table");
    }

    [TestCase("1", 1)]
    [TestCase("900", 900)]
    public void FUNCTION_TIMEOUT_SECONDS_takes_Lambda_s_whole_range_from_1_to_900_seconds(string value, int seconds)
    {
        Settings(("FUNCTION_TIMEOUT_SECONDS", value)).FunctionTimeout.Should().Be(TimeSpan.FromSeconds(seconds));
    }

    private static FunctionSettings Settings(params (string Name, string? Value)[] variables) =>
        FunctionSettings.FromVariables(name => variables.FirstOrDefault(variable => variable.Name == name).Value);
}
