using LambdaFunctionOverHttps.Tests.Support;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.Deploy.Scripts;

/// <summary>
/// Runs deploy/aws/deploy.sh or destroy.sh with the stub <c>aws</c> (Scripts/aws) first on PATH,
/// in a folder of its own: the stub answers from a little state and records every call, so a test
/// can set the scene, run a script and read back exactly what it asked AWS to do. Nothing is sent
/// anywhere.
/// </summary>
internal sealed class StubAws : IDisposable
{
    public const string Account = "123456789012";

    private readonly string _folder = Directory.CreateTempSubdirectory("stub-aws-").FullName;

    public StubAws()
    {
        Directory.CreateDirectory(Bin);
        Directory.CreateDirectory(State);
        File.Copy(RepositoryRoot.Combine("LambdaFunctionOverHttps.Tests", "EndToEnd", "Deploy", "Scripts", "aws"), Path.Combine(Bin, "aws"));
        // Windows has no execute bit to set.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(Bin, "aws"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        File.WriteAllText(Zip, "stand-in for lambda-aot.zip");
    }

    public string Bin => Path.Combine(_folder, "bin");

    /// <summary>The zip handed to deploy.sh as LAMBDA_ZIP, so that no test runs the real AOT build.</summary>
    public string Zip => Path.Combine(_folder, "lambda-aot.zip");

    public string PostmanEnvironment => Path.Combine(_folder, "aws.postman_environment.json");

    /// <summary>The stub's and the scripts' variables; a test adds or overrides its own.</summary>
    public Dictionary<string, string?> Environment { get; } = new(StringComparer.Ordinal);

    private string State => Path.Combine(_folder, "state");

    private string Log => Path.Combine(_folder, "calls.log");

    /// <summary>
    /// A stack deployed earlier with these parameters (AccessLogging null: from before the template had
    /// it), and its table, whose own deletion protection starts as the parameter set it; a stack whose
    /// create rolled back has no table.
    /// </summary>
    public void StackExists(string status, bool deletionProtection, string? accessLogging = "false", string resources = "")
    {
        File.WriteAllText(Path.Combine(State, "stack"), status + "\n");
        File.WriteAllText(Path.Combine(State, "parameters"),
            $"DeletionProtection={Flag(deletionProtection)}\n" + (accessLogging is null ? "" : $"AccessLogging={accessLogging}\n")
            + (resources == "" ? "" : $"Resources={resources}\n"));
        if (status != "ROLLBACK_COMPLETE")
        {
            File.WriteAllText(Path.Combine(State, "table"), Flag(deletionProtection) + "\n");
            foreach (var entry in resources.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                File.WriteAllText(Path.Combine(State, "resource_table." + entry.Split('=')[1].Split(':')[0]), Flag(deletionProtection) + "\n");
            }
        }
    }

    /// <summary>Whether the resource table of that name exists.</summary>
    public bool HasResourceTable(string name) => File.Exists(Path.Combine(State, "resource_table." + name));

    public void BucketExists() => File.WriteAllText(Path.Combine(State, "bucket"), "");

    public bool HasStack => File.Exists(Path.Combine(State, "stack"));

    public bool HasBucket => File.Exists(Path.Combine(State, "bucket"));

    public bool HasTable => File.Exists(Path.Combine(State, "table"));

    /// <summary>The stack's status, e.g. CREATE_COMPLETE or DELETE_FAILED.</summary>
    public string StackStatus => File.ReadAllText(Path.Combine(State, "stack")).Trim();

    /// <summary>Every call the stub received, in order, as its arguments.</summary>
    public IReadOnlyList<string[]> Calls =>
        File.Exists(Log) ? [.. File.ReadAllLines(Log).Select(line => line.Split('\x1f'))] : [];

    /// <summary>The calls as "service command" pairs, e.g. "cloudformation deploy".</summary>
    public IReadOnlyList<string> Commands => [.. Calls.Select(call => string.Join(' ', call.Take(2)))];

    public string[] Call(string command) => Calls.Single(call => string.Join(' ', call.Take(2)) == command);

    public Task<ProcessResult> RunAsync(string script, params string[] arguments) =>
        RunBashAsync([RepositoryRoot.Combine("deploy", "aws", script), .. arguments]);

    /// <summary>A command line as a user types it into bash, e.g. one a script printed.</summary>
    public Task<ProcessResult> RunCommandLineAsync(string commandLine) => RunBashAsync(["-c", commandLine]);

    private Task<ProcessResult> RunBashAsync(string[] bashArguments)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["PATH"] = $"{Bin}:{System.Environment.GetEnvironmentVariable("PATH")}",
            ["STUB_AWS_LOG"] = Log,
            ["STUB_AWS_STATE"] = State,
            ["LAMBDA_ZIP"] = Zip,
            ["POSTMAN_ENVIRONMENT"] = PostmanEnvironment,
            // Empty is unset to the scripts: the developer's own settings must not leak into a test.
            ["AWS_REGION"] = "eu-west-1",
            ["AWS_DEFAULT_REGION"] = "",
            ["AWS_PROFILE"] = "",
            ["STACK_NAME"] = "",
            ["TABLE_NAME"] = "",
            ["ALARM_EMAIL"] = "",
            ["DELETION_PROTECTION"] = "",
            ["ALLOWED_ORIGINS"] = "",
            ["RESOURCES"] = "",
            ["NOTIFICATIONS"] = "",
            ["ARTIFACT_BUCKET"] = "",
            ["SKIP_BUILD"] = "",
        };
        foreach (var (name, value) in Environment)
        {
            environment[name] = value;
        }

        return ProcessRunner.RunAsync("/bin/bash", bashArguments, environment, timeout: TimeSpan.FromMinutes(1));
    }

    private static string Flag(bool value) => value ? "true" : "false";

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
