using System.Text;
using CsCheck;

namespace LambdaFunctionOverHttps.Tests.Integration.Reliability;

/// <summary>
/// Generators of request bodies that are wrong by construction, one family per way a caller can
/// get it wrong. Every one must be answered with a 4xx; none may reach a 5xx.
/// </summary>
internal static class MalformedRequests
{
    private const string Table = "lambda-apigateway";

    private static readonly string[] TableOperations = ["create", "read", "update", "delete", "list"];

    // Garbage without '/' or '\': error messages may quote it, and the oracle looks for file paths.
    private static readonly Gen<string> Garbage =
        Gen.Char["abcXYZ019 _-#:.,;()=<>!?{}[]\"'*&%$@~`^|+\t\n\u00e9\u4e2d\U0001F600"].Array[0, 40].Select(chars => new string(chars));

    private static readonly Gen<string> Identifier =
        Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"].Array[1, 20].Select(chars => new string(chars));

    /// <summary>A JSON value of any kind but the one a field wants (<paramref name="except"/>).</summary>
    private static Gen<string> ValueOtherThan(string except) => Gen.OneOf(
            "\"text\"", "42", "-1.5", "true", "false", "[]", "[1,\"x\"]", "{}", "{\"a\":1}")
        .Where(value => except switch
        {
            "string" => !value.StartsWith('"'),
            "object" => !value.StartsWith('{'),
            "bool" => value is not ("true" or "false"),
            "int" => value is not "42",
            _ => true,
        });

    public static readonly Gen<byte[]> Any = Gen.Frequency(
        (10, NonObjectJson()),
        (6, InvalidUtf8()),
        (12, Truncated()),
        (8, DuplicateKeys()),
        (20, WrongTypes()),
        (12, UnknownPayloadKeys()),
        (4, DeepNesting()),
        (4, HugeStrings()),
        (1, OverSixMegabytes()),
        (8, NumbersDynamoDbCannotStore()),
        (8, EmptyAndWhitespaceNames()),
        (10, GarbageExpressions()),
        (10, UnpairedSurrogates()));

    /// <summary>
    /// Proxy events that are valid JSON with half a surrogate pair in the event itself (a header, the
    /// request context, the body string), each carrying an otherwise valid envelope: a 400 proxy answer.
    /// </summary>
    public static readonly Gen<byte[]> ProxyEventsWithUnpairedSurrogates =
        Gen.Select(SurrogateText(), Gen.Int[0, 4], (text, where) => where switch
        {
            0 => $$$$"""{"httpMethod":"POST","headers":{"content-type":"application/json","x-note":"{{{{text}}}}"},"requestContext":{"stage":"Prod"},"body":"{\"operation\":\"ping\"}"}""",
            1 => $$$$"""{"httpMethod":"POST","headers":{"x-{{{{text}}}}":"1"},"requestContext":{"stage":"Prod"},"body":"{\"operation\":\"ping\"}"}""",
            2 => $$$$"""{"resource":"/dynamodbmanager","httpMethod":"POST","requestContext":{"stage":"Prod","identity":{"userAgent":"{{{{text}}}}"}},"body":"{\"operation\":\"ping\"}"}""",
            3 => $$$$"""{"httpMethod":"POST","requestContext":{"stage":"Prod"},"body":"{\"operation\":\"echo\",\"payload\":\"{{{{text}}}}\"}"}""",
            _ => $$$$"""{"version":"2.0","routeKey":"POST /dynamodbmanager","rawPath":"/dynamodbmanager","rawQueryString":"q={{{{text}}}}","requestContext":{"http":{"method":"POST"}},"body":"{\"operation\":\"ping\"}"}""",
        }).Select(Utf8);

    private static Gen<byte[]> NonObjectJson() =>
        Gen.OneOf(Gen.Int.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                Garbage.Select(Quote),
                Gen.OneOf("true", "false", "null", "[]", "[{\"operation\":\"ping\"}]", "\"ping\""))
            .Select(Utf8);

    private static Gen<byte[]> InvalidUtf8() =>
        Gen.Select(Gen.OneOf(new byte[] { 0xC3, 0x28 }, [0xFF], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE2, 0x82]),
            Gen.OneOf("operation", "tableName", "payload"),
            (bad, field) =>
            {
                var before = field == "operation" ? "{\"operation\":\"" : $"{{\"operation\":\"create\",\"{field}\":\"";
                return (byte[])[.. Encoding.UTF8.GetBytes(before), .. bad, .. "\"}"u8];
            });

    private static Gen<byte[]> Truncated() =>
        Gen.Select(ValidEnvelope(), Gen.Double[0, 1], (envelope, at) => Utf8(envelope[..Math.Max(1, (int)(at * (envelope.Length - 1)))]));

    private static Gen<byte[]> DuplicateKeys() =>
        Gen.OneOf(
            """{"operation":"read","operation":"ping"}""",
            """{"operation":"read","tableName":"a-table","tableName":"lambda-apigateway","payload":{"Key":{"id":"1"}}}""",
            """{"operation":"read","tableName":"lambda-apigateway","payload":{"Key":{"id":"1"},"Key":{"id":"2"}}}""",
            """{"operation":"create","tableName":"lambda-apigateway","payload":{"Item":{"id":"1","id":"2"}}}""",
            """{"operation":"echo","payload":{"a":{"b":1,"b":2}}}""")
        .Select(Utf8);

    private static Gen<byte[]> WrongTypes() => Gen.OneOf(
        ValueOtherThan("string").Where(value => value != "null").Select(value => $$"""{"operation":{{value}}}"""),
        ValueOtherThan("string").Select(value => $$$$"""{"operation":"read","tableName":{{{{value}}}},"payload":{"Key":{"id":"1"}}}"""),
        Gen.Select(Gen.OneOf("create", "read", "update", "delete"), ValueOtherThan("object"),
            (operation, value) => $$"""{"operation":"{{operation}}","tableName":"{{Table}}","payload":{{value}}}"""),
        ValueOtherThan("object").Select(value => $$$"""{"operation":"read","tableName":"{{{Table}}}","payload":{"Key":{{{value}}}}}"""),
        ValueOtherThan("object").Select(value => $$$"""{"operation":"create","tableName":"{{{Table}}}","payload":{"Item":{{{value}}}}}"""),
        ValueOtherThan("string").Select(value => $$$"""{"operation":"delete","tableName":"{{{Table}}}","payload":{"Key":{"id":"1"},"ConditionExpression":{{{value}}}}}"""),
        ValueOtherThan("object").Select(value => $$$"""{"operation":"list","tableName":"{{{Table}}}","payload":{"FilterExpression":"a = :v","ExpressionAttributeValues":{{{value}}}}}"""),
        ValueOtherThan("bool").Select(value => $$$"""{"operation":"read","tableName":"{{{Table}}}","payload":{"Key":{"id":"1"},"ConsistentRead":{{{value}}}}}"""),
        ValueOtherThan("int").Select(value => $$$"""{"operation":"list","tableName":"{{{Table}}}","payload":{"Limit":{{{value}}}}}"""),
        Gen.OneOf("\"all_old\"", "\"EVERYTHING\"", "1", "[]").Select(value => $$$"""{"operation":"create","tableName":"{{{Table}}}","payload":{"Item":{"id":"1"},"ReturnValues":{{{value}}}}}"""),
        Gen.OneOf("\"*\"", "\"count\"", "true").Select(value => $$$"""{"operation":"list","tableName":"{{{Table}}}","payload":{"Select":{{{value}}}}}"""),
        Gen.OneOf("{\"id\":[1]}", "{\"id\":{\"S\":\"1\"}}", "{\"id\":null}", "{\"id\":true}", "{\"a\":1,\"b\":2,\"c\":3}")
            .Select(key => $$$"""{"operation":"read","tableName":"{{{Table}}}","payload":{"Key":{{{key}}}}}"""))
        .Select(Utf8);

    private static Gen<byte[]> UnknownPayloadKeys() =>
        Gen.Select(Gen.OneOf(TableOperations), Identifier.Where(name => !IsParameter(name)),
            (operation, key) => $$$"""{"operation":"{{{operation}}}","tableName":"{{{Table}}}","payload":{"Key":{"id":"1"},"Item":{"id":"1"},"UpdateExpression":"SET a = :a","{{{key}}}":1}}""")
        .Select(Utf8);

    private static Gen<byte[]> DeepNesting() =>
        Gen.OneOf(
                // Past the parser's 64 levels, whatever the operation.
                Gen.Int[64, 10_000].Select(depth => $$"""{"operation":"echo","payload":{{Nest(depth)}}}"""),
                // Past DynamoDB's 32 levels inside an item.
                Gen.Int[33, 10_000].Select(depth => $$$$"""{"operation":"create","tableName":"{{{{Table}}}}","payload":{"Item":{"id":"deep","v":{{{{Nest(depth)}}}}}}}"""))
            .Select(Utf8);

    private static Gen<byte[]> HugeStrings() =>
        Gen.Select(Gen.Int[256, 200_000], Gen.OneOf("tableName", "operation"), (length, field) => field == "tableName"
            ? $$"""{"operation":"list","tableName":"{{new string('t', length)}}"}"""
            : $$"""{"operation":"{{new string('o', length)}}"}""")
        .Select(Utf8);

    private static Gen<byte[]> OverSixMegabytes() =>
        Gen.Int[(6 * 1024 * 1024) + 1, (6 * 1024 * 1024) + 4096]
            .Select(length => Utf8($$"""{"operation":"echo","payload":"{{new string('x', length)}}"}"""));

    private static Gen<byte[]> NumbersDynamoDbCannotStore() =>
        Gen.OneOf(
                Gen.Int[126, 400].Select(exponent => $"1E{exponent}"),
                Gen.Int[126, 400].Select(exponent => $"-9.5E{exponent}"),
                Gen.Int[131, 400].Select(exponent => $"1E-{exponent}"),
                Gen.Int[39, 80].Select(digits => "1." + new string('3', digits)))
            .Select(number => Utf8($$$$"""{"operation":"create","tableName":"{{{{Table}}}}","payload":{"Item":{"id":"number","n":{{{{number}}}}}}}"""));

    private static Gen<byte[]> EmptyAndWhitespaceNames() =>
        Gen.OneOf(
            """{"operation":"list","tableName":""}""",
            """{"operation":"list","tableName":"   "}""",
            """{"operation":"","tableName":"lambda-apigateway"}""",
            """{"operation":" read","tableName":"lambda-apigateway","payload":{"Key":{"id":"1"}}}""",
            """{"operation":"read","tableName":"lambda-apigateway","payload":{"Key":{"":"1"}}}""",
            """{"operation":"create","tableName":"lambda-apigateway","payload":{"Item":{"":"1"}}}""",
            """{"operation":"create","tableName":"lambda-apigateway","payload":{"Item":{"id":""}}}""",
            """{"operation":"read","tableName":"lambda-apigateway","payload":{"Key":{"id":""}}}""",
            """{"operation":"read","tableName":"lambda-apigateway","payload":{"Key":{" ":"1"}}}""")
        .Select(Utf8);

    private static Gen<byte[]> GarbageExpressions() =>
        Gen.Select(Garbage, Gen.Int[0, 3], (garbage, where) => where switch
        {
            0 => $$$"""{"operation":"update","tableName":"{{{Table}}}","payload":{"Key":{"id":"fuzz"},"UpdateExpression":{{{Quote("SET = " + garbage)}}}}}""",
            1 => $$$"""{"operation":"delete","tableName":"{{{Table}}}","payload":{"Key":{"id":"fuzz"},"ConditionExpression":{{{Quote(") " + garbage)}}}}}""",
            2 => $$$"""{"operation":"list","tableName":"{{{Table}}}","payload":{"FilterExpression":{{{Quote("(( = " + garbage)}}}}}""",
            _ => $$$"""{"operation":"read","tableName":"{{{Table}}}","payload":{"Key":{"id":"fuzz"},"ProjectionExpression":{{{Quote(", " + garbage)}}}}}""",
        }).Select(Utf8);

    /// <summary>
    /// Valid JSON that is not text: an unpaired surrogate escape as a property name or a string value,
    /// at any depth, in the operation, the table name or the payload.
    /// </summary>
    private static Gen<byte[]> UnpairedSurrogates() =>
        Gen.Select(SurrogateText(), Gen.Int[0, 7], Gen.Int[0, 8], Gen.Bool, (text, where, depth, asName) => where switch
        {
            0 => $$$$"""{"operation":"{{{{text}}}}","tableName":"{{{{Table}}}}"}""",
            1 => $$$$"""{"operation":"read","tableName":"{{{{text}}}}","payload":{"Key":{"id":"1"}}}""",
            2 => $$$$"""{"{{{{text}}}}":1,"operation":"ping"}""",
            3 => $$$$"""{"operation":"echo","payload":{{{{Nest(depth, text, asName)}}}}}""",
            4 => $$$$"""{"operation":"create","tableName":"{{{{Table}}}}","payload":{"Item":{"id":"surrogate","v":{{{{Nest(depth, text, asName)}}}}}}}""",
            5 => $$$$"""{"operation":"read","tableName":"{{{{Table}}}}","payload":{"Key":{{{{Nest(0, text, asName: true)}}}}}}""",
            6 => $$$$"""{"operation":"update","tableName":"{{{{Table}}}}","payload":{"Key":{"id":"surrogate"},"UpdateExpression":"SET #a = :a","ExpressionAttributeNames":{"#a":"{{{{text}}}}"},"ExpressionAttributeValues":{":a":1}}}""",
            _ => $$$$"""{"operation":"list","tableName":"{{{{Table}}}}","payload":{"FilterExpression":"{{{{text}}}}"}}""",
        }).Select(Utf8);

    /// <summary>
    /// The inside of a JSON string holding half a surrogate pair without its other half: a lone high or
    /// low surrogate, a pair reversed, a high one followed by a non-surrogate escape, another escape, a
    /// plain character or a second high one; with text around it, or at either end.
    /// </summary>
    private static Gen<string> SurrogateText()
    {
        var high = Gen.Int[0xD800, 0xDBFF];
        var low = Gen.Int[0xDC00, 0xDFFF];
        var unpaired = Gen.OneOf(
            Gen.Select(high, Gen.Bool, Escape),
            Gen.Select(low, Gen.Bool, Escape),
            Gen.Select(low, high, Gen.Bool, (first, second, upper) => Escape(first, upper) + Escape(second, upper)),
            Gen.Select(high, Gen.Int[0, 0xD7FF], Gen.Bool, (first, second, upper) => Escape(first, upper) + Escape(second, upper)),
            Gen.Select(high, Gen.OneOf("\\n", "\\\"", "\\\\", "\\/", "\\t"), (first, next) => Escape(first, false) + next),
            Gen.Select(high, Gen.Char["aZ0 -\u00e9\u4e2d"], (first, next) => Escape(first, true) + next),
            Gen.Select(high, high, (first, second) => Escape(first, false) + Escape(second, false)));
        var plain = Gen.Char["abcXYZ019 _-.\u00e9"].Array[0, 6].Select(chars => new string(chars));
        return Gen.Select(plain, unpaired, plain, (before, bad, after) => before + bad + after);
    }

    private static string Escape(int unit, bool upper) => "\\u" + unit.ToString(upper ? "X4" : "x4", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary><paramref name="text"/> as a string value or a property name, inside <paramref name="depth"/> arrays and objects.</summary>
    private static string Nest(int depth, string text, bool asName)
    {
        var json = asName ? $$"""{"{{text}}":1}""" : $"\"{text}\"";
        for (var level = 0; level < depth; level++)
        {
            json = level % 2 == 0 ? $"[{json}]" : $$"""{"k{{level}}":{{json}}}""";
        }

        return json;
    }

    private static Gen<string> ValidEnvelope() => Gen.OneOf(
        $$$$"""{"operation":"read","tableName":"{{{{Table}}}}","payload":{"Key":{"id":"1234ABCD"}}}""",
        $$$$"""{"operation":"create","tableName":"{{{{Table}}}}","payload":{"Item":{"id":"1234ABCD","number":5}}}""",
        $$$"""{"operation":"list","tableName":"{{{Table}}}","payload":{"Limit":10}}""",
        """{"operation":"echo","payload":{"somekey1":"somevalue1"}}""");

    private static bool IsParameter(string name) => name is "Key" or "Item" or "UpdateExpression" or "ConditionExpression"
        or "ExpressionAttributeNames" or "ExpressionAttributeValues" or "ReturnValues" or "ProjectionExpression"
        or "ConsistentRead" or "AttributeUpdates" or "Limit" or "ExclusiveStartKey" or "FilterExpression" or "Select"
        or "Segment" or "TotalSegments" or "IndexName" or "ReturnValuesOnConditionCheckFailure" or "ReturnConsumedCapacity"
        or "Expected" or "ConditionalOperator";

    private static string Nest(int depth) => new string('[', depth) + new string(']', depth);

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
