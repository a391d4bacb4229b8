using System.Globalization;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.LocalStack;

/// <summary>Which processes are alive and whose children they are, read from Linux's /proc.</summary>
internal static class ProcessTable
{
    public static IReadOnlyList<int> ChildrenOf(int parent) =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => name!.All(char.IsAsciiDigit))
            .Select(name => int.Parse(name!, CultureInfo.InvariantCulture))
            .Where(pid => ParentOf(pid) == parent)
            .ToList();

    /// <summary>Whether the process runs; a zombie (exited, not yet reaped) counts as gone.</summary>
    public static bool IsRunning(int pid)
    {
        var stat = Stat(pid);
        return stat is not null && State(stat) != 'Z';
    }

    /// <summary>Waits for a process to end; false if it still runs after <paramref name="patience"/>.</summary>
    public static async Task<bool> WaitUntilGoneAsync(int pid, TimeSpan patience)
    {
        for (var waited = TimeSpan.Zero; waited < patience; waited += TimeSpan.FromMilliseconds(50))
        {
            if (!IsRunning(pid))
            {
                return true;
            }

            await Task.Delay(50);
        }

        return !IsRunning(pid);
    }

    /// <summary>The process's resident set size (VmRSS in /proc/PID/status), in bytes.</summary>
    public static long ResidentBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").Single(line => line.StartsWith("VmRSS:", StringComparison.Ordinal));
        // "VmRSS:     123456 kB"
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private static int? ParentOf(int pid) =>
        Stat(pid) is { } stat && int.TryParse(AfterCommand(stat).Split(' ')[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent)
            ? parent
            : null;

    private static char State(string stat) => AfterCommand(stat)[0];

    // The command name in /proc/PID/stat is in parentheses and may itself contain spaces.
    private static string AfterCommand(string stat) => stat[(stat.LastIndexOf(')') + 2)..];

    private static string? Stat(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
    }
}
