using System.Text.Json;
using FluentAssertions;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Integration;

/// <summary>
/// Every sample event in events/, run as a user runs them from the Lambda console, in the order a
/// walkthrough takes: create, read, update, list, query, the proxy events, delete, the batches, echo, ping, tables.
/// </summary>
[Category("Dynalite")]
public class EventFilesTests
{
    private static readonly string[] Walkthrough =
        ["create", "read", "update", "list", "query", "api-gateway-proxy", "http-api-v2", "delete", "batch-write", "batch-read", "echo", "ping", "tables"];

    [Test]
    public void The_walkthrough_covers_every_file_in_events()
    {
        var files = Directory.GetFiles(RepositoryRoot.Combine("events"), "*.json")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(name => !name!.Contains("postman", StringComparison.OrdinalIgnoreCase));

        files.Should().BeEquivalentTo(Walkthrough);
    }

    [Test]
    public async Task Every_sample_event_does_what_its_name_says_against_dynalite()
    {
        var function = TestFunction.Against(DynaliteSetUp.Endpoint);
        var answers = new Dictionary<string, Answer>();
        foreach (var name in Walkthrough)
        {
            answers[name] = await function.InvokeAsync(await File.ReadAllTextAsync(RepositoryRoot.Combine("events", $"{name}.json")));
            answers[name].IsFunctionError.Should().BeFalse($"{name}.json answered {answers[name].Text}");
        }

        Keys(answers["create"].Json).Should().Equal("ResponseMetadata");
        answers["create"].Json.GetProperty("ResponseMetadata").GetProperty("HTTPStatusCode").GetInt32().Should().Be(200);
        answers["create"].Json.GetProperty("ResponseMetadata").GetProperty("RequestId").GetString().Should().NotBeNullOrEmpty();
        answers["read"].Json.GetProperty("Item").GetRawText().Should().Be("""{"id":"1234ABCD","number":5}""");
        answers["update"].Json.GetProperty("Attributes").GetRawText().Should().Be("""{"number":16}""");
        answers["list"].Json.GetProperty("Items").GetRawText().Should().Be("""[{"id":"1234ABCD","number":16}]""");
        answers["list"].Json.GetProperty("Count").GetInt32().Should().Be(1);
        answers["query"].Json.GetProperty("Items").GetRawText().Should().Be("""[{"id":"1234ABCD","number":16}]""");
        answers["query"].Json.GetProperty("ScannedCount").GetInt32().Should().Be(1);

        answers["api-gateway-proxy"].StatusCode.Should().Be(200);
        answers["api-gateway-proxy"].Body.GetProperty("Item").GetRawText().Should().Be("""{"id":"1234ABCD","number":16}""");
        answers["http-api-v2"].StatusCode.Should().Be(200);
        answers["http-api-v2"].Body.GetProperty("Items").GetArrayLength().Should().Be(1);

        answers["delete"].Json.GetProperty("Attributes").GetRawText().Should().Be("""{"id":"1234ABCD","number":16}""");
        var afterDelete = await function.InvokeAsync(await File.ReadAllTextAsync(RepositoryRoot.Combine("events", "read.json")));
        Keys(afterDelete.Json).Should().Equal("ResponseMetadata");

        answers["batch-write"].Json.GetProperty("UnprocessedItems").GetArrayLength().Should().Be(0);
        answers["batch-read"].Json.GetProperty("Items").GetRawText().Should().Be("""[{"id":"5678EFGH","number":10},{"id":"9012IJKL","number":15}]""");
        answers["batch-read"].Json.GetProperty("UnprocessedKeys").GetArrayLength().Should().Be(0);
        await function.Call("batchWrite", "lambda-apigateway",
            """{"Requests":[{"DeleteRequest":{"Key":{"id":"5678EFGH"}}},{"DeleteRequest":{"Key":{"id":"9012IJKL"}}}]}""");

        answers["echo"].Text.Should().Be("""{"somekey1":"somevalue1","somekey2":"somevalue2"}""");
        answers["ping"].Text.Should().Be("\"pong\"");

        // No allow-list here, so dynalite's ListTables answers (with the tables other fixtures made).
        answers["tables"].Json.GetProperty("TableNames").EnumerateArray().Select(name => name.GetString()).Should().Contain("lambda-apigateway");
        answers["tables"].Json.GetProperty("Listed").GetBoolean().Should().BeTrue();
    }

    private static IEnumerable<string> Keys(JsonElement element) => element.EnumerateObject().Select(property => property.Name);
}
