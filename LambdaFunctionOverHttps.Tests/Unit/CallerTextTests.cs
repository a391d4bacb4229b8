using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using FluentAssertions;
using LambdaFunctionOverHttps.Errors;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Unit;

/// <summary>
/// Caller strings repeated in error messages and in the log line are bounded, however large the
/// caller made them, and cut between characters.
/// </summary>
public class CallerTextTests
{
    // Two repeated strings of at most 255 characters, and the words around them.
    private const int MaxMessageLength = 1_000;
    private const int MaxLogLineBytes = 2_500;

    private static readonly string Huge = new('x', 5 * 1024 * 1024);

    private static readonly CannedDynamoDb NeverCalled = new(request => throw new AssertionException($"DynamoDB was called: {request.Action}"));

    private static IEnumerable<TestCaseData> HugeCallerStrings()
    {
        // HUGE stands for the 5 MB string in each envelope.
        TestCaseData Case(string name, string envelope, string errorType, string messageStart) =>
            new TestCaseData(envelope.Replace("HUGE", Huge, StringComparison.Ordinal), errorType, messageStart).SetArgDisplayNames(name);

        yield return Case("operation", """{"operation":"HUGE"}""", "UnknownOperation", "Unrecognized operation \"xxx");
        yield return Case("tableName", """{"operation":"list","tableName":"HUGE"}""", "InvalidRequest", "Invalid tableName \"xxx");
        yield return Case("payload key", """{"operation":"read","tableName":"lambda-apigateway","payload":{"Key":{"id":"1"},"HUGE":1}}""",
            "InvalidRequest", "Unknown parameter in payload: \"xxx");
        yield return Case("key attribute name", """{"operation":"read","tableName":"lambda-apigateway","payload":{"Key":{"HUGE":[1]}}}""",
            "InvalidRequest", "Invalid type for parameter Key.xxx");
        yield return Case("ExpressionAttributeNames name", """{"operation":"read","tableName":"lambda-apigateway","payload":{"Key":{"id":"1"},"ProjectionExpression":"#a","ExpressionAttributeNames":{"#HUGE":1}}}""",
            "InvalidRequest", "Invalid type for parameter ExpressionAttributeNames.#xxx");
        yield return Case("AttributeUpdates attribute name", """{"operation":"update","tableName":"lambda-apigateway","payload":{"Key":{"id":"1"},"AttributeUpdates":{"HUGE":{"Action":"NOPE"}}}}""",
            "InvalidRequest", "Invalid value for parameter AttributeUpdates.xxx");
        yield return Case("AttributeUpdates field name", """{"operation":"update","tableName":"lambda-apigateway","payload":{"Key":{"id":"1"},"AttributeUpdates":{"a":{"HUGE":1}}}}""",
            "InvalidRequest", "Unknown parameter in AttributeUpdates.a: \"xxx");
        yield return Case("ReturnValues value", """{"operation":"create","tableName":"lambda-apigateway","payload":{"Item":{"id":"1"},"ReturnValues":"HUGE"}}""",
            "InvalidRequest", "Invalid value for parameter ReturnValues: \"xxx");
        yield return Case("Select value", """{"operation":"list","tableName":"lambda-apigateway","payload":{"Select":"HUGE"}}""",
            "InvalidRequest", "Invalid value for parameter Select: \"xxx");
        yield return Case("Limit digits", """{"operation":"list","tableName":"lambda-apigateway","payload":{"Limit":1HUGE}}""".Replace("HUGE", Huge.Replace('x', '0'), StringComparison.Ordinal),
            "InvalidRequest", "Invalid value for parameter Limit: expected an integer from -2147483648 to 2147483647, got 1000");
        // Twice half of it, to stay under the 6 MB limit on the request.
        yield return Case("duplicate key", """{"operation":"echo","payload":{"HALF":1,"HALF":2}}""".Replace("HALF", Huge[..(Huge.Length / 2)], StringComparison.Ordinal),
            "InvalidRequest", "The event is not valid JSON: Duplicate property 'xxx");
    }

    [TestCaseSource(nameof(HugeCallerStrings))]
    public async Task A_5_MB_caller_string_gives_a_bounded_message_and_a_bounded_log_line(string envelope, string errorType, string messageStart)
    {
        var function = TestFunction.Against(NeverCalled);

        var answer = await function.InvokeAsync(envelope);

        answer.ErrorType.Should().Be(errorType);
        answer.ErrorMessage.Should().StartWith(messageStart);
        answer.ErrorMessage!.Length.Should().BeLessThan(MaxMessageLength);
        Encoding.UTF8.GetByteCount(function.Log).Should().BeLessThan(MaxLogLineBytes);
    }

    [Test]
    public async Task DynamoDB_s_message_repeating_a_5_MB_name_is_bounded_in_the_answer_and_the_log()
    {
        var dynamoDb = CannedDynamoDb.Failing(HttpStatusCode.BadRequest, "ValidationException",
            $"Value provided in ExpressionAttributeNames unused in expressions: keys: {{#{Huge}}}");
        var function = TestFunction.Against(dynamoDb);

        var answer = await function.InvokeAsync("""{"operation":"read","tableName":"lambda-apigateway","payload":{"Key":{"id":"1"}}}""");

        answer.ErrorType.Should().Be("ValidationException");
        answer.ErrorMessage.Should().StartWith("Value provided in ExpressionAttributeNames unused in expressions: keys: {#xxx").And.EndWith("…");
        answer.ErrorMessage!.Length.Should().Be(CallerText.MaxMessageLength + 1);
        Encoding.UTF8.GetByteCount(function.Log).Should().BeLessThan(MaxLogLineBytes + CallerText.MaxMessageLength);
    }

    [Test]
    public async Task The_log_line_names_the_operation_and_table_bounded_but_a_valid_table_name_whole()
    {
        var longestTableName = new string('t', 255);
        var function = TestFunction.Against(NeverCalled, allowedTables: "lambda-apigateway");

        await function.InvokeAsync($$$$"""{"operation":"{{{{Huge}}}}"}""");
        await function.InvokeAsync($$$$"""{"operation":"list","tableName":"{{{{Huge}}}}"}""");
        await function.InvokeAsync($$$$"""{"operation":"list","tableName":"{{{{longestTableName}}}}"}""");

        var lines = function.Log.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToArray();
        lines[0].GetProperty("operation").GetString().Should().Be(new string('x', CallerText.MaxLength) + "…");
        lines[1].GetProperty("table").GetString().Should().Be(new string('x', CallerText.MaxLength) + "…");
        lines[2].GetProperty("table").GetString().Should().Be(longestTableName, "a name DynamoDB accepts is logged whole, so it can be searched for");
    }

    [Test]
    public void Truncation_keeps_a_surrogate_pair_whole()
    {
        var pairAcrossTheCut = new string('a', CallerText.MaxLength - 1) + string.Concat(Enumerable.Repeat("😀", 10));
        var pairBeforeTheCut = new string('a', CallerText.MaxLength - 2) + string.Concat(Enumerable.Repeat("😀", 10));

        CallerText.Bounded(pairAcrossTheCut).Should().Be(new string('a', CallerText.MaxLength - 1) + "…");
        CallerText.Bounded(pairBeforeTheCut).Should().Be(new string('a', CallerText.MaxLength - 2) + "😀…");
    }

    [Test]
    public void Only_a_whole_pair_moves_the_cut_a_lone_half_beside_it_does_not()
    {
        var loneLowAfterTheCut = new string('a', CallerText.MaxLength) + "\uDC00bbb";
        var loneHighBeforeTheCut = new string('a', CallerText.MaxLength - 1) + "\uD800bbb";

        CallerText.Bounded(loneLowAfterTheCut).Should().Be(new string('a', CallerText.MaxLength) + "…");
        CallerText.Bounded(loneHighBeforeTheCut).Should().Be(new string('a', CallerText.MaxLength - 1) + "\uD800…");
    }

    [Test]
    public async Task An_operation_of_emoji_is_cut_between_characters_in_the_message_and_the_log()
    {
        // Placed so that the last character the cut keeps would be the first half of an emoji.
        var prefix = new string('a', (CallerText.MaxLength - 1) % 2);
        var operation = prefix + string.Concat(Enumerable.Repeat("😀", 1_000_000));
        var function = TestFunction.Against(NeverCalled);

        var answer = await function.InvokeAsync($"{{\"operation\":\"{operation}\"}}");

        answer.ErrorMessage.Should().StartWith($"Unrecognized operation \"{prefix}😀😀").And.Contain("😀…\"").And.NotContain("\uFFFD");
        Utf8.IsValid(answer.Result.Payload).Should().BeTrue();
        function.Log.Should().Contain("😀…\"").And.NotContain("\uFFFD").And.NotContain("\\uFFFD");
    }
}
