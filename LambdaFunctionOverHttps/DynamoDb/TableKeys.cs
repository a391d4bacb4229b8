using System.Collections.Concurrent;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace LambdaFunctionOverHttps.DynamoDb;

/// <summary>A table's primary key: its partition key and, if it has one, its sort key.</summary>
/// <param name="Names">The key attribute names, partition key first.</param>
/// <param name="Types">Each key attribute's type as DynamoDB declares it: <c>S</c>, <c>N</c> or <c>B</c>.</param>
internal sealed record TableKey(IReadOnlyList<string> Names, IReadOnlyList<string> Types);

/// <summary>
/// The primary keys of the tables batches write to, asked of DynamoDB (DescribeTable) once per
/// table and process. The single-item operations never need this; a batch of writes does, because
/// the whole batch must be checked before its first write: an item without its key, or two
/// requests for one key, would otherwise be refused by DynamoDB only in the call that carries them,
/// after other calls had written.
/// </summary>
internal sealed class TableKeys(Func<IAmazonDynamoDB> client)
{
    /// <summary>How many tables' keys are kept; a handful in practice.</summary>
    public const int MaxCached = 256;

    private readonly ConcurrentDictionary<string, TableKey> _known = new(StringComparer.Ordinal);

    /// <summary>The table's key if it is known already, so a batch can count the DescribeTable call it makes otherwise.</summary>
    public TableKey? Known(string tableName) => _known.TryGetValue(tableName, out var key) ? key : null;

    /// <summary>Asks DynamoDB for the table's key and keeps it.</summary>
    public async Task<TableKey> DescribeAsync(string tableName, CancellationToken cancellationToken)
    {
        var table = (await client().DescribeTableAsync(new DescribeTableRequest { TableName = tableName }, cancellationToken).ConfigureAwait(false)).Table;
        var types = table.AttributeDefinitions.ToDictionary(definition => definition.AttributeName, definition => definition.AttributeType.Value, StringComparer.Ordinal);
        var names = table.KeySchema.OrderBy(element => element.KeyType == KeyType.HASH ? 0 : 1).Select(element => element.AttributeName).ToList();
        var key = new TableKey(names, [.. names.Select(name => types[name])]);
        if (_known.Count < MaxCached)
        {
            _known[tableName] = key;
        }

        return key;
    }

    /// <summary>
    /// Forgets a table's key after DynamoDB refused a batch that was checked against it: the table
    /// may have been deleted and made again with another key, and the next batch asks afresh.
    /// </summary>
    public void Forget(string tableName) => _known.TryRemove(tableName, out _);
}
