using System.Text.Json;
using Amazon.DynamoDBv2.DocumentModel;
using Amazon.DynamoDBv2.Model;

namespace LambdaFunctionOverHttps.Values;

/// <summary>
/// Writes DynamoDB values as plain JSON, the way boto3's Table resource hands them back (as
/// Python values): numbers stay JSON numbers with their exact digits, sets become arrays, binary
/// becomes base64 text.
/// </summary>
internal static class DynamoDbJsonWriter
{
    public static void WriteDocument(Utf8JsonWriter writer, Document document)
    {
        writer.WriteStartObject();
        foreach (var (name, entry) in document)
        {
            writer.WritePropertyName(name);
            WriteEntry(writer, entry);
        }

        writer.WriteEndObject();
    }

    /// <summary>Low-level maps go through the Document Model so there is one writer for both.</summary>
    public static void WriteAttributeMap(Utf8JsonWriter writer, Dictionary<string, AttributeValue> map) =>
        WriteDocument(writer, Document.FromAttributeMap(map));

    private static void WriteEntry(Utf8JsonWriter writer, DynamoDBEntry entry)
    {
        // As object: DynamoDBEntry converts implicitly to string, and a switch statement over such
        // a type would switch on that string instead of matching types.
        switch ((object)entry)
        {
            case Primitive primitive:
                WritePrimitive(writer, primitive);
                break;
            case PrimitiveList set:
                writer.WriteStartArray();
                foreach (var member in set.Entries)
                {
                    WritePrimitive(writer, member);
                }

                writer.WriteEndArray();
                break;
            case DynamoDBList list:
                writer.WriteStartArray();
                foreach (var member in list.Entries)
                {
                    WriteEntry(writer, member);
                }

                writer.WriteEndArray();
                break;
            case Document map:
                WriteDocument(writer, map);
                break;
            case DynamoDBBool boolean:
                writer.WriteBooleanValue(boolean.AsBoolean());
                break;
            case DynamoDBNull:
                writer.WriteNullValue();
                break;
            default:
                // Stryker disable once all : unreachable, every DynamoDBEntry the Document Model makes has a case above (docs/testing.md, "Equivalent mutants")
                throw new InvalidOperationException($"DynamoDB entry {entry.GetType().Name} has no JSON form.");
        }
    }

    private static void WritePrimitive(Utf8JsonWriter writer, Primitive primitive)
    {
        switch (primitive.Type)
        {
            case DynamoDBEntryType.Numeric:
                // DynamoDB's canonical number text is valid JSON; writing it raw keeps every digit.
                writer.WriteRawValue(primitive.AsString());
                break;
            case DynamoDBEntryType.Binary:
                writer.WriteBase64StringValue(primitive.AsByteArray());
                break;
            default:
                writer.WriteStringValue(primitive.AsString());
                break;
        }
    }
}
