using FluentAssertions;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.Deploy.Scripts;

/// <summary>The shell scripts users run (deploy, package, benchmarks), and the stub that tests them, pass shellcheck.</summary>
[Category("Deploy")]
public class ShellcheckTests
{
    [Test]
    public async Task The_deploy_package_and_benchmark_scripts_pass_shellcheck()
    {
        if ((await ProcessRunner.RunAsync("/bin/sh", ["-c", "command -v shellcheck"])).ExitCode != 0)
        {
            Assert.Fail("shellcheck is not installed (Debian/Ubuntu: apt-get install shellcheck); .ci/run installs it.");
        }

        string[] scripts = [.. Directory.GetFiles(RepositoryRoot.Combine("deploy", "aws"), "*.sh").Order(StringComparer.Ordinal),
            RepositoryRoot.Combine("deploy", "package.sh"), RepositoryRoot.Combine("LambdaFunctionOverHttps.Tests", "EndToEnd", "Deploy", "Scripts", "aws"),
            .. Directory.GetFiles(RepositoryRoot.Combine("benchmarks"), "*.sh").Order(StringComparer.Ordinal)];
        scripts.Select(Path.GetFileName).Should().Contain(["common.sh", "deploy.sh", "destroy.sh", "cold-start.sh", "soak.sh", "throughput.sh"]);

        // -x follows the scripts' `source` of common.sh, whose path is given relative to the repository root.
        var checkedScripts = await ProcessRunner.RunAsync("shellcheck", ["-x", .. scripts]);

        checkedScripts.ExitCode.Should().Be(0, checkedScripts.Stdout + checkedScripts.Stderr);
    }
}
