using FluentAssertions;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.Deploy.Scripts;

/// <summary>What both scripts do before they touch AWS: help, usage errors, and the checks for the CLI, credentials and a region.</summary>
[Category("Deploy")]
[TestFixture("deploy.sh")]
[TestFixture("destroy.sh")]
public class ScriptPrerequisiteTests(string script) : StubAwsTests
{
    [Test]
    public async Task Help_describes_the_options_and_calls_nothing()
    {
        var help = await Aws.RunAsync(script, "--help");

        help.ExitCode.Should().Be(0);
        help.Stdout.Should().StartWith($"Usage: deploy/aws/{script}").And.Contain("--stack-name").And.Contain("--region");
        Aws.Calls.Should().BeEmpty();
    }

    [TestCase("--no-such-option", "unknown option '--no-such-option'")]
    [TestCase("--region", "--region needs a value")]
    public async Task A_usage_error_says_what_is_wrong_and_calls_nothing(string argument, string message)
    {
        var run = await Aws.RunAsync(script, argument);

        run.ExitCode.Should().Be(2);
        run.Stderr.Should().Contain(message);
        Aws.Calls.Should().BeEmpty();
    }

    [Test]
    public async Task Without_the_AWS_CLI_the_script_says_to_install_it()
    {
        // A PATH with only what the scripts need before they look for aws.
        var tools = Directory.CreateTempSubdirectory("no-aws-").FullName;
        try
        {
            foreach (var tool in new[] { "bash", "dirname", "basename" })
            {
                var found = (await ProcessRunner.RunAsync("/bin/sh", ["-c", $"command -v {tool}"])).Stdout.Trim();
                File.CreateSymbolicLink(Path.Combine(tools, tool), found);
            }

            Aws.Environment["PATH"] = tools;
            var run = await Aws.RunAsync(script);

            run.ExitCode.Should().Be(2);
            run.Stderr.Should().Contain("the AWS CLI ('aws') is not installed or not on PATH");
        }
        finally
        {
            Directory.Delete(tools, recursive: true);
        }
    }

    [Test]
    public async Task Without_credentials_the_script_stops_after_asking_who_is_logged_in()
    {
        Aws.Environment["STUB_AWS_LOGGED_IN"] = "0";

        var run = await Aws.RunAsync(script);

        run.ExitCode.Should().Be(2);
        run.Stderr.Should().Contain("no valid credentials").And.Contain("aws configure");
        Aws.Commands.Should().Equal("sts get-caller-identity");
    }

    [Test]
    public async Task Without_a_region_the_script_says_how_to_set_one()
    {
        Aws.Environment["AWS_REGION"] = "";

        var run = await Aws.RunAsync(script);

        run.ExitCode.Should().Be(2);
        run.Stderr.Should().Contain("no AWS region: pass --region, or set AWS_REGION");
        Aws.Commands.Should().Equal("sts get-caller-identity", "configure get");
    }
}
