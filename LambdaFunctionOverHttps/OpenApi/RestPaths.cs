using System.Text.Json;
using LambdaFunctionOverHttps.Configuration;
using LambdaFunctionOverHttps.Rest;

namespace LambdaFunctionOverHttps.OpenApi;

/// <summary>The REST routes in the OpenAPI document: the paths and methods <see cref="RestRouter.Routes"/> lists, each described.</summary>
internal static class RestPaths
{
    // A JSON number, as a number key's id must be written.
    private const string NumberPattern = @"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$";

    public static void WritePaths(Utf8JsonWriter writer, RestResources resources)
    {
        foreach (var (path, methods) in RestRouter.Routes(resources))
        {
            writer.WriteStartObject(path);
            var resource = resources.All.FirstOrDefault(candidate => path == candidate.CollectionPath || path == candidate.ItemPath);
            if (resource is not null && path == resource.ItemPath)
            {
                writer.WriteStartArray("parameters");
                Parameter(writer, "id", "path", resource.NumericKey ? "A number, as JSON writes it." : "The key, URL-encoded as one path segment.",
                    schema => IdSchema(schema, resource), required: true);
                writer.WriteEndArray();
            }

            foreach (var method in methods)
            {
                writer.WriteStartObject(method.ToLowerInvariant());
                if (resource is null)
                {
                    WriteHealth(writer);
                }
                else if (path == resource.CollectionPath)
                {
                    WriteCollection(writer, resource, method);
                }
                else
                {
                    WriteItem(writer, resource, method);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }
    }

    public static void WriteSchemas(Utf8JsonWriter writer, RestResources resources)
    {
        if (resources.IsEmpty)
        {
            return;
        }

        writer.WriteStartObject("Health");
        writer.WriteString("type", "object");
        writer.WriteStartObject("properties");
        EnvelopeSchemas.Typed(writer, "string", "ok", property: "status");
        writer.WriteStartObject("resources");
        writer.WriteString("type", "array");
        writer.WriteStartObject("items");
        writer.WriteString("type", "object");
        writer.WriteStartObject("properties");
        EnvelopeSchemas.Typed(writer, "string", property: "route");
        EnvelopeSchemas.Typed(writer, "string", property: "table");
        EnvelopeSchemas.Typed(writer, "string", "ok, or the error type of the read that failed", property: "status");
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();

        foreach (var resource in resources.All)
        {
            writer.WriteStartObject($"item-{resource.Route}");
            writer.WriteString("type", "object");
            writer.WriteString("description", $"An item of table {resource.Table}, keyed by {resource.KeyAttribute}.");
            writer.WriteStartObject("properties");
            EnvelopeSchemas.Typed(writer, resource.NumericKey ? "number" : "string", "The key.", property: resource.KeyAttribute);
            writer.WriteEndObject();
            writer.WriteBoolean("additionalProperties", true);
            writer.WriteEndObject();

            writer.WriteStartObject($"page-{resource.Route}");
            writer.WriteString("type", "object");
            writer.WriteStartArray("required");
            writer.WriteStringValue("Items");
            writer.WriteEndArray();
            writer.WriteStartObject("properties");
            writer.WriteStartObject("Items");
            writer.WriteString("type", "array");
            OpenApiDocument.Ref(writer, $"item-{resource.Route}", "items");
            writer.WriteEndObject();
            EnvelopeSchemas.Typed(writer, "string", "There when more items follow: pass it as nextToken for the next page.", property: "NextToken");
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
    }

    private static void WriteHealth(Utf8JsonWriter writer)
    {
        Describe(writer, "health", "Whether every resource table answers a read");
        writer.WriteStartObject("responses");
        Response(writer, "200", "Every table answered", "Health");
        OpenApiDocument.WriteErrors(writer, OpenApiDocument.CommonErrors);
        writer.WriteEndObject();
    }

    private static void WriteCollection(Utf8JsonWriter writer, RestResource resource, string method)
    {
        var item = $"item-{resource.Route}";
        switch (method)
        {
            case "GET":
                Describe(writer, $"{resource.Route}:list", $"A page of {resource.Table}'s items, or one item by its {resource.KeyAttribute}");
                writer.WriteStartArray("parameters");
                Parameter(writer, "limit", "query", "How many items a page holds, from 1 to 1000 (default 100).", schema =>
                {
                    schema.WriteStartObject();
                    schema.WriteString("type", "integer");
                    schema.WriteNumber("minimum", 1);
                    schema.WriteNumber("maximum", PageRoute.MaxLimit);
                    schema.WriteNumber("default", PageRoute.DefaultLimit);
                    schema.WriteEndObject();
                });
                Parameter(writer, "nextToken", "query", "The NextToken of the page before.", schema => EnvelopeSchemas.Typed(schema, "string"));
                Parameter(writer, resource.KeyAttribute, "query", "One item by its key instead of a page: 404 when there is none.", schema => IdSchema(schema, resource));
                writer.WriteEndArray();
                writer.WriteStartObject("responses");
                writer.WriteStartObject("200");
                writer.WriteString("description", "A page (without a key in the query), or the item");
                OpenApiDocument.JsonContent(writer, schema =>
                {
                    schema.WriteStartObject();
                    schema.WriteStartArray("oneOf");
                    OpenApiDocument.Ref(schema, $"page-{resource.Route}");
                    OpenApiDocument.Ref(schema, item);
                    schema.WriteEndArray();
                    schema.WriteEndObject();
                });
                writer.WriteEndObject();
                OpenApiDocument.WriteErrors(writer, [.. OpenApiDocument.CommonErrors, "404"]);
                break;
            case "POST":
                Describe(writer, $"{resource.Route}:create", resource.NumericKey
                    ? $"Create an item; its {resource.KeyAttribute} is required and must be free"
                    : $"Create an item; without {resource.KeyAttribute}, a UUID is made for it");
                Body(writer, item);
                writer.WriteStartObject("responses");
                Created(writer, item);
                OpenApiDocument.WriteErrors(writer, [.. OpenApiDocument.CommonErrors, "409"]);
                break;
            default:
                Describe(writer, $"{resource.Route}:put", $"Create or replace the whole item named by the body's {resource.KeyAttribute}");
                Body(writer, item);
                writer.WriteStartObject("responses");
                Response(writer, "200", "Replaced", item);
                Created(writer, item);
                OpenApiDocument.WriteErrors(writer, OpenApiDocument.CommonErrors);
                break;
        }

        writer.WriteEndObject();
    }

    private static void WriteItem(Utf8JsonWriter writer, RestResource resource, string method)
    {
        var item = $"item-{resource.Route}";
        var errors = new List<string>(OpenApiDocument.CommonErrors) { "404" };
        switch (method)
        {
            case "GET":
                Describe(writer, $"{resource.Route}:get", "The item");
                writer.WriteStartObject("responses");
                Response(writer, "200", "The item", item);
                break;
            case "PUT":
                Describe(writer, $"{resource.Route}:replace", $"Create or replace the whole item; a {resource.KeyAttribute} in the body must match the path");
                Body(writer, item);
                writer.WriteStartObject("responses");
                Response(writer, "200", "Replaced", item);
                Created(writer, item);
                errors.Remove("404");
                break;
            case "PATCH":
                Describe(writer, $"{resource.Route}:patch", "Set the body's top-level attributes; null removes one. The item must exist");
                writer.WriteStartObject("requestBody");
                writer.WriteBoolean("required", true);
                OpenApiDocument.JsonContent(writer, schema => EnvelopeSchemas.Typed(schema, "object", "Attributes to set, null for each to remove."));
                writer.WriteEndObject();
                writer.WriteStartObject("responses");
                Response(writer, "200", "The item as it is now", item);
                break;
            default:
                Describe(writer, $"{resource.Route}:delete", "Delete the item");
                writer.WriteStartObject("responses");
                writer.WriteStartObject("204");
                writer.WriteString("description", "Deleted");
                writer.WriteEndObject();
                break;
        }

        OpenApiDocument.WriteErrors(writer, errors);
        writer.WriteEndObject();
    }

    private static void Describe(Utf8JsonWriter writer, string operationId, string summary)
    {
        writer.WriteString("operationId", operationId);
        writer.WriteString("summary", summary);
    }

    private static void Body(Utf8JsonWriter writer, string schema)
    {
        writer.WriteStartObject("requestBody");
        writer.WriteBoolean("required", true);
        OpenApiDocument.JsonContent(writer, content => OpenApiDocument.Ref(content, schema));
        writer.WriteEndObject();
    }

    private static void Response(Utf8JsonWriter writer, string status, string description, string schema)
    {
        writer.WriteStartObject(status);
        writer.WriteString("description", description);
        OpenApiDocument.JsonContent(writer, content => OpenApiDocument.Ref(content, schema));
        writer.WriteEndObject();
    }

    private static void Created(Utf8JsonWriter writer, string schema)
    {
        writer.WriteStartObject("201");
        writer.WriteString("description", "Created; Location is its path");
        writer.WriteStartObject("headers");
        writer.WriteStartObject("Location");
        writer.WriteStartObject("schema");
        writer.WriteString("type", "string");
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        OpenApiDocument.JsonContent(writer, content => OpenApiDocument.Ref(content, schema));
        writer.WriteEndObject();
    }

    private static void Parameter(Utf8JsonWriter writer, string name, string location, string description, Action<Utf8JsonWriter> schema, bool required = false)
    {
        writer.WriteStartObject();
        writer.WriteString("name", name);
        writer.WriteString("in", location);
        writer.WriteString("description", description);
        writer.WriteBoolean("required", required);
        writer.WritePropertyName("schema");
        schema(writer);
        writer.WriteEndObject();
    }

    private static void IdSchema(Utf8JsonWriter writer, RestResource resource)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "string");
        if (resource.NumericKey)
        {
            writer.WriteString("pattern", NumberPattern);
        }

        writer.WriteEndObject();
    }
}
