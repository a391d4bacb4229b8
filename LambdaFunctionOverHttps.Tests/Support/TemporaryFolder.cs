using System.Diagnostics;
using System.Globalization;

namespace LambdaFunctionOverHttps.Tests.Support;

/// <summary>
/// Temporary folders (dynalite's data, unpacked zips) that do not outlive the test run, however it
/// ends. Each test process keeps its folders under one folder named after it
/// (<c>$TMPDIR/dynamodbmanager-tests/PID-START</c>); the first use in a process removes the folders of
/// test processes that are gone, which is where a killed run's folders end up.
/// </summary>
internal static class TemporaryFolder
{
    public static readonly string Root = Path.Combine(Path.GetTempPath(), "dynamodbmanager-tests");

    private static readonly Lazy<string> Mine = new(() =>
    {
        RemoveAbandoned();
        return Directory.CreateDirectory(Path.Combine(Root, OwnerName(Environment.ProcessId))).FullName;
    });

    /// <summary>A new empty folder, removed with the others of this process by the next run if not before.</summary>
    public static string Create(string prefix) =>
        Directory.CreateDirectory(Path.Combine(Mine.Value, $"{prefix}{Guid.NewGuid():N}")).FullName;

    /// <summary>Removes the folders of test processes that no longer run; returns how many.</summary>
    public static int RemoveAbandoned()
    {
        if (!Directory.Exists(Root))
        {
            return 0;
        }

        var removed = 0;
        foreach (var folder in Directory.EnumerateDirectories(Root))
        {
            var name = Path.GetFileName(folder);
            if (name.Split('-') is not [var pidText, _] || !int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                || OwnerName(pid) == name)
            {
                continue;
            }

            try
            {
                Directory.Delete(folder, recursive: true);
                removed++;
            }
            catch (IOException)
            {
                // Another run's sweep got there first, or a file is still held: the next sweep retries.
            }
            catch (UnauthorizedAccessException)
            {
                // Someone else's folder on a shared machine: not ours to remove.
            }
        }

        return removed;
    }

    // The process id and its start time: a later process that reuses the id has another start time.
    private static string OwnerName(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return $"{pid}-{process.StartTime.ToUniversalTime().Ticks / TimeSpan.TicksPerSecond}";
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            return "gone";
        }
    }
}
