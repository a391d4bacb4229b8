using System.Text.Json;
using Amazon.DynamoDBv2.DocumentModel;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
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

    /// <summary>
    /// One page of a Scan or a Query as boto3 answers it: <c>Items</c> (absent when DynamoDB sent none,
    /// as for <c>Select: COUNT</c>), <c>Count</c>, <c>ScannedCount</c>, <c>LastEvaluatedKey</c> when there
    /// is more (plain JSON, to send back as <c>ExclusiveStartKey</c>), and <c>ConsumedCapacity</c> when asked.
    /// </summary>
    public static Outcome WritePage(
        AmazonWebServiceResponse response,
        List<Dictionary<string, AttributeValue>>? items,
        int? count,
        int? scannedCount,
        Dictionary<string, AttributeValue>? lastEvaluatedKey,
        ConsumedCapacityOption capacity,
        ConsumedCapacity? consumed) =>
        Write(response.ResponseMetadata?.RequestId, (int)response.HttpStatusCode, writer =>
        {
            if (items is not null)
            {
                writer.WriteStartArray("Items");
                foreach (var item in items)
                {
                    DynamoDbJsonWriter.WriteAttributeMap(writer, item);
                }

                writer.WriteEndArray();
            }

            writer.WriteNumber("Count", count ?? 0);
            writer.WriteNumber("ScannedCount", scannedCount ?? 0);
            if (lastEvaluatedKey is { Count: > 0 })
            {
                writer.WritePropertyName("LastEvaluatedKey");
                DynamoDbJsonWriter.WriteAttributeMap(writer, lastEvaluatedKey);
            }

            WriteConsumedCapacity(writer, capacity, consumed);
        });

    /// <summary>
    /// Writes boto3's <c>ConsumedCapacity</c> when the caller asked for it and DynamoDB reported it,
    /// with the keys DynamoDB sent: units are plain JSON numbers, indexes objects keyed by index name.
    /// </summary>
    public static void WriteConsumedCapacity(Utf8JsonWriter writer, ConsumedCapacityOption option, ConsumedCapacity? capacity)
    {
        if (!option.Returned || capacity is null)
        {
            return;
        }

        writer.WriteStartObject("ConsumedCapacity");
        if (capacity.TableName is { } tableName)
        {
            writer.WriteString("TableName", tableName);
        }

        WriteUnits(writer, capacity.CapacityUnits, capacity.ReadCapacityUnits, capacity.WriteCapacityUnits);
        if (capacity.Table is { } table)
        {
            writer.WriteStartObject("Table");
            WriteUnits(writer, table.CapacityUnits, table.ReadCapacityUnits, table.WriteCapacityUnits);
            writer.WriteEndObject();
        }

        WriteIndexes(writer, "LocalSecondaryIndexes", capacity.LocalSecondaryIndexes);
        WriteIndexes(writer, "GlobalSecondaryIndexes", capacity.GlobalSecondaryIndexes);
        writer.WriteEndObject();
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

    private static void WriteIndexes(Utf8JsonWriter writer, string name, Dictionary<string, Capacity>? indexes)
    {
        if (indexes is not { Count: > 0 })
        {
            return;
        }

        writer.WriteStartObject(name);
        foreach (var (index, capacity) in indexes)
        {
            writer.WriteStartObject(index);
            WriteUnits(writer, capacity.CapacityUnits, capacity.ReadCapacityUnits, capacity.WriteCapacityUnits);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteUnits(Utf8JsonWriter writer, double? total, double? read, double? write)
    {
        WriteIfSet(writer, "CapacityUnits", total);
        WriteIfSet(writer, "ReadCapacityUnits", read);
        WriteIfSet(writer, "WriteCapacityUnits", write);
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } units)
        {
            writer.WriteNumber(name, units);
        }
    }
}
