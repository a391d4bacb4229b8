using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using LambdaFunctionOverHttps.Errors;
using LambdaFunctionOverHttps.Invocation;
using LambdaFunctionOverHttps.Values;

namespace LambdaFunctionOverHttps.Operations;

/// <summary>
/// <c>batchRead</c>: boto3 <c>batch_get_item</c> of one table, for any number of keys up to
/// <see cref="MaxKeys"/>. The answer has the items in the order of <c>Keys</c> (a missing item is
/// simply absent) and, in <c>UnprocessedKeys</c>, exactly the keys to ask again for: those the
/// deadline or Lambda's response limit left unread or unanswered.
/// </summary>
/// <remarks>
/// The low-level client rather than the Document Model's <c>CreateBatchGet</c>, which retries
/// unprocessed keys without any deadline, hides how many calls and retries it made, and cannot say
/// which keys are left when it stops.
/// </remarks>
internal static class BatchGetItem
{
    /// <summary>
    /// The most keys one invocation takes. Lambda's 6 MB response is what limits a read: 10,000
    /// items of 600 bytes fill it, and 100 calls of 100 keys take about a second, well inside
    /// API Gateway's 29 s. Keys whose items do not fit come back in <c>UnprocessedKeys</c>.
    /// </summary>
    public const int MaxKeys = 10_000;

    /// <summary>DynamoDB's limit for one BatchGetItem call.</summary>
    public const int KeysPerCall = 100;

    public static readonly string[] Parameters = ["Keys", "ProjectionExpression", "ExpressionAttributeNames", "ConsistentRead"];

    // Room kept in the answer for all but the items and the keys: ResponseMetadata, Error, and a
    // proxy answer's status, headers and CORS headers around the body.
    private const int AnswerReserve = 64 * 1024;

    public static async Task<Outcome> RunAsync(OperationCall call, PayloadReader payload, CancellationToken cancellationToken)
    {
        var elements = payload.RequiredList("Keys", MaxKeys);
        var projection = payload.Expression("ProjectionExpression");
        var names = payload.ExpressionAttributeNames();
        var consistentRead = payload.Boolean("ConsistentRead");
        var keys = elements is null ? null : BatchKeys.Read(payload, elements, "Keys", index => $"Keys[{index}]");
        if (payload.Refusal is { } refusal)
        {
            return refusal;
        }

        call.Usage.Keys = keys!.Keys.Count;
        var read = new Reading(keys, elements!);
        var (sentProjection, sentNames, added) = KeyProjection.WithKeys(projection, names, keys.Names);
        var run = await BatchRunner.RunAsync(call, keys.Chunks(KeysPerCall), async (chunk, token) =>
        {
            var response = await call.DynamoDb.Client.BatchGetItemAsync(call.Metered(new BatchGetItemRequest
            {
                ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
                RequestItems = new()
                {
                    [call.TableName] = new KeysAndAttributes
                    {
                        Keys = [.. chunk.Select(index => keys.Keys[index])],
                        ProjectionExpression = sentProjection,
                        ExpressionAttributeNames = sentNames,
                        ConsistentRead = consistentRead,
                    },
                },
            }), token).ConfigureAwait(false);
            var unprocessed = response.UnprocessedKeys is { } left && left.TryGetValue(call.TableName, out var rest) && rest.Keys is { } restKeys
                ? keys.IndexesOf(restKeys, chunk)
                : [];
            if (response.Responses is { } responses && responses.TryGetValue(call.TableName, out var items) && items is not null)
            {
                foreach (var item in items)
                {
                    read.Found(keys.IndexOf(item, chunk), item, added);
                }
            }

            return (unprocessed, response.ResponseMetadata?.RequestId);
        }, cancellationToken, mayStart: read.HasRoom).ConfigureAwait(false);

        var failure = run.ReportedFailure(cancellationToken);
        var (answered, unanswered, cut) = read.Answer(run.Left);
        call.Usage.Unprocessed = unanswered.Count;
        run.ResponseLimit = cut;
        call.Usage.StoppedBy = failure?.Error?.Type ?? run.StoppedBy;
        return BotoResponse.Write(run.LastRequestId, 200, writer =>
        {
            writer.WriteStartArray("Items");
            foreach (var item in answered)
            {
                // Stryker disable once Boolean : equivalent, each item's JSON was written by a Utf8JsonWriter, so validating it passes (docs/testing.md, "Equivalent mutants")
                writer.WriteRawValue(item, skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("UnprocessedKeys");
            foreach (var index in unanswered)
            {
                elements![index].WriteTo(writer);
            }

            writer.WriteEndArray();
            BatchRun.WriteFailure(writer, failure);
        });
    }

    /// <summary>
    /// The items read so far, each kept as the JSON it will be answered with, and what the answer
    /// would weigh: measured as a proxy answer carries it (every <c>"</c> and <c>\</c> escaped once
    /// more inside the body), so the answer fits whichever way it is sent.
    /// </summary>
    private sealed class Reading
    {
        private readonly BatchKeys _keys;
        private readonly byte[]?[] _items;
        private readonly long[] _keySizes;
        private long _fetched;

        public Reading(BatchKeys keys, IReadOnlyList<JsonElement> elements)
        {
            _keys = keys;
            _items = new byte[]?[keys.Keys.Count];
            _keySizes = [.. elements.Select(element => SentSize(JsonBody.Write(element.WriteTo)))];
        }

        /// <summary>Whether the items read so far still leave room in the answer: reading more than it can carry only costs capacity.</summary>
        public bool HasRoom() => Interlocked.Read(ref _fetched) < ResponseLimit.MaxBytes - AnswerReserve;

        public void Found(int index, Dictionary<string, AttributeValue> item, IReadOnlyList<string> added)
        {
            foreach (var name in added)
            {
                item.Remove(name);
            }

            var json = JsonBody.Write(writer => DynamoDbJsonWriter.WriteAttributeMap(writer, item));
            _items[index] = json;
            Interlocked.Add(ref _fetched, SentSize(json));
        }

        /// <summary>
        /// The items to answer with, in the order of the keys, and the keys to hand back: those
        /// <paramref name="left"/> unread, and from the first item that would not fit in Lambda's
        /// response, every key after it.
        /// </summary>
        public (List<byte[]> Items, List<int> Unprocessed, bool Cut) Answer(IReadOnlyList<int> left)
        {
            var notDone = left.ToHashSet();
            var size = AnswerReserve + _keySizes.Sum();
            var items = new List<byte[]>();
            var unprocessed = new List<int>();
            var cut = false;
            for (var index = 0; index < _keys.Keys.Count; index++)
            {
                // Every key the run did not read is left: not started, cut, failed, or unprocessed after the last retry.
                if (cut || notDone.Contains(index))
                {
                    unprocessed.Add(index);
                    continue;
                }

                var change = (_items[index] is { } item ? SentSize(item) : 0) - _keySizes[index];
                if (size + change > ResponseLimit.MaxBytes)
                {
                    cut = true;
                    unprocessed.Add(index);
                    continue;
                }

                size += change;
                if (_items[index] is { } found)
                {
                    items.Add(found);
                }
            }

            return (items, unprocessed, cut);
        }

        // The bytes a value adds inside a proxy answer's body string, and a comma.
        private static long SentSize(byte[] json) =>
            json.Length + json.AsSpan().Count((byte)'"') + json.AsSpan().Count((byte)'\\') + 1;
    }
}
