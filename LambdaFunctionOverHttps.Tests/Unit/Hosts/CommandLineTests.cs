using System.Text;
using FluentAssertions;
using LambdaFunctionOverHttps.Configuration;
using LambdaFunctionOverHttps.Hosts;
using LambdaFunctionOverHttps.Invocation;
using LambdaFunctionOverHttps.Logging;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Unit.Hosts;

/// <summary>The local one-shot <c>invoke</c>, in process: stdout is the answer, stderr the log.</summary>
[NonParallelizable]
public class CommandLineTests
{
    [Test]
    public async Task Invoke_prints_exactly_the_function_s_answer_and_exits_0()
    {
        var run = await Run(["invoke", RepositoryRoot.Combine("events", "echo.json")]);

        run.ExitCode.Should().Be(CommandLine.Answered);
        run.Stdout.Should().Be("""{"somekey1":"somevalue1","somekey2":"somevalue2"}""" + "\n");
        run.Stderr.Should().Contain("\"operation\":\"echo\"");
    }

    [Test]
    public async Task Invoke_dash_reads_the_event_from_stdin()
    {
        var run = await Run(["invoke", "-"], stdin: """{"operation":"ping"}""");

        run.ExitCode.Should().Be(CommandLine.Answered);
        run.Stdout.Should().Be("\"pong\"\n");
    }

    [Test]
    public async Task A_function_error_prints_Lambda_s_error_JSON_and_exits_1()
    {
        var run = await Run(["invoke", "-"], stdin: """{"operation":"truncate"}""");

        run.ExitCode.Should().Be(CommandLine.FunctionError);
        run.Stdout.Should().StartWith("{\"errorMessage\":\"Unrecognized operation \\\"truncate\\\"")
            .And.EndWith("\",\"errorType\":\"UnknownOperation\",\"stackTrace\":[]}\n");
    }

    [Test]
    public async Task A_proxy_event_prints_the_proxy_response_as_API_Gateway_would_receive_it()
    {
        var run = await Run(["invoke", "-"], stdin: """{"httpMethod":"POST","requestContext":{},"body":"{\"operation\":\"ping\"}"}""");

        run.ExitCode.Should().Be(CommandLine.Answered);
        run.Stdout.Should().Be("""{"statusCode":200,"headers":{"content-type":"application/json"},"body":"\"pong\"","isBase64Encoded":false}""" + "\n");
    }

    [Test]
    public async Task A_missing_event_file_is_a_usage_error_with_a_clear_message()
    {
        var run = await Run(["invoke", "/no/such/event.json"]);

        run.ExitCode.Should().Be(CommandLine.UsageError);
        run.Stderr.Should().StartWith("Cannot read the event:").And.NotContain(" at ");
        run.Stdout.Should().BeEmpty();
    }

    [Test]
    public async Task A_bad_configuration_is_a_usage_error_not_a_crash()
    {
        var run = await Run(["invoke", "-"], stdin: """{"operation":"ping"}""",
            createInvoker: log => Invoker.Create(Settings(("ALLOWED_TABLES", "good-table, x")), log));

        run.ExitCode.Should().Be(CommandLine.UsageError);
        run.Stderr.Should().Be("Configuration error: ALLOWED_TABLES names \"x\", which is not a valid table name: "
            + "DynamoDB table names are 3 to 255 characters of a-z, A-Z, 0-9, '_', '-' and '.'." + Environment.NewLine);
    }

    [Test]
    public async Task A_table_operation_without_a_region_or_an_endpoint_is_a_configuration_error_that_says_what_to_set()
    {
        var run = await WithoutRegion(() => Run(["invoke", "-"], stdin: """{"operation":"read","tableName":"lambda-apigateway","payload":{"Key":{"id":"1"}}}""",
            createInvoker: log => CommandLine.CreateInvoker(Settings(), log, new Amazon.Runtime.BasicAWSCredentials("test", "test"))));

        run.ExitCode.Should().Be(CommandLine.UsageError);
        run.Stderr.Should().StartWith("Configuration error: ").And.Contain("set AWS_REGION, or AWS_ENDPOINT_URL_DYNAMODB")
            .And.HaveLength(run.Stderr.IndexOf('\n', StringComparison.Ordinal) + 1, "it is one line");
        run.Stdout.Should().BeEmpty();
    }

    [TestCase("""{"operation":"ping"}""", "\"pong\"")]
    [TestCase("""{"operation":"echo","payload":{"a":1}}""", """{"a":1}""")]
    public async Task Ping_and_echo_need_no_region_because_they_never_call_DynamoDB(string envelope, string answer)
    {
        var run = await WithoutRegion(() => Run(["invoke", "-"], stdin: envelope,
            createInvoker: log => CommandLine.CreateInvoker(Settings(), log, new Amazon.Runtime.BasicAWSCredentials("test", "test"))));

        run.ExitCode.Should().Be(CommandLine.Answered, run.Stderr);
        run.Stdout.Should().Be(answer + "\n");
    }

    [Test]
    public async Task A_directory_given_as_the_event_is_a_usage_error_that_says_it_is_a_directory()
    {
        var folder = Directory.CreateTempSubdirectory("invoke-dir-").FullName;
        try
        {
            var run = await Run(["invoke", folder]);

            run.ExitCode.Should().Be(CommandLine.UsageError);
            run.Stderr.Should().Be($"Cannot read the event: {folder} is a directory, not an event file.{Environment.NewLine}");
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> WithoutRegion(Func<Task<(int ExitCode, string Stdout, string Stderr)>> run)
    {
        var saved = Environment.GetEnvironmentVariable("AWS_REGION");
        Environment.SetEnvironmentVariable("AWS_REGION", null);
        try
        {
            return await run();
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_REGION", saved);
        }
    }

    private static FunctionSettings Settings(params (string Name, string Value)[] variables) =>
        FunctionSettings.FromVariables(name => variables.FirstOrDefault(variable => variable.Name == name).Value);

    [TestCase]
    [TestCase("invoke")]
    [TestCase("invoke", "a.json", "b.json")]
    [TestCase("deploy")]
    public async Task Anything_else_prints_the_usage_and_exits_2(params string[] args)
    {
        var run = await Run(args);

        run.ExitCode.Should().Be(CommandLine.UsageError);
        run.Stderr.Should().Contain("Usage:");
    }

    [Test]
    public async Task Help_and_version_answer_on_stdout()
    {
        var help = await Run(["--help"]);
        var version = await Run(["--version"]);

        help.Stdout.Should().Contain("invoke <event.json | ->");
        version.Stdout.Should().MatchRegex(@"^\d+\.\d+\.\d+");
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> Run(
        string[] args, string stdin = "", Func<FunctionLog, Invoker>? createInvoker = null)
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(stdin));
        using var output = new MemoryStream();
        var errors = new StringWriter();
        var exitCode = await CommandLine.RunAsync(args, input, output, errors,
            createInvoker ?? (log => CommandLine.CreateInvoker(Settings(("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:9")), log)));
        return (exitCode, Encoding.UTF8.GetString(output.ToArray()), errors.ToString());
    }
}
