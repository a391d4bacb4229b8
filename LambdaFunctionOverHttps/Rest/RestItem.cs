using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using LambdaFunctionOverHttps.Errors;
using LambdaFunctionOverHttps.Values;

namespace LambdaFunctionOverHttps.Rest;

/// <summary>
/// A REST request's body as an item: a JSON object of attributes, held to what the envelope's items
/// are held to (names not empty, DynamoDB's 32 levels of nesting, 400 KB), so a body dynalite would
/// take does not fail only in AWS.
/// </summary>
internal static class RestItem
{
    /// <param name="body">The parsed body; null when the request had none.</param>
    /// <param name="what">What the body is to be, for the messages: "the item", "the attributes to change".</param>
    public static (JsonElement Body, Outcome? Problem) Read(JsonElement? body, string what)
    {
        if (body is not { } value)
        {
            return (default, Problem($"The request body is empty: send {what} as a JSON object."));
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return (default, Problem($"The request body must be a JSON object ({what}), got {JsonKinds.Describe(value)}."));
        }

        if (value.EnumerateObject().Any(property => property.Name.Length == 0))
        {
            return (default, Problem("The request body names an attribute \"\": attribute names must not be empty."));
        }

        if (JsonToDynamoDb.NestingDepth(value) - 1 > JsonToDynamoDb.MaxNestingDepth)
        {
            return (default, Problem($"The request body's attribute values nest more than {JsonToDynamoDb.MaxNestingDepth} levels deep, DynamoDB's limit."));
        }

        return (value, null);
    }

    /// <summary>The item's DynamoDB form; refused as DynamoDB refuses an item certainly over 400 KB.</summary>
    public static (Dictionary<string, AttributeValue>? Item, Outcome? Problem) ToItem(JsonElement body)
    {
        var item = JsonToDynamoDb.ToAttributeMap(body);
        return ItemSize.LowerBound(item) > ItemSize.MaxBytes
            ? (null, Outcome.Failure(ErrorCatalogue.ValidationException, ItemSize.TooLargeMessage))
            : (item, null);
    }

    private static Outcome Problem(string message) => Outcome.Failure(ErrorKind.InvalidRequest, message);
}
