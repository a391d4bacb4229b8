using LambdaFunctionOverHttps.Tests.Support;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.LocalStack;

/// <summary>
/// This assembly run as a program (<c>dotnet LambdaFunctionOverHttps.Tests.EndToEnd.dll hold-children</c>):
/// a stand-in for a test process that starts what tests start (a dynalite, a local stack, a temporary
/// folder), prints what it started, and waits to be killed. <see cref="TestRunEndTests"/> kills it.
/// </summary>
internal static class TestProcessHost
{
    public static async Task<int> Main(string[] args)
    {
        if (args is not ["hold-children"])
        {
            await Console.Error.WriteLineAsync("This is a test assembly: run it with dotnet test.");
            return 2;
        }

        using var dynalite = Dynalite.Start();
        await using var stack = await LocalStackProcess.StartAsync();
        Console.WriteLine($"process {dynalite.ProcessId}");
        Console.WriteLine($"process {stack.Id}");
        foreach (var child in stack.ChildProcessIds())
        {
            Console.WriteLine($"process {child}");
        }

        Console.WriteLine($"folder {TemporaryFolder.Create("held-")}");
        Console.WriteLine("ready");
        await Task.Delay(Timeout.Infinite);
        return 0;
    }
}
