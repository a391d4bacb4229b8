using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.LocalStack;

/// <summary>
/// events/DynamoDbManager.postman_collection.json, run by newman against the local stack as a
/// developer starts it: the collection's own checks on statuses and values decide.
/// </summary>
[Category("LocalStack")]
public class PostmanCollectionTests
{
    private const string ApiKey = "postman-test-key";

    /// <summary>The resources the REST collection replays the seeds' requests against, as its description says.</summary>
    private const string RestResources = "product=products:id,customers=customer_ids:id,customer-details=customer_details:customerId";

    private static readonly string Collection = RepositoryRoot.Combine("events", "DynamoDbManager.postman_collection.json");

    private static readonly string RestCollection = RepositoryRoot.Combine("events", "DynamoDbManager-rest.postman_collection.json");

    [Test]
    [Platform("Linux,MacOsX", Reason = "The stack is stopped with kill(1).")]
    public async Task The_Postman_collection_passes_against_the_local_stack_with_newman()
    {
        await using var stack = await LocalStackProcess.StartAsync("--api-key", ApiKey);
        var baseUrl = stack.ApiUrl.GetLeftPart(UriPartial.Authority);

        var (exitCode, output) = await RunNewman(
            "run", Collection,
            "-e", RepositoryRoot.Combine("events", "local.postman_environment.json"),
            "--env-var", $"baseUrl={baseUrl}",
            "--env-var", $"apiKey={ApiKey}",
            "--color", "off", "--disable-unicode");
        await stack.StopAsync();

        exitCode.Should().Be(0, $"newman reports every failed check:\n{output}");
        output.Should().Contain("Pass  403 Forbidden without x-api-key", "with an apiKey set, the refusal is checked, not skipped");
        output.Should().MatchRegex(@"\|\s+assertions\s+\|\s+[1-9]\d*\s+\|\s+0\s+\|");
    }

    [Test]
    [Platform("Linux,MacOsX", Reason = "The stack is stopped with kill(1).")]
    public async Task The_REST_collection_replays_the_seeds_requests_against_the_local_stack_with_newman_twice()
    {
        await using var stack = await LocalStackProcess.StartAsync("--api-key", ApiKey, "--resources", RestResources);
        var baseUrl = stack.ApiUrl.GetLeftPart(UriPartial.Authority);

        // Twice against the same tables: each run makes its own ids, so the second is no different.
        var runs = new List<(int ExitCode, string Output)>();
        for (var run = 0; run < 2; run++)
        {
            runs.Add(await RunNewman(
                "run", RestCollection,
                "-e", RepositoryRoot.Combine("events", "local.postman_environment.json"),
                "--env-var", $"baseUrl={baseUrl}",
                "--env-var", $"apiKey={ApiKey}",
                "--color", "off", "--disable-unicode"));
        }

        await stack.StopAsync();
        foreach (var (exitCode, output) in runs)
        {
            exitCode.Should().Be(0, $"newman reports every failed check:\n{output}");
            output.Should().Contain("Pass  403 Forbidden without x-api-key").And.Contain("Pass  only the email changes");
            output.Should().MatchRegex(@"\|\s+assertions\s+\|\s+[1-9]\d*\s+\|\s+0\s+\|");
        }
    }

    [Test]
    public void The_REST_collection_names_the_resources_it_runs_against_and_sends_the_key_to_baseUrl()
    {
        var collection = JsonNode.Parse(File.ReadAllText(RestCollection))!;

        ((string)collection["info"]!["description"]!).Should().Contain($"--resources {RestResources}");
        var requests = collection["item"]!.AsArray().SelectMany(folder => folder!["item"]!.AsArray()).ToList();
        requests.Select(item => (string)item!["request"]!["method"]!).Distinct().Should().BeEquivalentTo(["GET", "POST", "PUT", "PATCH", "DELETE"]);
        foreach (var item in requests)
        {
            var request = item!["request"]!;
            var name = (string)item["name"]!;
            ((string)request["url"]!["raw"]!).Should().StartWith("{{baseUrl}}/", name);
            var keys = request["header"]!.AsArray().Where(header => (string)header!["key"]! == "x-api-key").Select(header => (string)header!["value"]!);
            keys.Should().Equal(name == "no API key" ? [] : ["{{apiKey}}"], name);
        }
    }

    [Test]
    public void Every_operation_request_sends_the_envelope_of_its_events_file()
    {
        var operations = Folder("Operations");

        operations.Select(item => (string)item!["name"]!).Should().Equal(
            "ping", "echo", "create", "read", "update", "list", "query", "delete", "read after delete", "batch-write", "batch-read", "tables");
        foreach (var item in operations)
        {
            var name = (string)item!["name"]!;
            var file = name == "read after delete" ? "read" : name;
            var sent = JsonNode.Parse((string)item["request"]!["body"]!["raw"]!);
            var expected = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("events", $"{file}.json")));
            JsonNode.DeepEquals(sent, expected).Should().BeTrue($"the \"{name}\" request should send events/{file}.json");
        }
    }

    [Test]
    public void Every_request_goes_to_baseUrl_with_the_api_key_except_the_one_that_checks_it_is_required()
    {
        foreach (var item in Folder("Operations").Concat(Folder("Errors")))
        {
            var request = item!["request"]!;
            var name = (string)item["name"]!;
            ((string)request["url"]!["raw"]!).Should().Be("{{baseUrl}}/dynamodbmanager", name);
            ((string)request["method"]!).Should().Be("POST", name);
            var apiKeyHeaders = request["header"]!.AsArray().Where(header => (string)header!["key"]! == "x-api-key").ToList();
            if (name == "no API key")
            {
                apiKeyHeaders.Should().BeEmpty();
            }
            else
            {
                apiKeyHeaders.Select(header => (string)header!["value"]!).Should().Equal(["{{apiKey}}"], name);
            }
        }
    }

    [TestCase("local.postman_environment.json", "http://127.0.0.1:3000")]
    [TestCase("aws.postman_environment.json", "https://{api-id}.execute-api.{region}.amazonaws.com/Prod")]
    public void The_environments_set_baseUrl_and_leave_apiKey_for_the_user(string file, string baseUrl)
    {
        var values = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("events", file)))!["values"]!.AsArray()
            .ToDictionary(value => (string)value!["key"]!, value => (string)value!["value"]!);

        values.Should().Equal(new Dictionary<string, string> { ["baseUrl"] = baseUrl, ["apiKey"] = "" });
    }

    private static JsonArray Folder(string name) =>
        JsonNode.Parse(File.ReadAllText(Collection))!["item"]!.AsArray()
            .Single(folder => (string)folder!["name"]! == name)!["item"]!.AsArray();

    private static async Task<(int ExitCode, string Output)> RunNewman(params string[] args)
    {
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { RepositoryRoot.Combine("deploy", "local", "node_modules", "newman", "bin", "newman.js") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Path,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The collection talks to 127.0.0.1 only; no proxy may stand in between.
        start.Environment["NO_PROXY"] = "127.0.0.1,localhost";
        start.Environment["no_proxy"] = "127.0.0.1,localhost";
        using var newman = Process.Start(start)!;
        var output = newman.StandardOutput.ReadToEndAsync();
        var errors = newman.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await newman.WaitForExitAsync(timeout.Token);
        return (newman.ExitCode, await output + await errors);
    }
}
