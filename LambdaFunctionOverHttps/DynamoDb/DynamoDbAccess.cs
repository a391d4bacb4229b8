using System.Collections.Concurrent;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DocumentModel;
using Amazon.DynamoDBv2.Model;

namespace LambdaFunctionOverHttps.DynamoDb;

/// <summary>The process's DynamoDB client and what operations need around it.</summary>
internal sealed class DynamoDbAccess
{
    /// <summary>How many table shapes (name and declared key) are kept built; a handful in practice.</summary>
    public const int MaxCachedTables = 256;

    private readonly ConcurrentDictionary<TableShape, Table> _tables = new();

    private readonly Lazy<CapturingDynamoDbClient> _client;

    public DynamoDbAccess(CapturingDynamoDbClient client)
        : this(() => client)
    {
    }

    /// <summary>A client made when an operation first needs one, so that operations without a table never require its configuration.</summary>
    /// <param name="connect">Makes the client; its <see cref="Configuration.ConfigurationException"/> reaches the operation's caller.</param>
    public DynamoDbAccess(Func<CapturingDynamoDbClient> connect)
    {
        _client = new Lazy<CapturingDynamoDbClient>(connect);
        TableKeys = new TableKeys(() => Client);
    }

    public CapturingDynamoDbClient Client => _client.Value;

    public ResponseMetadataCapture Metadata => Client.Metadata;

    /// <summary>The primary keys of the tables batches write to.</summary>
    public TableKeys TableKeys { get; }

    /// <summary>How many table shapes are cached now (for tests).</summary>
    internal int CachedTables => _tables.Count;

    /// <summary>
    /// A Document Model table whose declared key is exactly the attributes of
    /// <paramref name="key"/>. The function serves any table without calling DescribeTable (a
    /// round trip, and a permission the least-privilege role does not have), and the Document
    /// Model only uses the declared schema to pick key attributes out of the request's key map,
    /// so declaring the caller's own key attributes sends them exactly as given.
    /// </summary>
    /// <param name="tableName">The table.</param>
    /// <param name="key">The request's key: one or two attributes.</param>
    public Table TableForKey(string tableName, Dictionary<string, AttributeValue> key)
    {
        // PayloadReader.RequiredKey has already refused anything else, with a message for the caller.
        ArgumentOutOfRangeException.ThrowIfZero(key.Count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(key.Count, 2);

        var shape = new TableShape(tableName);
        foreach (var (name, value) in key)
        {
            shape = shape.Hash is null ? shape with { Hash = (name, EntryType(value)) } : shape with { Range = (name, EntryType(value)) };
        }

        return TableFor(shape);
    }

    /// <summary>
    /// A Document Model table for PutItem, which sends the whole item and never reads the declared
    /// key schema; the builder still insists on a hash key, so the item's first attribute stands in.
    /// </summary>
    public Table TableForItem(string tableName, Dictionary<string, AttributeValue> item)
    {
        var (name, value) = item.First();
        return TableFor(new TableShape(tableName) { Hash = (name, EntryType(value)) });
    }

    // A Table is immutable once built and safe to share between concurrent calls, and building one
    // costs more than the rest of a warm read's own work, so each shape is built once. The cache is
    // bounded: a caller who cycles through table or key names gets fresh tables past the bound
    // rather than growing the process.
    private Table TableFor(TableShape shape)
    {
        if (_tables.TryGetValue(shape, out var table))
        {
            return table;
        }

        table = Build(shape);
        if (_tables.Count < MaxCachedTables)
        {
            _tables.TryAdd(shape, table);
        }

        return table;
    }

    private Table Build(TableShape shape)
    {
        var builder = NewBuilder(shape.TableName);
        if (shape.Hash is var (hashName, hashType))
        {
            builder.AddHashKey(hashName, hashType);
        }

        if (shape.Range is var (rangeName, rangeType))
        {
            builder.AddRangeKey(rangeName, rangeType);
        }

        return builder.Build();
    }

    // V2 conversion with empty strings enabled: the SDK's defaults (V1, empty strings dropped)
    // would silently turn "" into a missing attribute.
    private TableBuilder NewBuilder(string tableName) =>
        new(Client, tableName, DynamoDBEntryConversion.V2, isEmptyStringValueEnabled: true, metadataCachingMode: null);

    private static DynamoDBEntryType EntryType(AttributeValue value) =>
        value.N is not null ? DynamoDBEntryType.Numeric
        : value.B is not null ? DynamoDBEntryType.Binary
        : DynamoDBEntryType.String;

    /// <summary>A table as the Document Model is told about it: its name and declared key attributes.</summary>
    private readonly record struct TableShape(string TableName)
    {
        public (string Name, DynamoDBEntryType Type)? Hash { get; init; }

        public (string Name, DynamoDBEntryType Type)? Range { get; init; }
    }
}
