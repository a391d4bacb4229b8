namespace DynamoDbManager.Local.Startup;

/// <summary>The <c>--data</c> directory, made ready before anything starts so a wrong path is one line, not a stack trace.</summary>
internal static class DataDirectory
{
    /// <summary>Creates the directory if it does not exist.</summary>
    /// <returns>Why it cannot be used, as the one line to print; null when it can.</returns>
    public static string? Prepare(string path)
    {
        // The system's own message for a file in the way is "could not find a part of the path",
        // which sends the developer looking for something missing; name the file instead.
        for (var ancestor = path; !string.IsNullOrEmpty(ancestor); ancestor = Path.GetDirectoryName(ancestor))
        {
            if (File.Exists(ancestor))
            {
                return ancestor == path
                    ? $"Cannot use --data {path}: it is a file, not a directory."
                    : $"Cannot use --data {path}: {ancestor} is a file, not a directory.";
            }
        }

        try
        {
            Directory.CreateDirectory(path);
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return $"Cannot use --data {path}: the directory cannot be created there (permission denied).";
        }
        catch (IOException exception)
        {
            // A read-only file system, a path the system will not create: its own words say which.
            return $"Cannot use --data {path}: the directory cannot be created ({exception.Message.TrimEnd('.')}).";
        }
    }
}
