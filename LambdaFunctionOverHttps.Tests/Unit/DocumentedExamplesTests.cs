using System.Text.Json.Nodes;
using FluentAssertions;
using LambdaFunctionOverHttps.Operations;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Unit;

/// <summary>
/// docs/contract.md shows one example envelope per operation and says the files in events/ are
/// those envelopes: each file must be its operation's example, so what a reader copies from the
/// docs and what the Lambda console, Postman and the walkthrough tests send cannot drift apart.
/// </summary>
public class DocumentedExamplesTests
{
    public static IEnumerable<string> Operations() => KnownOperations.ByName.Keys;

    [TestCaseSource(nameof(Operations))]
    public void The_events_file_of_an_operation_is_the_example_the_contract_shows_for_it(string operation)
    {
        var example = ExampleEnvelope(File.ReadAllLines(RepositoryRoot.Combine("docs", "contract.md")), operation);
        var file = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("events", EventFile(operation))));

        JsonNode.DeepEquals(file, example).Should().BeTrue(
            $"events/{EventFile(operation)} should be the contract's example {example?.ToJsonString()}, not {file?.ToJsonString()}");
    }

    [TestCase("read", "read.json")]
    [TestCase("batchWrite", "batch-write.json")]
    public void An_operation_s_events_file_is_its_name_in_lower_case_words_joined_by_hyphens(string operation, string file)
    {
        EventFile(operation).Should().Be(file);
    }

    /// <summary>The operation's file in events/: <c>batchRead</c> is <c>batch-read.json</c>.</summary>
    private static string EventFile(string operation) =>
        string.Concat(operation.Select(letter => char.IsUpper(letter) ? $"-{char.ToLowerInvariant(letter)}" : letter.ToString())) + ".json";

    [Test]
    public void The_example_reader_takes_the_envelope_without_the_answer_and_over_several_lines()
    {
        string[] contract =
        [
            "### read", "", "```jsonc", """{"operation": "read",""", """  "payload": {"Key": {"id": "1"}}}""", """// → {"Item": {}}""", "```",
            "### ping", "```jsonc", """{"operation": "ping"}""", "```",
        ];

        ExampleEnvelope(contract, "read")!.ToJsonString().Should().Be("""{"operation":"read","payload":{"Key":{"id":"1"}}}""");
        ExampleEnvelope(contract, "ping")!.ToJsonString().Should().Be("""{"operation":"ping"}""");
    }

    /// <summary>The first code block under "### operation", its "// →" answer lines left out.</summary>
    private static JsonNode? ExampleEnvelope(IReadOnlyList<string> contract, string operation)
    {
        var block = contract
            .SkipWhile(line => line != $"### {operation}")
            .SkipWhile(line => !line.StartsWith("```", StringComparison.Ordinal))
            .Skip(1)
            .TakeWhile(line => !line.StartsWith("```", StringComparison.Ordinal))
            .Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal))
            .ToList();
        block.Should().NotBeEmpty($"the contract should show an example for {operation}");
        return JsonNode.Parse(string.Join('\n', block));
    }
}
