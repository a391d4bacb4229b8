using System.Text.Json;
using LambdaFunctionOverHttps.Configuration;
using LambdaFunctionOverHttps.Values;

namespace LambdaFunctionOverHttps.OpenApi;

/// <summary>
/// The API as an OpenAPI 3.1 document, built from the code's own catalogues: the envelope's operations
/// (<see cref="EnvelopeSchemas"/>, from the operations dictionary), the REST routes of the configured
/// resources (<see cref="RestPaths"/>, from the router's route list) and the error model. Written with
/// <see cref="Utf8JsonWriter"/>, which Native AOT needs no more than the function already has; the
/// tests read it back with an OpenAPI library.
/// </summary>
internal static class OpenApiDocument
{
    public const string Version = "3.1.0";

    /// <summary>The error statuses every call may answer: bad input, refusals, size, throttling, DynamoDB failing, the deadline.</summary>
    public static readonly string[] CommonErrors = ["400", "403", "413", "429", "500", "503", "504"];

    /// <param name="resources">The REST routes to describe beside the envelope.</param>
    /// <param name="serverUrl">The API's base URL, when known (the local stack's); otherwise paths are relative to wherever the document is served.</param>
    public static byte[] Write(RestResources resources, string? serverUrl = null) => JsonBody.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("openapi", Version);
        writer.WriteStartObject("info");
        writer.WriteString("title", "DynamoDbManager");
        writer.WriteString("version", typeof(OpenApiDocument).Assembly.GetName().Version?.ToString(3) ?? "1.0.0");
        writer.WriteString("description", "serverless-lab's DynamoDBManager: the envelope API on POST /dynamodbmanager, and REST routes over the "
            + "tables RESOURCES names. Items are plain JSON; numbers keep all 38 digits DynamoDB stores. Errors are {errorType, errorMessage}, "
            + "with the type also in the x-amzn-errortype header.");
        writer.WriteEndObject();
        if (serverUrl is not null)
        {
            writer.WriteStartArray("servers");
            writer.WriteStartObject();
            writer.WriteString("url", serverUrl);
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        // The API key is required when the API is deployed (or the local stack is started) with one.
        writer.WriteStartArray("security");
        writer.WriteStartObject();
        writer.WriteStartArray("ApiKey");
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteStartObject();
        writer.WriteEndObject();
        writer.WriteEndArray();

        writer.WriteStartObject("paths");
        EnvelopeSchemas.WritePath(writer);
        RestPaths.WritePaths(writer, resources);
        writer.WriteEndObject();

        writer.WriteStartObject("components");
        writer.WriteStartObject("securitySchemes");
        writer.WriteStartObject("ApiKey");
        writer.WriteString("type", "apiKey");
        writer.WriteString("in", "header");
        writer.WriteString("name", "x-api-key");
        writer.WriteEndObject();
        writer.WriteEndObject();
        WriteErrorResponse(writer);
        writer.WriteStartObject("schemas");
        WriteSharedSchemas(writer);
        EnvelopeSchemas.WriteSchemas(writer);
        RestPaths.WriteSchemas(writer, resources);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    });

    /// <summary><c>"$ref": "#/components/schemas/NAME"</c>.</summary>
    public static void Ref(Utf8JsonWriter writer, string schema, string? property = null)
    {
        if (property is null)
        {
            writer.WriteStartObject();
        }
        else
        {
            writer.WriteStartObject(property);
        }

        writer.WriteString("$ref", "#/components/schemas/" + schema);
        writer.WriteEndObject();
    }

    /// <summary>A JSON body of the given schema, as a request body or a response's content.</summary>
    public static void JsonContent(Utf8JsonWriter writer, Action<Utf8JsonWriter> schema)
    {
        writer.WriteStartObject("content");
        writer.WriteStartObject("application/json");
        writer.WritePropertyName("schema");
        schema(writer);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>The error responses, each the shared error model.</summary>
    public static void WriteErrors(Utf8JsonWriter writer, IEnumerable<string> statuses)
    {
        foreach (var status in statuses.Order(StringComparer.Ordinal))
        {
            writer.WriteStartObject(status);
            writer.WriteString("$ref", "#/components/responses/Error");
            writer.WriteEndObject();
        }
    }

    private static void WriteErrorResponse(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("responses");
        writer.WriteStartObject("Error");
        writer.WriteString("description", "An error: its type (the function's own kinds and DynamoDB's codes, listed in docs/contract.md) and a message.");
        writer.WriteStartObject("headers");
        writer.WriteStartObject("x-amzn-errortype");
        writer.WriteString("description", "The errorType, so clients can branch without parsing the body.");
        writer.WriteStartObject("schema");
        writer.WriteString("type", "string");
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        JsonContent(writer, schema => Ref(schema, "Error"));
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteSharedSchemas(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("Error");
        writer.WriteString("type", "object");
        writer.WriteStartArray("required");
        writer.WriteStringValue("errorType");
        writer.WriteStringValue("errorMessage");
        writer.WriteEndArray();
        writer.WriteStartObject("properties");
        writer.WriteStartObject("errorType");
        writer.WriteString("type", "string");
        writer.WriteString("description", "InvalidRequest, ItemNotFound, ConditionalCheckFailedException… (docs/contract.md lists every type with its status).");
        writer.WriteEndObject();
        writer.WriteStartObject("errorMessage");
        writer.WriteString("type", "string");
        writer.WriteEndObject();
        Ref(writer, "Item", "Item");
        writer.WriteEndObject();
        writer.WriteEndObject();

        writer.WriteStartObject("Item");
        writer.WriteString("type", "object");
        writer.WriteString("description", "An item as plain JSON: strings, numbers (up to 38 digits, exact), booleans, null, lists and maps.");
        writer.WriteBoolean("additionalProperties", true);
        writer.WriteEndObject();

        writer.WriteStartObject("Key");
        writer.WriteString("type", "object");
        writer.WriteString("description", "An item's key: its partition key and, if the table has one, its sort key; strings or numbers.");
        writer.WriteNumber("minProperties", 1);
        writer.WriteNumber("maxProperties", 2);
        writer.WriteStartObject("additionalProperties");
        writer.WriteStartArray("type");
        writer.WriteStringValue("string");
        writer.WriteStringValue("number");
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();

        writer.WriteStartObject("ResponseMetadata");
        writer.WriteString("type", "object");
        writer.WriteStartObject("properties");
        writer.WriteStartObject("RequestId");
        writer.WriteString("type", "string");
        writer.WriteEndObject();
        writer.WriteStartObject("HTTPStatusCode");
        writer.WriteString("type", "integer");
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();

        writer.WriteStartObject("ConsumedCapacity");
        writer.WriteString("type", "object");
        writer.WriteString("description", "DynamoDB's ConsumedCapacity, when ReturnConsumedCapacity asked for it.");
        writer.WriteBoolean("additionalProperties", true);
        writer.WriteEndObject();
    }
}
