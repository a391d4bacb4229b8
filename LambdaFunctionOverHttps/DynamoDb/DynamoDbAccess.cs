using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DocumentModel;
using Amazon.DynamoDBv2.Model;

namespace LambdaFunctionOverHttps.DynamoDb;

/// <summary>The process's DynamoDB client and what operations need around it.</summary>
internal sealed class DynamoDbAccess
{
    public DynamoDbAccess(AmazonDynamoDBClient client)
    {
        Client = client;
        Metadata = new ResponseMetadataCapture(client);
    }

    public AmazonDynamoDBClient Client { get; }

    public ResponseMetadataCapture Metadata { get; }

    /// <summary>
    /// A Document Model table whose declared key is exactly the attributes of
    /// <paramref name="key"/>. The function serves any table without calling DescribeTable (a
    /// round trip, and a permission the least-privilege role does not have), and the Document
    /// Model only uses the declared schema to pick key attributes out of the request's key map,
    /// so declaring the caller's own key attributes sends them exactly as given.
    /// </summary>
    public Table TableForKey(string tableName, Dictionary<string, AttributeValue> key)
    {
        var builder = NewBuilder(tableName);
        var declared = 0;
        foreach (var (name, value) in key)
        {
            var type = EntryType(value);
            if (declared++ == 0)
            {
                builder.AddHashKey(name, type);
            }
            else
            {
                builder.AddRangeKey(name, type);
            }
        }

        return builder.Build();
    }

    /// <summary>
    /// A Document Model table for PutItem, which sends the whole item and never reads the declared
    /// key schema; the builder still insists on a hash key, so the item's first attribute stands in.
    /// </summary>
    public Table TableForItem(string tableName, Dictionary<string, AttributeValue> item)
    {
        var (name, value) = item.First();
        return NewBuilder(tableName).AddHashKey(name, EntryType(value)).Build();
    }

    private static DynamoDBEntryType EntryType(AttributeValue value) =>
        value.N is not null ? DynamoDBEntryType.Numeric
        : value.B is not null ? DynamoDBEntryType.Binary
        : DynamoDBEntryType.String;

    // V2 conversion with empty strings enabled: the SDK's defaults (V1, empty strings dropped)
    // would silently turn "" into a missing attribute.
    private TableBuilder NewBuilder(string tableName) =>
        new TableBuilder(Client, tableName, DynamoDBEntryConversion.V2, isEmptyStringValueEnabled: true, metadataCachingMode: null);
}
