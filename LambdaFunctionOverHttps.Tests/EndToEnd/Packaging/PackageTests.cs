using System.IO.Compression;
using FluentAssertions;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.Packaging;

/// <summary>
/// Runs deploy/package.sh as a user does, then the two zips' contents as Lambda would: the Native
/// AOT bootstrap both as <c>invoke</c> and as a custom runtime, the managed assembly with dotnet,
/// against a dynalite of this fixture's own.
/// </summary>
[Category("Packaging")]
[NonParallelizable]
public class PackageTests
{
    private string _unpacked = "";
    private Dynalite? _dynalite;

    private Dynalite Running => _dynalite ?? throw new InvalidOperationException("dynalite is not running.");

    [OneTimeSetUp]
    public async Task Package()
    {
        if ((await ProcessRunner.RunAsync("sh", ["-c", "command -v clang"])).ExitCode != 0)
        {
            Assert.Ignore("clang, the Native AOT linker, is not installed (apt-get install clang); .ci/run installs it.");
        }

        var packaged = await ProcessRunner.RunAsync("bash", [RepositoryRoot.Combine("deploy", "package.sh")], timeout: TimeSpan.FromMinutes(10));
        packaged.ExitCode.Should().Be(0, packaged.Stderr + packaged.Stdout);

        _unpacked = TemporaryFolder.Create("lambda-zips-");
        ZipFile.ExtractToDirectory(RepositoryRoot.Combine("artifacts", "lambda-aot.zip"), Path.Combine(_unpacked, "aot"));
        ZipFile.ExtractToDirectory(RepositoryRoot.Combine("artifacts", "lambda-managed.zip"), Path.Combine(_unpacked, "managed"));
        _dynalite = Dynalite.Start();
    }

    [OneTimeTearDown]
    public void CleanUp()
    {
        _dynalite?.Dispose();
        if (Directory.Exists(_unpacked))
        {
            Directory.Delete(_unpacked, recursive: true);
        }
    }

    [Test]
    public void The_AOT_zip_holds_only_an_executable_bootstrap()
    {
        using var zip = ZipFile.OpenRead(RepositoryRoot.Combine("artifacts", "lambda-aot.zip"));

        zip.Entries.Select(entry => entry.FullName).Should().Equal("bootstrap");
        var unixMode = (zip.Entries[0].ExternalAttributes >> 16) & 0x1FF;
        (unixMode & 0x49).Should().Be(0x49, "Lambda runs bootstrap, so it must be executable (mode {0})", Convert.ToString(unixMode, 8));
    }

    [Test]
    public void The_managed_zip_holds_the_handler_assembly_and_the_SDK()
    {
        using var zip = ZipFile.OpenRead(RepositoryRoot.Combine("artifacts", "lambda-managed.zip"));

        zip.Entries.Select(entry => entry.FullName).Should().Contain(["LambdaFunctionOverHttps.dll", "LambdaFunctionOverHttps.runtimeconfig.json",
            "LambdaFunctionOverHttps.deps.json", "AWSSDK.Core.dll", "AWSSDK.DynamoDBv2.dll"]);
    }

    [Test]
    public async Task The_AOT_bootstrap_invokes_the_sample_events_against_dynalite()
    {
        var bootstrap = Path.Combine(_unpacked, "aot", "bootstrap");
        var table = await NewTable();

        var ping = await Invoke(bootstrap, [], RepositoryRoot.Combine("events", "ping.json"));
        var created = await Invoke(bootstrap, [], "-", Retarget("create.json", table));
        var read = await Invoke(bootstrap, [], "-", Retarget("read.json", table));
        var missing = await Invoke(bootstrap, [], "-", Retarget("read.json", "no-such-table"));

        ping.Stdout.Should().Be("\"pong\"\n");
        created.ExitCode.Should().Be(0, created.Stderr);
        read.ExitCode.Should().Be(0, read.Stderr);
        System.Text.Json.JsonDocument.Parse(read.Stdout).RootElement.GetProperty("Item").GetRawText().Should().Be("""{"id":"1234ABCD","number":5}""");
        missing.ExitCode.Should().Be(1);
        missing.Stdout.Should().Contain("\"errorType\":\"ResourceNotFoundException\"");
    }

    [Test]
    public async Task The_AOT_bootstrap_pings_without_a_region_and_refuses_a_table_operation_or_a_directory_in_one_line()
    {
        var bootstrap = Path.Combine(_unpacked, "aot", "bootstrap");
        var nowhere = Path.Combine(_unpacked, "no-such-aws-config");
        var environment = new Dictionary<string, string?>
        {
            ["AWS_REGION"] = null,
            ["AWS_DEFAULT_REGION"] = null,
            ["AWS_ENDPOINT_URL_DYNAMODB"] = null,
            ["AWS_CONFIG_FILE"] = nowhere,
            ["AWS_SHARED_CREDENTIALS_FILE"] = nowhere,
        };

        var ping = await ProcessRunner.RunAsync(bootstrap, ["invoke", RepositoryRoot.Combine("events", "ping.json")], environment);
        var read = await ProcessRunner.RunAsync(bootstrap, ["invoke", RepositoryRoot.Combine("events", "read.json")], environment);
        var folder = await ProcessRunner.RunAsync(bootstrap, ["invoke", RepositoryRoot.Combine("events")], environment);

        ping.ExitCode.Should().Be(0, ping.Stderr);
        ping.Stdout.Should().Be("\"pong\"\n");
        read.ExitCode.Should().Be(2);
        read.Stderr.Should().StartWith("Configuration error: ").And.Contain("set AWS_REGION").And.EndWith("\n");
        read.Stderr.Count(character => character == '\n').Should().Be(1, "a configuration error is one line");
        folder.ExitCode.Should().Be(2);
        folder.Stderr.Should().Be($"Cannot read the event: {RepositoryRoot.Combine("events")} is a directory, not an event file.\n");
    }

    [Test]
    public async Task The_managed_assembly_invokes_the_same_events_with_dotnet()
    {
        var table = await NewTable();
        var dll = Path.Combine(_unpacked, "managed", "LambdaFunctionOverHttps.dll");

        var created = await Invoke("dotnet", [dll], "-", Retarget("create.json", table));
        var read = await Invoke("dotnet", [dll], "-", Retarget("read.json", table));

        created.ExitCode.Should().Be(0, created.Stderr);
        System.Text.Json.JsonDocument.Parse(read.Stdout).RootElement.GetProperty("Item").GetRawText().Should().Be("""{"id":"1234ABCD","number":5}""");
    }

    [Test]
    public async Task The_AOT_bootstrap_serves_a_Runtime_API_as_a_custom_runtime()
    {
        using var runtimeApi = new FakeRuntimeApi();
        using var server = new LoopbackRuntimeApi(runtimeApi);
        var table = await NewTable();
        runtimeApi.Enqueue("aot-1", Retarget("create.json", table));
        runtimeApi.Enqueue("aot-2", Retarget("read.json", table));
        runtimeApi.Enqueue("aot-3", """{"operation":"nope"}""");

        var environment = Environment(("AWS_LAMBDA_RUNTIME_API", server.Address));
        using var process = System.Diagnostics.Process.Start(Start(Path.Combine(_unpacked, "aot", "bootstrap"), environment))!;
        try
        {
            var created = await runtimeApi.NextPostAsync(TimeSpan.FromSeconds(30));
            var read = await runtimeApi.NextPostAsync(TimeSpan.FromSeconds(30));
            var failed = await runtimeApi.NextPostAsync(TimeSpan.FromSeconds(30));

            created.Path.Should().EndWith("/aot-1/response");
            read.Json.GetProperty("Item").GetProperty("number").GetInt32().Should().Be(5);
            failed.Path.Should().EndWith("/aot-3/error");
            failed.ErrorTypeHeader.Should().Be("UnknownOperation");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }
    }

    private Task<ProcessResult> Invoke(string program, string[] prefix, string eventPath, string? stdin = null) =>
        ProcessRunner.RunAsync(program, [.. prefix, "invoke", eventPath], Environment(), stdin, timeout: TimeSpan.FromMinutes(1));

    private Dictionary<string, string?> Environment(params (string Name, string Value)[] extra)
    {
        var environment = new Dictionary<string, string?>
        {
            ["AWS_ENDPOINT_URL_DYNAMODB"] = Running.Endpoint.ToString(),
            ["AWS_ACCESS_KEY_ID"] = "test",
            ["AWS_SECRET_ACCESS_KEY"] = "test",
            ["AWS_REGION"] = "us-east-1",
        };
        foreach (var (name, value) in extra)
        {
            environment[name] = value;
        }

        return environment;
    }

    private static System.Diagnostics.ProcessStartInfo Start(string program, Dictionary<string, string?> environment)
    {
        var start = new System.Diagnostics.ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    // The sample events name lambda-apigateway; each test points them at a table of its own.
    private static string Retarget(string eventFile, string table) =>
        File.ReadAllText(RepositoryRoot.Combine("events", eventFile)).Replace("\"lambda-apigateway\"", $"\"{table}\"", StringComparison.Ordinal);

    private async Task<string> NewTable()
    {
        var name = $"pkg-{Guid.NewGuid():N}";
        using var admin = Running.AdminClient();
        await Dynalite.CreateTable(admin, name);
        return name;
    }
}
