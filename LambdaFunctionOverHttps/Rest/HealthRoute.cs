using Amazon.DynamoDBv2.Model;
using LambdaFunctionOverHttps.Configuration;
using LambdaFunctionOverHttps.DynamoDb;
using LambdaFunctionOverHttps.Errors;
using LambdaFunctionOverHttps.Operations;
using LambdaFunctionOverHttps.Values;

namespace LambdaFunctionOverHttps.Rest;

/// <summary>
/// <c>GET /health</c>: 200 when every resource table answers a read, 503 naming each that does not.
/// The read is a GetItem of a key that is not expected to exist, projected to the key alone: an action
/// the routes already have (no DescribeTable, which the function's role is not given), and one that
/// also fails when <c>RESOURCES</c> names the wrong key attribute or type for the table.
/// </summary>
internal static class HealthRoute
{
    public static async Task<Outcome> RunAsync(OperationCall call, RestResources resources, CancellationToken deadline)
    {
        var tables = resources.All.DistinctBy(resource => resource.Table).ToList();
        var failures = (await Task.WhenAll(tables.Select(resource => ReadAsync(call, resource, deadline))).ConfigureAwait(false))
            .Zip(tables)
            .Where(check => check.First is not null)
            .ToDictionary(check => check.Second.Table, check => check.First!, StringComparer.Ordinal);

        void WriteTables(System.Text.Json.Utf8JsonWriter writer)
        {
            writer.WriteStartArray("resources");
            foreach (var resource in resources.All)
            {
                writer.WriteStartObject();
                writer.WriteString("route", resource.CollectionPath);
                writer.WriteString("table", resource.Table);
                writer.WriteString("status", failures.TryGetValue(resource.Table, out var failure) ? failure.Error!.Type : "ok");
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        if (failures.Count == 0)
        {
            return Outcome.Success(JsonBody.Write(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("status", "ok");
                WriteTables(writer);
                writer.WriteEndObject();
            }));
        }

        var named = tables.Where(resource => failures.ContainsKey(resource.Table))
            .Select(resource => $"table {resource.Table} ({resource.CollectionPath}): {failures[resource.Table].Error!.Type}: {failures[resource.Table].ErrorMessage}");
        return Outcome.Failure(ErrorKind.ServiceUnavailable, $"Not every table answers a read: {string.Join("; ", named)}", writeDetails: WriteTables);
    }

    // Each table's failure is part of the answer, so it is mapped here, by the one mapper, rather than
    // left to the invoker's catch, which would answer the first failure alone. Anything the mapper
    // does not know (a bug) still escapes to that catch.
    private static async Task<Outcome?> ReadAsync(OperationCall call, RestResource resource, CancellationToken deadline)
    {
        try
        {
            await call.DynamoDb.Client.GetItemAsync(call.Metered(new GetItemRequest
            {
                TableName = resource.Table,
                Key = ItemKey.Map(resource, resource.NumericKey ? new AttributeValue { N = "0" } : new AttributeValue { S = "health-check" }),
                ProjectionExpression = "#k",
                ExpressionAttributeNames = new Dictionary<string, string>(StringComparer.Ordinal) { ["#k"] = resource.KeyAttribute },
                // For the log line's capacity metrics, as every other read of the function.
                ReturnConsumedCapacity = ConsumedCapacityOption.For(null).Requested,
            }), deadline).ConfigureAwait(false);
            return null;
        }
        catch (Exception exception) when (DynamoErrorMapper.ToOutcome(exception, deadline) is { } failure)
        {
            return failure;
        }
    }
}
