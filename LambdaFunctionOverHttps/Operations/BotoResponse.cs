using System.Text.Json;
using Amazon.DynamoDBv2.DocumentModel;
using LambdaFunctionOverHttps.DynamoDb;
using LambdaFunctionOverHttps.Errors;
using LambdaFunctionOverHttps.Values;

namespace LambdaFunctionOverHttps.Operations;

/// <summary>Writes a result with boto3's keys, ending with its <c>ResponseMetadata</c>.</summary>
internal static class BotoResponse
{
    public static Outcome Write(ResponseMetadataCapture.Slot metadata, Action<Utf8JsonWriter> writeFields) =>
        Write(metadata.RequestId, metadata.HttpStatusCode, writeFields);

    public static Outcome Write(string? requestId, int httpStatusCode, Action<Utf8JsonWriter> writeFields)
    {
        var body = JsonBody.Write(writer =>
        {
            writer.WriteStartObject();
            writeFields(writer);
            writer.WriteStartObject("ResponseMetadata");
            writer.WriteString("RequestId", requestId);
            writer.WriteNumber("HTTPStatusCode", httpStatusCode);
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
        return Outcome.Success(body, requestId);
    }

    /// <summary>Writes <paramref name="name"/> only when DynamoDB returned it, as boto3 does.</summary>
    public static void WriteDocument(Utf8JsonWriter writer, string name, Document? document)
    {
        if (document is not null)
        {
            writer.WritePropertyName(name);
            DynamoDbJsonWriter.WriteDocument(writer, document);
        }
    }
}
