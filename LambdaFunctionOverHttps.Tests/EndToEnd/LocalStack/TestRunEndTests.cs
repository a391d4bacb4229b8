using System.Diagnostics;
using System.Globalization;
using FluentAssertions;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.LocalStack;

/// <summary>
/// What the tests start ends with the test run, however the run ends: a test host killed outright
/// (a timeout, a tool cancelling it, <c>kill -9</c>) gets no chance to clean up, so the children must
/// notice on their own, and the folders it made are removed by the next run.
/// </summary>
[Category("LocalStack")]
[Platform("Linux", Reason = "Processes are found in /proc; the stand-in is killed with kill(1).")]
public class TestRunEndTests
{
    [Test]
    public async Task Killing_the_test_process_outright_leaves_no_dynalite_or_local_stack_running_and_the_next_run_removes_its_folders()
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            ArgumentList = { typeof(TestProcessHost).Assembly.Location, "hold-children" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var host = Process.Start(start)!;
        _ = host.StandardError.ReadToEndAsync();
        var children = new List<int>();
        string? folder = null;
        using (var patience = new CancellationTokenSource(TimeSpan.FromSeconds(120)))
        {
            while (await host.StandardOutput.ReadLineAsync(patience.Token) is { } line && line != "ready")
            {
                if (line.StartsWith("process ", StringComparison.Ordinal))
                {
                    children.Add(int.Parse(line["process ".Length..], CultureInfo.InvariantCulture));
                }
                else if (line.StartsWith("folder ", StringComparison.Ordinal))
                {
                    folder = line["folder ".Length..];
                }
            }
        }

        children.Should().HaveCountGreaterThanOrEqualTo(3, "a dynalite, a local stack and the stack's dynalite");
        children.Should().OnlyContain(pid => ProcessTable.IsRunning(pid));
        Directory.Exists(folder).Should().BeTrue();

        host.Kill();
        await host.WaitForExitAsync();

        var survivors = new List<int>();
        foreach (var pid in children)
        {
            if (!await ProcessTable.WaitUntilGoneAsync(pid, TimeSpan.FromSeconds(30)))
            {
                survivors.Add(pid);
                Process.GetProcessById(pid).Kill(entireProcessTree: true);
            }
        }

        survivors.Should().BeEmpty("every child should end when the test process that started it is gone");
        TemporaryFolder.RemoveAbandoned();
        Directory.Exists(folder).Should().BeFalse("the next run removes the folders of a test process that is gone");
    }
}
