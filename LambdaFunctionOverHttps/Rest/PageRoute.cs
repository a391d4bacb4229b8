using System.Buffers;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using LambdaFunctionOverHttps.Configuration;
using LambdaFunctionOverHttps.Errors;
using LambdaFunctionOverHttps.Invocation;
using LambdaFunctionOverHttps.Operations;
using LambdaFunctionOverHttps.Values;

namespace LambdaFunctionOverHttps.Rest;

/// <summary>
/// <c>GET /{route}</c>: a page of the table's items, <c>{"Items": [...], "NextToken": "..."}</c>, by
/// the Scan <c>list</c> makes. DynamoDB's Scan stops at 1 MB, so one Scan may bring fewer items than
/// the caller asked for while more remain: the page is filled by scanning on until it holds
/// <c>limit</c> items or the table ends. <c>NextToken</c> is there exactly when more items follow.
/// </summary>
internal static class PageRoute
{
    public const int DefaultLimit = 100;

    public const int MaxLimit = 1000;

    // The proxy answer carries the body as an escaped JSON string: room for that and the headers.
    private const long ByteBudget = ResponseLimit.MaxBytes - (16 * 1024);

    /// <param name="call">The table and client.</param>
    /// <param name="resource">The route.</param>
    /// <param name="limit">How many items the page holds, unless the table ends first.</param>
    /// <param name="start">Where the page starts (a token's key); null for the first page.</param>
    /// <param name="secret">The key that signs the next token.</param>
    /// <param name="cancellationToken">The deadline: once it has come, the page ends with what it has.</param>
    public static async Task<Outcome> RunAsync(
        OperationCall call, RestResource resource, int limit, Dictionary<string, AttributeValue>? start, byte[] secret, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        var size = 0L;
        var count = 0;
        var position = start;
        string? requestId = null;
        Dictionary<string, AttributeValue>? next = null;
        using (var writer = new Utf8JsonWriter(buffer, JsonBody.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("Items");
            while (next is null)
            {
                if (count > 0 && cancellationToken.IsCancellationRequested)
                {
                    // Within the deadline: the items so far, and a token to go on from where they end.
                    next = position;
                    break;
                }

                // One item more than the page needs: if it comes, more follow, and the token starts after the page's last item.
                var response = await call.DynamoDb.Client.ScanAsync(call.Metered(new ScanRequest
                {
                    TableName = resource.Table,
                    Limit = limit - count + 1,
                    ExclusiveStartKey = position,
                    // For the log line's capacity metrics; the answer never shows it.
                    ReturnConsumedCapacity = ConsumedCapacityOption.For(null).Requested,
                }), cancellationToken).ConfigureAwait(false);
                requestId = response.ResponseMetadata?.RequestId;
                foreach (var item in response.Items ?? [])
                {
                    var json = JsonBody.Write(itemWriter => DynamoDbJsonWriter.WriteAttributeMap(itemWriter, item));
                    var escaped = json.Length + json.Count(character => character is (byte)'"' or (byte)'\\');
                    if (count == limit || size + escaped > ByteBudget)
                    {
                        next = position;
                        break;
                    }

                    if (!item.TryGetValue(resource.KeyAttribute, out var key))
                    {
                        // Every item has the table's key, so RESOURCES names another attribute than the table's key.
                        return Outcome.Failure(ErrorKind.InternalError, $"The items of table {resource.Table} have no attribute "
                            + $"{CallerText.Quote(resource.KeyAttribute)}, which RESOURCES names as its key: the function's configuration does not match the table.", requestId);
                    }

                    // Stryker disable once Boolean : equivalent, the item's JSON was just written by a Utf8JsonWriter, so validating it passes (docs/testing.md, "Equivalent mutants")
                    writer.WriteRawValue(json, skipInputValidation: true);
                    size += escaped;
                    count++;
                    position = ItemKey.Map(resource, key);
                }

                if (next is null && response.LastEvaluatedKey is not { Count: > 0 })
                {
                    break;
                }

                // With a next key the loop ends here, and the token is made from it.
                position = response.LastEvaluatedKey;
            }

            writer.WriteEndArray();
            if (next is not null)
            {
                writer.WriteString("NextToken", NextToken.Issue(secret, resource, next));
            }

            writer.WriteEndObject();
        }

        return Outcome.Success(buffer.WrittenSpan.ToArray(), requestId);
    }
}
