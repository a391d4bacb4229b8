using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using LambdaFunctionOverHttps.DynamoDb;
using LambdaFunctionOverHttps.Errors;
using LambdaFunctionOverHttps.Values;

namespace LambdaFunctionOverHttps.Operations;

/// <summary>
/// <c>batchWrite</c>: boto3 <c>batch_write_item</c> of one table, for any number of put and delete
/// requests up to <see cref="MaxRequests"/>. The whole request is checked before the first write,
/// against the table's key (<see cref="TableKeys"/>); what DynamoDB leaves unprocessed is sent
/// again, and whatever is still not written is answered in <c>UnprocessedItems</c>.
/// </summary>
/// <remarks>
/// The low-level client rather than the Document Model's <c>CreateBatchWrite</c>, which retries
/// unprocessed items without any deadline, hides how many calls and retries it made, and cannot
/// say which requests are left when it stops.
/// </remarks>
internal static class BatchWriteItem
{
    /// <summary>
    /// The most requests one invocation takes. Lambda's 6 MB event is what limits a write: 10,000
    /// requests of 600 bytes fill it, and 400 calls of 25 take a few seconds at DynamoDB's usual
    /// latency, inside the function's timeout and API Gateway's 29 s.
    /// </summary>
    public const int MaxRequests = 10_000;

    /// <summary>DynamoDB's limit for one BatchWriteItem call.</summary>
    public const int RequestsPerCall = 25;

    public static readonly string[] Parameters = ["Requests"];

    private static readonly string[] RequestKinds = ["PutRequest", "DeleteRequest"];

    public static async Task<Outcome> RunAsync(OperationCall call, PayloadReader payload, CancellationToken cancellationToken)
    {
        var elements = payload.RequiredList("Requests", MaxRequests);
        var requests = elements is null ? null : ReadRequests(payload, elements);
        if (payload.Refusal is { } refusal)
        {
            return refusal;
        }

        call.Usage.Requests = requests!.Count;
        var tableKey = call.DynamoDb.TableKeys.Known(call.TableName);
        if (tableKey is null)
        {
            call.Usage.CountCall();
            tableKey = await call.DynamoDb.TableKeys.DescribeAsync(call.TableName, cancellationToken).ConfigureAwait(false);
        }

        var keys = Check(payload, requests, tableKey);
        if (payload.Refusal is { } wrong)
        {
            return wrong;
        }

        var run = await BatchRunner.RunAsync(call, keys!.Chunks(RequestsPerCall), async (chunk, token) =>
        {
            var response = await call.DynamoDb.Client.BatchWriteItemAsync(new BatchWriteItemRequest
            {
                RequestItems = new() { [call.TableName] = [.. chunk.Select(index => requests[index].Request)] },
            }, token).ConfigureAwait(false);
            var unprocessed = response.UnprocessedItems is { } left && left.TryGetValue(call.TableName, out var rest) && rest is not null
                ? keys.IndexesOf(rest.Select(request => request.PutRequest?.Item ?? request.DeleteRequest.Key), chunk)
                : [];
            return (unprocessed, response.ResponseMetadata?.RequestId);
        }, cancellationToken).ConfigureAwait(false);

        if (run.Failure is AmazonDynamoDBException { ErrorCode: "ValidationException" })
        {
            // Checked against a key that DynamoDB did not agree with: the table may have changed.
            call.DynamoDb.TableKeys.Forget(call.TableName);
        }

        var failure = run.ReportedFailure(cancellationToken);
        var left = run.Left;
        call.Usage.Unprocessed = left.Count;
        call.Usage.StoppedBy = failure?.Error?.Type ?? run.StoppedBy;
        return BotoResponse.Write(run.LastRequestId, 200, writer =>
        {
            writer.WriteStartArray("UnprocessedItems");
            foreach (var index in left)
            {
                elements![index].WriteTo(writer);
            }

            writer.WriteEndArray();
            BatchRun.WriteFailure(writer, failure);
        });
    }

    // Each element as boto3 takes a WriteRequest: exactly one of PutRequest {Item} or DeleteRequest {Key}.
    private static List<Write>? ReadRequests(PayloadReader payload, IReadOnlyList<JsonElement> elements)
    {
        var requests = new List<Write>(elements.Count);
        for (var index = 0; index < elements.Count; index++)
        {
            var where = $"Requests[{index}]";
            var element = elements[index];
            if (element.ValueKind != JsonValueKind.Object)
            {
                payload.Refuse($"Invalid type for parameter {where}: expected an object, got {JsonKinds.Describe(element)}.");
                return null;
            }

            var members = element.EnumerateObject().ToList();
            if (members.Count != 1 || !RequestKinds.Contains(members[0].Name, StringComparer.Ordinal))
            {
                payload.Refuse(members.Find(member => !RequestKinds.Contains(member.Name, StringComparer.Ordinal)) is { Value.ValueKind: not JsonValueKind.Undefined } unknown
                    ? $"Unknown parameter in {where}: {CallerText.Quote(unknown.Name)}, must be one of: {string.Join(", ", RequestKinds)}."
                    : $"Invalid value for parameter {where}: a write request is exactly one of: {string.Join(", ", RequestKinds)}.");
                return null;
            }

            var isPut = members[0].Name == "PutRequest";
            var inner = members[0].Value;
            var field = isPut ? "Item" : "Key";
            where = $"{where}.{members[0].Name}";
            if (inner.ValueKind != JsonValueKind.Object)
            {
                payload.Refuse($"Invalid type for parameter {where}: expected an object, got {JsonKinds.Describe(inner)}.");
                return null;
            }

            if (inner.EnumerateObject().FirstOrDefault(member => member.Name != field) is { Value.ValueKind: not JsonValueKind.Undefined } extra)
            {
                payload.Refuse($"Unknown parameter in {where}: {CallerText.Quote(extra.Name)}, must be one of: {field}.");
                return null;
            }

            if (!inner.TryGetProperty(field, out var value))
            {
                payload.Refuse($"Missing required parameter in {where}: \"{field}\".");
                return null;
            }

            where = $"{where}.{field}";
            var attributes = isPut ? payload.MapAt(value, where) : payload.KeyAt(value, where);
            if (attributes is null)
            {
                return null;
            }

            if (isPut && ItemSize.LowerBound(attributes) > ItemSize.MaxBytes)
            {
                payload.Refuse(ErrorCatalogue.ValidationException, $"{ItemSize.TooLargeMessage}: {where}.");
                return null;
            }

            requests.Add(new Write(where, attributes, isPut
                ? new WriteRequest { PutRequest = new PutRequest { Item = attributes } }
                : new WriteRequest { DeleteRequest = new DeleteRequest { Key = attributes } }));
        }

        return requests;
    }

    // What DynamoDB would refuse in some call only: a key missing, of another type, or with more
    // attributes than the table's; a number it cannot store; two requests for one item.
    private static BatchKeys? Check(PayloadReader payload, List<Write> requests, TableKey table)
    {
        foreach (var request in requests)
        {
            var isDelete = request.Request.DeleteRequest is not null;
            if (isDelete && request.Attributes.Count != table.Names.Count)
            {
                payload.Refuse(ErrorCatalogue.ValidationException,
                    $"The provided key element does not match the schema: {request.Where} names {Listed(request.Attributes.Keys)}; the table's key is {Listed(table.Names)}.");
                return null;
            }

            for (var position = 0; position < table.Names.Count; position++)
            {
                var name = table.Names[position];
                var type = table.Types[position];
                if (!request.Attributes.TryGetValue(name, out var value))
                {
                    payload.Refuse(ErrorCatalogue.ValidationException,
                        $"One of the required keys was not given a value: {request.Where} has no {CallerText.Quote(name)}, the table's {(position == 0 ? "partition" : "sort")} key.");
                    return null;
                }

                var given = value.S is not null ? "S" : value.N is not null ? "N" : null;
                if (given != type)
                {
                    payload.Refuse(ErrorCatalogue.ValidationException,
                        $"The provided key element does not match the schema: {request.Where}.{CallerText.Bounded(name)} must be {TypeName(type)}, as the table declares it.");
                    return null;
                }
            }

            if (NumberProblem(request.Attributes) is var (attribute, problem))
            {
                payload.Refuse(ErrorCatalogue.ValidationException,
                    $"The number is not one DynamoDB can store ({problem}): {request.Where}.{CallerText.Bounded(attribute)}.");
                return null;
            }
        }

        return BatchKeys.Identify(payload, table.Names, [.. requests.Select(request => request.Attributes)], index => requests[index].Where, namesFromTable: true);
    }

    private static (string Attribute, string Problem)? NumberProblem(Dictionary<string, AttributeValue> attributes)
    {
        foreach (var (name, value) in attributes)
        {
            if (NumberProblem(value) is { } problem)
            {
                return (name, problem);
            }
        }

        return null;
    }

    private static string? NumberProblem(AttributeValue value)
    {
        string? problem = null;
        return value.N is { } number && DynamoDbNumber.Canonical(number, out problem) is null ? problem
            : value.L is { } list ? list.Select(NumberProblem).FirstOrDefault(found => found is not null)
            : value.M is { } map ? NumberProblem(map)?.Problem
            : null;
    }

    private static string TypeName(string type) => type switch
    {
        "S" => "a string",
        "N" => "a number",
        _ => "binary, which plain JSON cannot give",
    };

    private static string Listed(IEnumerable<string> names) => string.Join(", ", names.Select(CallerText.Quote));

    /// <summary>One write request: where it is in the payload, its item or key, and the SDK's form of it.</summary>
    private sealed record Write(string Where, Dictionary<string, AttributeValue> Attributes, WriteRequest Request);
}
