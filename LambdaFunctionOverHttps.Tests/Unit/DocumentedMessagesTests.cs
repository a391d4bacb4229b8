using FluentAssertions;
using LambdaFunctionOverHttps.Configuration;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Unit;

/// <summary>
/// Messages the docs quote so that a user can search for them: the docs must quote what the
/// function really says, word for word.
/// </summary>
public class DocumentedMessagesTests
{
    private static readonly string Contract = File.ReadAllText(RepositoryRoot.Combine("docs", "contract.md"));
    private static readonly string LocalStack = File.ReadAllText(RepositoryRoot.Combine("docs", "local-stack.md"));

    [Test]
    public void The_invalid_TABLE_NAME_message_is_quoted_as_the_function_words_it()
    {
        var message = StartUpError("TABLE_NAME", "x");

        Contract.Should().Contain($"`{message}`");
        LocalStack.Should().Contain($"`The function cannot start: {message}`");
    }

    [Test]
    public void The_invalid_ALLOWED_ORIGINS_message_is_quoted_as_the_function_words_it()
    {
        Contract.Should().Contain($"`{StartUpError("ALLOWED_ORIGINS", "http://localhost:5173/")}`");
    }

    [Test]
    public void The_table_name_rule_is_quoted_as_the_function_words_it()
    {
        Contract.Should().Contain($"`Invalid tableName \"…\": {TablePolicy.NameRule}.`");
    }

    [Test]
    public void The_RESOURCES_messages_are_quoted_as_the_function_words_them()
    {
        var rest = File.ReadAllText(RepositoryRoot.Combine("docs", "rest.md"));
        var malformed = StartUpError("RESOURCES", "product=products");
        var notAllowed = ((Func<FunctionSettings>)(() => FunctionSettings.FromVariables(name => name switch
        {
            "RESOURCES" => "product=products:id",
            "ALLOWED_TABLES" => "lambda-apigateway",
            _ => null,
        }))).Should().Throw<ConfigurationException>().Which.Message;

        rest.Should().Contain($"`{malformed}`");
        rest.Should().Contain($"`…{notAllowed[notAllowed.IndexOf("its table", StringComparison.Ordinal)..]}`");
        rest.Should().Contain($"`{StartUpError("RESOURCES", "product=products:id")[..79]}…`");
    }

    private static string StartUpError(string variable, string value)
    {
        var start = () => FunctionSettings.FromVariables(name => name == variable ? value : null);
        return start.Should().Throw<ConfigurationException>().Which.Message;
    }
}
