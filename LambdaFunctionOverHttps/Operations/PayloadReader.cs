using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using LambdaFunctionOverHttps.Errors;
using LambdaFunctionOverHttps.Values;
using DocumentReturnValues = Amazon.DynamoDBv2.DocumentModel.ReturnValues;

namespace LambdaFunctionOverHttps.Operations;

/// <summary>
/// Reads an operation's payload (boto3 <c>Table</c> keyword arguments as plain JSON), checking
/// names and types the way boto3's parameter validation does. The first problem found is kept in
/// <see cref="Problem"/> and every later read answers null, so an operation reads all its
/// parameters and then checks <see cref="Refusal"/> once.
/// </summary>
internal sealed class PayloadReader
{
    /// <summary>Every <c>ReturnValues</c> DynamoDB knows; UpdateItem takes them all.</summary>
    public static readonly string[] AnyReturnValues = ["NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"];

    /// <summary>The <c>ReturnValues</c> PutItem and DeleteItem take.</summary>
    public static readonly string[] OldOrNoReturnValues = ["NONE", "ALL_OLD"];

    private static readonly string[] ReturnConsumedCapacityNames = ["INDEXES", "TOTAL", "NONE"];

    private static readonly string[] ReturnValuesOnConditionCheckFailureNames = ["NONE", "ALL_OLD"];

    private readonly JsonElement _payload;
    private ErrorKind _problemKind = ErrorKind.InvalidRequest;
    private bool _expressionGiven;
    private bool _expressionAttributesGiven;

    private PayloadReader(JsonElement payload, string? problem)
    {
        _payload = payload;
        Problem = problem;
    }

    public string? Problem { get; private set; }

    /// <summary>
    /// The answer to give instead of calling DynamoDB, when a parameter read so far is wrong, or
    /// when <c>ExpressionAttributeNames</c>/<c>Values</c> came without any expression to use them
    /// (DynamoDB refuses that too, with a less helpful message).
    /// </summary>
    public Outcome? Refusal =>
        Problem is { } problem ? Outcome.Failure(_problemKind, problem)
        : _expressionAttributesGiven && !_expressionGiven ? Outcome.Failure(ErrorKind.InvalidRequest,
            "ExpressionAttributeNames and ExpressionAttributeValues can only be given with an expression parameter.")
        : null;

    /// <param name="payload">The envelope's <c>payload</c>, or null when the envelope has none.</param>
    /// <param name="parameters">Every parameter the operation takes.</param>
    /// <param name="optional">Whether a missing payload means "no parameters".</param>
    public static PayloadReader Open(JsonElement? payload, IReadOnlyList<string> parameters, bool optional = false)
    {
        if (payload is not { } value || value.ValueKind == JsonValueKind.Null)
        {
            return optional
                ? new PayloadReader(default, null)
                : new PayloadReader(default, "Missing required field \"payload\": an object of the operation's parameters.");
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return new PayloadReader(default, $"Invalid type for \"payload\": expected an object, got {JsonKinds.Describe(value)}.");
        }

        foreach (var property in value.EnumerateObject())
        {
            if (!parameters.Contains(property.Name, StringComparer.Ordinal))
            {
                return new PayloadReader(default,
                    $"Unknown parameter in payload: {CallerText.Quote(property.Name)}, must be one of: {string.Join(", ", parameters)}.");
            }
        }

        return new PayloadReader(value, null);
    }

    public Dictionary<string, AttributeValue>? RequiredMap(string name)
    {
        var map = Map(name);
        if (map is null && Problem is null)
        {
            Problem = $"Missing required parameter in payload: \"{name}\".";
        }

        return map;
    }

    /// <summary>
    /// An item key: the table's partition key and, if it has one, its sort key. Key attributes are
    /// scalars, so anything else is refused here with a clearer message than DynamoDB's
    /// "key element does not match the schema".
    /// </summary>
    public Dictionary<string, AttributeValue>? RequiredKey(string name)
    {
        var key = RequiredMap(name);
        return key is null ? null : CheckedKey(key, name);
    }

    /// <summary>
    /// A key given as an element of a list (<c>Keys[3]</c>, <c>Requests[0].DeleteRequest.Key</c>),
    /// held to what <see cref="RequiredKey"/> requires; null once refused.
    /// </summary>
    /// <param name="value">The element.</param>
    /// <param name="where">Its path, for the message.</param>
    public Dictionary<string, AttributeValue>? KeyAt(JsonElement value, string where)
    {
        var key = MapAt(value, where);
        return key is null ? null : CheckedKey(key, where);
    }

    /// <summary>
    /// An object of attribute values given as an element of a list (an item of <c>Requests</c>),
    /// held to what <see cref="Map"/> requires; an empty object is refused; null once refused.
    /// </summary>
    /// <param name="value">The element.</param>
    /// <param name="where">Its path, for the message.</param>
    public Dictionary<string, AttributeValue>? MapAt(JsonElement value, string where)
    {
        // Stryker disable once Block : equivalent, work skipped after the first problem, which Refuse keeps as the one answered (docs/testing.md, "Equivalent mutants")
        if (Problem is not null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            Problem = $"Invalid type for parameter {where}: expected an object, got {JsonKinds.Describe(value)}.";
            return null;
        }

        if (!value.EnumerateObject().Any())
        {
            Problem = $"Invalid value for parameter {where}: an empty object; it needs at least one attribute.";
            return null;
        }

        return Attributes(value, where);
    }

    /// <summary>
    /// A list parameter with at least one and at most <paramref name="max"/> elements, as the
    /// batches take; null when absent (then a problem) or refused.
    /// </summary>
    public IReadOnlyList<JsonElement>? RequiredList(string name, int max)
    {
        if (Read(name, JsonValueKind.Array, "a list") is not { } value)
        {
            Problem ??= $"Missing required parameter in payload: \"{name}\".";
            return null;
        }

        var length = value.GetArrayLength();
        if (length == 0 || length > max)
        {
            Problem = $"Invalid length for parameter {name}: {length}, it takes 1 to {max} elements.";
            return null;
        }

        return [.. value.EnumerateArray()];
    }

    /// <summary>An object of attribute values; an empty object counts as absent (DynamoDB refuses empty maps here).</summary>
    public Dictionary<string, AttributeValue>? Map(string name) =>
        Read(name, JsonValueKind.Object, "an object") is { } value && value.EnumerateObject().Any() ? Attributes(value, name) : null;

    /// <summary>Records a problem found by the operation itself, of the kind given (DynamoDB's ValidationException for what DynamoDB would refuse).</summary>
    public void Refuse(ErrorKind kind, string problem)
    {
        if (Problem is null)
        {
            Problem = problem;
            _problemKind = kind;
        }
    }

    private Dictionary<string, AttributeValue>? CheckedKey(Dictionary<string, AttributeValue> key, string name)
    {
        if (key.Count > 2)
        {
            Problem = $"Invalid value for parameter {name}: a key is the partition key and at most one sort key, got {key.Count} attributes.";
            return null;
        }

        foreach (var (attribute, value) in key)
        {
            if (value.S is null && value.N is null)
            {
                Problem = $"Invalid type for parameter {name}.{CallerText.Bounded(attribute)}: key attributes are strings or numbers.";
                return null;
            }
        }

        return key;
    }

    // A non-empty JSON object as attribute values, refused when DynamoDB would refuse its names or depth.
    private Dictionary<string, AttributeValue>? Attributes(JsonElement value, string name)
    {
        // DynamoDB refuses empty attribute names; the Document Model would fail on one as a key
        // before sending anything, so it is refused here with the reason.
        if (value.EnumerateObject().Any(property => property.Name.Length == 0))
        {
            Problem = $"Invalid value for parameter {name}: attribute names must not be empty.";
            return null;
        }

        // Refused here because not every DynamoDB implementation enforces it (dynalite does not),
        // and a request that works locally must not fail only in AWS.
        if (JsonToDynamoDb.NestingDepth(value) - 1 > JsonToDynamoDb.MaxNestingDepth)
        {
            Problem = $"Invalid value for parameter {name}: attribute values nest more than {JsonToDynamoDb.MaxNestingDepth} levels deep, DynamoDB's limit.";
            return null;
        }

        return JsonToDynamoDb.ToAttributeMap(value);
    }

    /// <summary>
    /// One attribute value given inside a parameter (a legacy form's <c>Value</c>), held to
    /// DynamoDB's nesting limit as the values of <see cref="Map"/> are; null once refused.
    /// </summary>
    public AttributeValue? AttributeValue(JsonElement value, string where)
    {
        if (JsonToDynamoDb.NestingDepth(value) > JsonToDynamoDb.MaxNestingDepth)
        {
            Refuse($"Invalid value for parameter {where}: attribute values nest more than {JsonToDynamoDb.MaxNestingDepth} levels deep, DynamoDB's limit.");
            return null;
        }

        return JsonToDynamoDb.ToAttributeValue(value);
    }

    public Dictionary<string, string>? StringMap(string name)
    {
        if (Read(name, JsonValueKind.Object, "an object of strings") is not { } value)
        {
            return null;
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                Problem = $"Invalid type for parameter {name}.{CallerText.Bounded(property.Name)}: expected a string, got {JsonKinds.Describe(property.Value)}.";
                return null;
            }

            map[property.Name] = property.Value.GetString()!;
        }

        return map.Count == 0 ? null : map;
    }

    /// <summary>An expression parameter (<c>ConditionExpression</c>, <c>ProjectionExpression</c>…).</summary>
    public string? Expression(string name)
    {
        var statement = String(name);
        _expressionGiven |= statement is not null;
        return statement;
    }

    /// <summary>An expression parameter the call cannot do without (<c>KeyConditionExpression</c>).</summary>
    public string? RequiredExpression(string name)
    {
        var statement = Expression(name);
        if (statement is null && Problem is null)
        {
            Problem = $"Missing required parameter in payload: \"{name}\".";
        }

        return statement;
    }

    /// <summary><c>ExpressionAttributeNames</c>, which boto3 shares among all of a request's expressions.</summary>
    public Dictionary<string, string>? ExpressionAttributeNames()
    {
        var names = StringMap("ExpressionAttributeNames");
        // Stryker disable once Assignment : equivalent, every operation reads the names first, while the flag is still false (docs/testing.md, "Equivalent mutants")
        _expressionAttributesGiven |= names is not null;
        return names;
    }

    /// <summary><c>ExpressionAttributeValues</c>, which boto3 shares among all of a request's expressions.</summary>
    public Dictionary<string, AttributeValue>? ExpressionAttributeValues()
    {
        var values = Map("ExpressionAttributeValues");
        _expressionAttributesGiven |= values is not null;
        return values;
    }

    /// <summary><c>ReturnValues</c>: which attributes a write answers with; NONE when absent.</summary>
    /// <param name="taken">The values the operation takes (<see cref="AnyReturnValues"/> or <see cref="OldOrNoReturnValues"/>).</param>
    public DocumentReturnValues ReturnValues(IReadOnlyList<string> taken)
    {
        var name = OneOf("ReturnValues", AnyReturnValues);
        if (name is not null && !taken.Contains(name, StringComparer.Ordinal))
        {
            // DynamoDB refuses it with these words, and boto3 passes that on; the Document Model
            // instead drops a value PutItem or DeleteItem do not take and writes anyway, so the
            // refusal is made here, before anything is written.
            Refuse(ErrorCatalogue.ValidationException,
                $"Return values set to invalid value: this operation takes ReturnValues {string.Join(" or ", taken)}, got \"{name}\".");
            return DocumentReturnValues.None;
        }

        return name switch
        {
            "ALL_OLD" => DocumentReturnValues.AllOldAttributes,
            "UPDATED_OLD" => DocumentReturnValues.UpdatedOldAttributes,
            "ALL_NEW" => DocumentReturnValues.AllNewAttributes,
            "UPDATED_NEW" => DocumentReturnValues.UpdatedNewAttributes,
            _ => DocumentReturnValues.None,
        };
    }

    /// <summary><c>ReturnConsumedCapacity</c>: whether the answer carries DynamoDB's <c>ConsumedCapacity</c>, and in how much detail.</summary>
    public ConsumedCapacityOption ReturnConsumedCapacity() =>
        ConsumedCapacityOption.For(OneOf("ReturnConsumedCapacity", ReturnConsumedCapacityNames));

    /// <summary><c>ReturnValuesOnConditionCheckFailure</c>: whether a failed condition's error carries the item it found; null when absent.</summary>
    public ReturnValuesOnConditionCheckFailure? ReturnValuesOnConditionCheckFailure() =>
        OneOf("ReturnValuesOnConditionCheckFailure", ReturnValuesOnConditionCheckFailureNames) is { } name
            ? Amazon.DynamoDBv2.ReturnValuesOnConditionCheckFailure.FindValue(name)
            : null;

    public JsonElement? Object(string name) => Read(name, JsonValueKind.Object, "an object");

    public string? String(string name) => Read(name, JsonValueKind.String, "a string")?.GetString();

    public bool? Boolean(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        Problem = $"Invalid type for parameter {name}: expected true or false, got {JsonKinds.Describe(value)}.";
        return null;
    }

    public int? Integer(string name)
    {
        if (Read(name, JsonValueKind.Number, "an integer") is not { } value)
        {
            return null;
        }

        if (value.TryGetInt32(out var number))
        {
            return number;
        }

        Problem = $"Invalid value for parameter {name}: expected an integer from {int.MinValue} to {int.MaxValue}, got {CallerText.Bounded(value.GetRawText())}.";
        return null;
    }

    /// <summary>A string that must be one of <paramref name="allowed"/>, compared exactly.</summary>
    public string? OneOf(string name, IReadOnlyList<string> allowed)
    {
        var value = String(name);
        if (value is null || allowed.Contains(value, StringComparer.Ordinal))
        {
            return value;
        }

        Problem = $"Invalid value for parameter {name}: {CallerText.Quote(value)}, must be one of: {string.Join(", ", allowed)}.";
        return null;
    }

    /// <summary>Records a problem found by the operation itself (a rule across parameters).</summary>
    public void Refuse(string problem) => Refuse(ErrorKind.InvalidRequest, problem);

    private JsonElement? Read(string name, JsonValueKind kind, string expected)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == kind)
        {
            return value;
        }

        Problem = $"Invalid type for parameter {name}: expected {expected}, got {JsonKinds.Describe(value)}.";
        return null;
    }

    private bool TryGet(string name, out JsonElement value)
    {
        value = default;
        return Problem is null
            && _payload.ValueKind == JsonValueKind.Object
            && _payload.TryGetProperty(name, out value)
            && value.ValueKind != JsonValueKind.Null;
    }
}
