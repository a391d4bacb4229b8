using System.Text.Json;
using LambdaFunctionOverHttps.Operations;

namespace LambdaFunctionOverHttps.OpenApi;

/// <summary>
/// <c>POST /dynamodbmanager</c> in the OpenAPI document: one envelope schema per operation of
/// <see cref="KnownOperations"/>, its payload from the operation's own parameter list (boto3's names,
/// each typed here once) and its answer. A test fails when an operation or a parameter has no schema here.
/// </summary>
internal static class EnvelopeSchemas
{
    /// <summary>Parameters that are required wherever an operation takes them.</summary>
    public static readonly string[] AlwaysRequired = ["Item", "Key", "KeyConditionExpression", "Keys", "Requests"];

    private static readonly string[] ReturnValues = ["NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"];

    /// <summary>Each payload parameter's schema, by boto3's name.</summary>
    public static readonly IReadOnlyDictionary<string, Action<Utf8JsonWriter>> Parameters = new Dictionary<string, Action<Utf8JsonWriter>>(StringComparer.Ordinal)
    {
        ["Item"] = writer => OpenApiDocument.Ref(writer, "Item"),
        ["Key"] = writer => OpenApiDocument.Ref(writer, "Key"),
        ["ExclusiveStartKey"] = writer => OpenApiDocument.Ref(writer, "Key"),
        ["Keys"] = writer => ArrayOf(writer, "Key", "The keys to read, in the order the items come back; no key twice."),
        ["Requests"] = writer => ArrayOf(writer, "WriteRequest", "The puts and deletes; no key twice."),
        ["ConditionExpression"] = writer => Typed(writer, "string"),
        ["UpdateExpression"] = writer => Typed(writer, "string"),
        ["ProjectionExpression"] = writer => Typed(writer, "string"),
        ["FilterExpression"] = writer => Typed(writer, "string"),
        ["IndexName"] = writer => Typed(writer, "string"),
        ["KeyConditionExpression"] = writer => Typed(writer, "string", "The partition key's condition, and optionally the sort key's: #k = :k AND begins_with(#s, :p)."),
        ["ScanIndexForward"] = writer => Typed(writer, "boolean", "false reads the sort key backwards."),
        ["ExpressionAttributeNames"] = writer => Typed(writer, "object", "Placeholders (#name) for attribute names.", additional: "string"),
        ["ExpressionAttributeValues"] = writer => Typed(writer, "object", "Placeholders (:value) for values, as plain JSON."),
        ["AttributeUpdates"] = writer => Typed(writer, "object", "The legacy form: {\"attr\": {\"Value\": v, \"Action\": \"PUT\" | \"ADD\" | \"DELETE\"}}."),
        ["Expected"] = writer => Typed(writer, "object", "The legacy condition: {\"attr\": {\"Exists\": false}}, {\"Value\": v}, or {\"ComparisonOperator\", \"AttributeValueList\"}."),
        ["ConditionalOperator"] = writer => Enum(writer, "AND", "OR"),
        ["ReturnValues"] = writer => Enum(writer, ReturnValues),
        ["ReturnValuesOnConditionCheckFailure"] = writer => Enum(writer, "NONE", "ALL_OLD"),
        ["ReturnConsumedCapacity"] = writer => Enum(writer, "INDEXES", "TOTAL", "NONE"),
        ["Select"] = writer => Enum(writer, "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES", "SPECIFIC_ATTRIBUTES", "COUNT"),
        ["ConsistentRead"] = writer => Typed(writer, "boolean"),
        ["Limit"] = writer => Typed(writer, "integer", minimum: 1),
        ["Segment"] = writer => Typed(writer, "integer", minimum: 0),
        ["TotalSegments"] = writer => Typed(writer, "integer", minimum: 1),
    };

    /// <summary>Each operation's answer (the 200 body), by operation name.</summary>
    public static readonly IReadOnlyDictionary<string, Action<Utf8JsonWriter>> Answers = new Dictionary<string, Action<Utf8JsonWriter>>(StringComparer.Ordinal)
    {
        ["create"] = writer => Answer(writer, ("Attributes", "Item")),
        ["read"] = writer => Answer(writer, ("Item", "Item")),
        ["update"] = writer => Answer(writer, ("Attributes", "Item")),
        ["delete"] = writer => Answer(writer, ("Attributes", "Item")),
        ["list"] = writer => Answer(writer, ("Items", "Item[]"), ("Count", "integer"), ("ScannedCount", "integer"), ("LastEvaluatedKey", "Key")),
        ["query"] = writer => Answer(writer, ("Items", "Item[]"), ("Count", "integer"), ("ScannedCount", "integer"), ("LastEvaluatedKey", "Key")),
        ["batchRead"] = writer => Answer(writer, ("Items", "Item[]"), ("UnprocessedKeys", "Key[]")),
        ["batchWrite"] = writer => Answer(writer, ("UnprocessedItems", "WriteRequest[]")),
        ["tables"] = writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("type", "object");
            writer.WriteStartArray("required");
            writer.WriteStringValue("TableNames");
            writer.WriteEndArray();
            writer.WriteStartObject("properties");
            writer.WriteStartObject("TableNames");
            writer.WriteString("type", "array");
            writer.WriteStartObject("items");
            writer.WriteString("type", "string");
            writer.WriteEndObject();
            writer.WriteEndObject();
            Typed(writer, "string", "TABLE_NAME, when it is set and allowed.", property: "DefaultTableName");
            Typed(writer, "boolean", "No allow-list: any other table may be used too.", property: "AnyTable");
            Typed(writer, "boolean", "TableNames includes DynamoDB's ListTables.", property: "Listed");
            Typed(writer, "boolean", "DynamoDB has more tables than were listed.", property: "Truncated");
            OpenApiDocument.Ref(writer, "Error", "ListTablesError");
            writer.WriteEndObject();
            writer.WriteEndObject();
        },
        ["echo"] = writer => Typed(writer, null, "The payload, unchanged."),
        ["ping"] = writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("const", "pong");
            writer.WriteEndObject();
        },
    };

    public static void WritePath(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("/dynamodbmanager");
        writer.WriteStartObject("post");
        writer.WriteString("operationId", "dynamodbmanager");
        writer.WriteString("summary", "Run one operation: {\"operation\", \"tableName\", \"payload\"}");
        writer.WriteStartObject("requestBody");
        writer.WriteBoolean("required", true);
        OpenApiDocument.JsonContent(writer, schema => OpenApiDocument.Ref(schema, "Envelope"));
        writer.WriteEndObject();
        writer.WriteStartObject("responses");
        writer.WriteStartObject("200");
        writer.WriteString("description", "The operation's answer, with boto3's keys");
        OpenApiDocument.JsonContent(writer, schema =>
        {
            schema.WriteStartObject();
            schema.WriteStartArray("oneOf");
            foreach (var name in KnownOperations.ByName.Keys)
            {
                OpenApiDocument.Ref(schema, $"answer-{name}");
            }

            schema.WriteEndArray();
            schema.WriteEndObject();
        });
        writer.WriteEndObject();
        OpenApiDocument.WriteErrors(writer, [.. OpenApiDocument.CommonErrors, "404", "409"]);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public static void WriteSchemas(Utf8JsonWriter writer)
    {
        WriteSharedSchemas(writer);
        writer.WriteStartObject("Envelope");
        writer.WriteStartArray("oneOf");
        foreach (var name in KnownOperations.ByName.Keys)
        {
            OpenApiDocument.Ref(writer, $"envelope-{name}");
        }

        writer.WriteEndArray();
        writer.WriteStartObject("discriminator");
        writer.WriteString("propertyName", "operation");
        writer.WriteStartObject("mapping");
        foreach (var name in KnownOperations.ByName.Keys)
        {
            writer.WriteString(name, $"#/components/schemas/envelope-{name}");
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();

        foreach (var (name, operation) in KnownOperations.ByName)
        {
            WriteEnvelope(writer, name, operation);
            writer.WritePropertyName($"answer-{name}");
            (Answers.GetValueOrDefault(name) ?? (answer => Typed(answer, null)))(writer);
        }
    }

    private static void WriteEnvelope(Utf8JsonWriter writer, string name, Operation operation)
    {
        writer.WriteStartObject($"envelope-{name}");
        writer.WriteString("type", "object");
        writer.WriteStartArray("required");
        writer.WriteStringValue("operation");
        if (operation.Parameters?.Any(AlwaysRequired.Contains) == true)
        {
            writer.WriteStringValue("payload");
        }

        writer.WriteEndArray();
        writer.WriteStartObject("properties");
        writer.WriteStartObject("operation");
        writer.WriteString("const", name);
        writer.WriteEndObject();
        if (operation.UsesTable)
        {
            Typed(writer, "string", "The table; optional when TABLE_NAME is configured.", property: "tableName");
        }

        writer.WritePropertyName("payload");
        if (operation.Parameters is not { } parameters)
        {
            Typed(writer, null, "Any JSON value.");
        }
        else
        {
            writer.WriteStartObject();
            writer.WriteString("type", "object");
            writer.WriteBoolean("additionalProperties", false);
            writer.WriteStartArray("required");
            foreach (var parameter in parameters.Where(AlwaysRequired.Contains))
            {
                writer.WriteStringValue(parameter);
            }

            writer.WriteEndArray();
            writer.WriteStartObject("properties");
            foreach (var parameter in parameters)
            {
                writer.WritePropertyName(parameter);
                (Parameters.GetValueOrDefault(parameter) ?? (schema => Typed(schema, null)))(writer);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    // An answer with boto3's keys: the given ones (a schema name, "Item[]" for a list of items, or a JSON type), ConsumedCapacity and ResponseMetadata.
    private static void Answer(Utf8JsonWriter writer, params (string Name, string Schema)[] fields)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "object");
        writer.WriteStartArray("required");
        writer.WriteStringValue("ResponseMetadata");
        writer.WriteEndArray();
        writer.WriteStartObject("properties");
        foreach (var (name, schema) in fields)
        {
            if (schema.EndsWith("[]", StringComparison.Ordinal))
            {
                writer.WritePropertyName(name);
                ArrayOf(writer, schema[..^2]);
            }
            else if (schema is "Item" or "Key")
            {
                OpenApiDocument.Ref(writer, schema, name);
            }
            else
            {
                Typed(writer, schema, property: name);
            }
        }

        OpenApiDocument.Ref(writer, "ConsumedCapacity", "ConsumedCapacity");
        OpenApiDocument.Ref(writer, "ResponseMetadata", "ResponseMetadata");
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>A schema of one JSON type (none: any value), with an optional description, minimum and value type of a map.</summary>
    public static void Typed(Utf8JsonWriter writer, string? type, string? description = null, string? additional = null, int? minimum = null, string? property = null)
    {
        if (property is null)
        {
            writer.WriteStartObject();
        }
        else
        {
            writer.WriteStartObject(property);
        }

        if (type is not null)
        {
            writer.WriteString("type", type);
        }

        if (description is not null)
        {
            writer.WriteString("description", description);
        }

        if (minimum is { } least)
        {
            writer.WriteNumber("minimum", least);
        }

        if (additional is not null)
        {
            writer.WriteStartObject("additionalProperties");
            writer.WriteString("type", additional);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void ArrayOf(Utf8JsonWriter writer, string schema, string? description = null)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "array");
        if (description is not null)
        {
            writer.WriteString("description", description);
        }

        OpenApiDocument.Ref(writer, schema, "items");
        writer.WriteEndObject();
    }

    /// <summary>The schemas the payloads and answers share beyond items and keys: a batch's write request.</summary>
    public static void WriteSharedSchemas(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("WriteRequest");
        writer.WriteString("description", "boto3's WriteRequest: {\"PutRequest\": {\"Item\": {...}}} or {\"DeleteRequest\": {\"Key\": {...}}}.");
        writer.WriteStartArray("oneOf");
        foreach (var (request, field, schema) in new[] { ("PutRequest", "Item", "Item"), ("DeleteRequest", "Key", "Key") })
        {
            writer.WriteStartObject();
            writer.WriteString("type", "object");
            writer.WriteBoolean("additionalProperties", false);
            writer.WriteStartArray("required");
            writer.WriteStringValue(request);
            writer.WriteEndArray();
            writer.WriteStartObject("properties");
            writer.WriteStartObject(request);
            writer.WriteString("type", "object");
            writer.WriteStartArray("required");
            writer.WriteStringValue(field);
            writer.WriteEndArray();
            writer.WriteStartObject("properties");
            OpenApiDocument.Ref(writer, schema, field);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void Enum(Utf8JsonWriter writer, params string[] values)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "string");
        writer.WriteStartArray("enum");
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
