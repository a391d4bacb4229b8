using System.Reflection;
using System.Text.RegularExpressions;
using Amazon.DynamoDBv2.Model;
using FluentAssertions;
using LambdaFunctionOverHttps.Operations;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Unit;

/// <summary>
/// docs/contract.md says each operation takes boto3's keyword arguments less the few it lists as not
/// taken, and refuses any other key as boto3 does. boto3's <c>Table</c> methods take the DynamoDB
/// call's parameters less <c>TableName</c>, which the SDK's request types model one property each.
/// </summary>
public partial class PayloadKeysContractTests
{
    private static readonly CannedDynamoDb NeverCalled = new(request => throw new AssertionException($"DynamoDB was called: {request.Action}"));

    private static readonly Dictionary<string, (IReadOnlyList<string> Taken, IReadOnlyList<string> Boto3)> Operations = new()
    {
        ["create"] = (PutItem.Parameters, Boto3Parameters(typeof(PutItemRequest))),
        ["read"] = (GetItem.Parameters, Boto3Parameters(typeof(GetItemRequest))),
        ["update"] = (UpdateItem.Parameters, Boto3Parameters(typeof(UpdateItemRequest))),
        ["delete"] = (DeleteItem.Parameters, Boto3Parameters(typeof(DeleteItemRequest))),
        ["list"] = (Scan.Parameters, Boto3Parameters(typeof(ScanRequest))),
        ["query"] = (Query.Parameters, Boto3Parameters(typeof(QueryRequest))),

        // A batch takes one table's part of RequestItems (for a write, its list as Requests) and the call's other parameters.
        ["batchRead"] = (BatchGetItem.Parameters, [.. Boto3Parameters(typeof(KeysAndAttributes)), .. BatchParameters(typeof(BatchGetItemRequest))]),
        ["batchWrite"] = (BatchWriteItem.Parameters, ["Requests", .. BatchParameters(typeof(BatchWriteItemRequest))]),
    };

    private static IEnumerable<string> OperationNames => Operations.Keys;

    [TestCaseSource(nameof(OperationNames))]
    public void The_contract_lists_exactly_the_payload_keys_the_operation_takes(string operation)
    {
        Listed(operation, "Payload keys:").Should().BeEquivalentTo(Operations[operation].Taken);
    }

    [TestCaseSource(nameof(OperationNames))]
    public void Every_key_taken_is_boto3_s_and_every_other_boto3_parameter_is_listed_as_not_taken(string operation)
    {
        var (taken, boto3) = Operations[operation];

        taken.Should().BeSubsetOf(boto3);
        Listed(operation, "Not taken:").Should().BeEquivalentTo(boto3.Except(taken));
    }

    [TestCaseSource(nameof(OperationNames))]
    public async Task A_boto3_parameter_not_taken_is_refused_as_unknown_before_DynamoDB_is_called(string operation)
    {
        foreach (var parameter in Listed(operation, "Not taken:"))
        {
            var answer = await TestFunction.Against(NeverCalled).Call(operation, "lambda-apigateway", $$"""{"{{parameter}}":"x"}""");

            answer.ErrorType.Should().Be("InvalidRequest");
            answer.ErrorMessage.Should().StartWith($"Unknown parameter in payload: \"{parameter}\", must be one of: ");
        }
    }

    private static IEnumerable<string> BatchParameters(Type request) => Boto3Parameters(request).Where(name => name != "RequestItems");

    // The DynamoDB call's parameters as the SDK models them, less TableName (boto3's Table supplies
    // it) and the SDK's own IsXSet helpers.
    private static List<string> Boto3Parameters(Type request) =>
        [.. request.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Select(property => property.Name)
            .Where(name => name != "TableName" && !(name.StartsWith("Is", StringComparison.Ordinal) && name.EndsWith("Set", StringComparison.Ordinal)))];

    // The backticked parameter names in the sentence of the operation's section that starts with `lead`.
    private static List<string> Listed(string operation, string lead)
    {
        var contract = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "contract.md")).ReplaceLineEndings(" ");
        var section = contract[contract.IndexOf($"### {operation} ", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("```", StringComparison.Ordinal)];
        var at = section.IndexOf(lead, StringComparison.Ordinal);
        if (at < 0)
        {
            return [];
        }

        var sentence = section[at..];
        sentence = sentence[..SentenceEnd().Match(sentence).Index];
        return [.. Parameter().Matches(sentence).Select(match => match.Groups[1].Value)];
    }

    // The end of the sentence, or of the list within it where "(use …)" names the replacements.
    [GeneratedRegex(@"\.(\s|$)| \(use ")]
    private static partial Regex SentenceEnd();

    // A backticked name with a lower-case letter: a parameter, not a value such as `NONE`.
    [GeneratedRegex("`([A-Z][A-Za-z]*[a-z][A-Za-z]*)`")]
    private static partial Regex Parameter();
}
