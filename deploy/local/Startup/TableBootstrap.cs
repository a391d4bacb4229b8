using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using DynamoDbManager.Local.Startup;
using LambdaFunctionOverHttps.Configuration;

namespace DynamoDbManager.Local.Startup;

/// <summary>
/// Creates the tables the function uses, as the serverless-lab template does (an <c>id</c> string
/// hash key, on-demand billing), and keeps any that exist: with <c>--data</c> they hold last run's items.
/// </summary>
internal static class TableBootstrap
{
    /// <summary>The serverless-lab table that events/*.json and the Postman collection name.</summary>
    public const string DefaultTable = "lambda-apigateway";

    // dynalite turns a table ACTIVE on its next tick; DynamoDB takes seconds. Past this, something is wrong.
    private static readonly TimeSpan ActiveTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The default table, and <c>TABLE_NAME</c> when it names another.</summary>
    public static IReadOnlyList<string> TablesFor(string? defaultTableName) =>
        string.IsNullOrWhiteSpace(defaultTableName) || defaultTableName.Trim() == DefaultTable
            ? [DefaultTable]
            : [DefaultTable, defaultTableName.Trim()];

    /// <summary>Those tables with the template's <c>id</c> string key, and each REST resource's table with its own key.</summary>
    public static IReadOnlyList<TableSpec> TablesFor(string? defaultTableName, RestResources resources) =>
        [.. TablesFor(defaultTableName).Select(name => new TableSpec(name, "id", NumericKey: false))
            .Concat(resources.All.Select(resource => new TableSpec(resource.Table, resource.KeyAttribute, resource.NumericKey)))
            .DistinctBy(table => table.Name)];

    /// <summary>Makes sure each table exists and is ACTIVE; says per table whether it was created.</summary>
    public static Task<IReadOnlyList<TableState>> EnsureAsync(Uri dynamoDb, IReadOnlyList<string> tables, CancellationToken cancellation) =>
        EnsureAsync(dynamoDb, [.. tables.Select(name => new TableSpec(name, "id", NumericKey: false))], cancellation);

    /// <inheritdoc cref="EnsureAsync(Uri, IReadOnlyList{string}, CancellationToken)"/>
    public static async Task<IReadOnlyList<TableState>> EnsureAsync(Uri dynamoDb, IReadOnlyList<TableSpec> tables, CancellationToken cancellation)
    {
        // Credentials and region come from the environment the function reads too, so the table is
        // made exactly where the function will look for it.
        using var client = new AmazonDynamoDBClient(new AmazonDynamoDBConfig { ServiceURL = dynamoDb.ToString(), MaxErrorRetry = 2 });
        var states = new List<TableState>();
        foreach (var (table, key, numericKey) in tables)
        {
            try
            {
                // Looking first means an existing table needs no CreateTable permission on AWS.
                var created = !await ExistsAsync(client, table, cancellation).ConfigureAwait(false)
                    && await CreateAsync(client, table, key, numericKey, cancellation).ConfigureAwait(false);
                await WaitUntilActiveAsync(client, table, cancellation).ConfigureAwait(false);
                states.Add(new TableState(table, created));
            }
            catch (AmazonDynamoDBException exception)
            {
                // Ctrl+C stops dynalite as well as this process; a call cut short by it is no failure.
                cancellation.ThrowIfCancellationRequested();
                throw new StartupFailure($"Could not make sure table {table} exists: {exception.Message} (--no-create-table skips this).", exception);
            }
            catch (HttpRequestException exception)
            {
                cancellation.ThrowIfCancellationRequested();
                throw new StartupFailure($"DynamoDB at {dynamoDb} could not be reached: {exception.Message}", exception);
            }
        }

        return states;
    }

    private static async Task<bool> ExistsAsync(AmazonDynamoDBClient client, string table, CancellationToken cancellation)
    {
        try
        {
            await client.DescribeTableAsync(table, cancellation).ConfigureAwait(false);
            return true;
        }
        catch (ResourceNotFoundException)
        {
            return false;
        }
    }

    /// <returns>False when another process created it first.</returns>
    private static async Task<bool> CreateAsync(AmazonDynamoDBClient client, string table, string key, bool numericKey, CancellationToken cancellation)
    {
        try
        {
            await client.CreateTableAsync(new CreateTableRequest
            {
                TableName = table,
                BillingMode = BillingMode.PAY_PER_REQUEST,
                KeySchema = [new KeySchemaElement(key, KeyType.HASH)],
                AttributeDefinitions = [new AttributeDefinition(key, numericKey ? ScalarAttributeType.N : ScalarAttributeType.S)],
            }, cancellation).ConfigureAwait(false);
            return true;
        }
        catch (ResourceInUseException)
        {
            return false;
        }
    }

    private static async Task WaitUntilActiveAsync(AmazonDynamoDBClient client, string table, CancellationToken cancellation)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(ActiveTimeout);
        try
        {
            // A write before ACTIVE is refused, so the stack is not ready until the table is. dynalite
            // is there on the first poll or two; the backoff keeps DescribeTable under AWS's rate limit.
            var delay = TimeSpan.FromMilliseconds(10);
            while ((await client.DescribeTableAsync(table, timeout.Token).ConfigureAwait(false)).Table.TableStatus != TableStatus.ACTIVE)
            {
                await Task.Delay(delay, timeout.Token).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.TicksPerSecond));
            }
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw new StartupFailure($"Table {table} did not become ACTIVE within {ActiveTimeout.TotalSeconds} s.");
        }
    }
}

/// <summary>A table to make sure of, with the key it is created with (a string <c>id</c> for the template's).</summary>
internal sealed record TableSpec(string Name, string KeyAttribute, bool NumericKey);

/// <summary>A table the stack made sure of, and whether this run created it.</summary>
internal sealed record TableState(string Name, bool Created);
