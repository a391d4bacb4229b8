using System.Diagnostics;
using System.Runtime.CompilerServices;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using LambdaFunctionOverHttps.Operations;

namespace LambdaFunctionOverHttps.DynamoDb;

/// <summary>
/// A handler in the SDK's own pipeline, just inside its retry handler, so it sees every attempt of
/// every DynamoDB call the function makes (Document Model or low-level, batches included): the
/// attempt's time, whether the SDK's retry policy made it, whether DynamoDB throttled it, and for
/// the attempt that succeeds, the items and the capacity DynamoDB reported. It writes them into the
/// invocation's <see cref="OperationUsage"/>, found through the request object
/// (<see cref="CapturingDynamoDbClient.Meter"/>); a request nobody metered passes through untouched.
/// </summary>
/// <remarks>
/// Not an <see cref="AsyncLocal{T}"/>: a value left in one makes every await of the SDK's pipeline
/// save and restore the execution context (see <see cref="ResponseMetadataCapture"/>).
/// Backoff waits between attempts are not DynamoDB's time and are not counted.
/// </remarks>
internal sealed class MeteringHandler(ConditionalWeakTable<AmazonWebServiceRequest, OperationUsage> meters) : PipelineHandler
{
    // DynamoDB's throughput refusals (data plane, control plane, account) and HTTP 429.
    private static readonly HashSet<string> ThrottlingCodes =
        new(["ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded", "TooManyRequestsException"], StringComparer.Ordinal);

    public override async Task<T> InvokeAsync<T>(IExecutionContext executionContext)
    {
        var request = executionContext.RequestContext.OriginalRequest;
        if (!meters.TryGetValue(request, out var usage))
        {
            return await base.InvokeAsync<T>(executionContext).ConfigureAwait(false);
        }

        var started = Stopwatch.GetTimestamp();
        var isRetry = executionContext.RequestContext.Retries > 0;
        try
        {
            var response = await base.InvokeAsync<T>(executionContext).ConfigureAwait(false);
            usage.RecordAttempt(Stopwatch.GetTimestamp() - started, isRetry, throttled: false);
            RecordResult(usage, request, executionContext.ResponseContext.Response);
            return response;
        }
        catch (Exception exception) when (Failed(usage, started, isRetry, exception))
        {
            // Never reached: the filter records the failed attempt and lets the exception go on to the retry handler.
            throw;
        }
    }

    /// <summary>Whether an exception is DynamoDB refusing for throughput.</summary>
    public static bool IsThrottling(Exception exception) =>
        exception is AmazonServiceException service
        && ((service.ErrorCode is { } code && ThrottlingCodes.Contains(code)) || (int)service.StatusCode == 429);

    private static bool Failed(OperationUsage usage, long started, bool isRetry, Exception exception)
    {
        usage.RecordAttempt(Stopwatch.GetTimestamp() - started, isRetry, IsThrottling(exception));
        return false;
    }

    // Read operations consume read capacity and write operations write capacity; DynamoDB's TOTAL
    // reports CapacityUnits, which is then the one or the other.
    private static void RecordResult(OperationUsage usage, AmazonWebServiceRequest request, AmazonWebServiceResponse? response)
    {
        switch (response)
        {
            case GetItemResponse get:
                usage.RecordResult(get.Item is { Count: > 0 } ? 1 : 0, 0, Units(get.ConsumedCapacity), 0);
                break;
            case QueryResponse query:
                usage.RecordResult(query.Count ?? 0, 0, Units(query.ConsumedCapacity), 0);
                break;
            case ScanResponse scan:
                usage.RecordResult(scan.Count ?? 0, 0, Units(scan.ConsumedCapacity), 0);
                break;
            case BatchGetItemResponse batchGet:
                usage.RecordResult(batchGet.Responses?.Values.Sum(items => items?.Count ?? 0) ?? 0, 0, Units(batchGet.ConsumedCapacity), 0);
                break;
            case PutItemResponse put:
                usage.RecordResult(0, 1, 0, Units(put.ConsumedCapacity));
                break;
            case UpdateItemResponse update:
                usage.RecordResult(0, 1, 0, Units(update.ConsumedCapacity));
                break;
            case DeleteItemResponse delete:
                usage.RecordResult(0, 1, 0, Units(delete.ConsumedCapacity));
                break;
            case BatchWriteItemResponse batchWrite:
                var sent = (request as BatchWriteItemRequest)?.RequestItems?.Values.Sum(requests => requests?.Count ?? 0) ?? 0;
                var left = batchWrite.UnprocessedItems?.Values.Sum(requests => requests?.Count ?? 0) ?? 0;
                usage.RecordResult(0, Math.Max(0, sent - left), 0, Units(batchWrite.ConsumedCapacity));
                break;
            default:
                break;
        }
    }

    private static double Units(ConsumedCapacity? capacity) => capacity?.CapacityUnits ?? 0;

    private static double Units(List<ConsumedCapacity>? capacities) => capacities?.Sum(capacity => capacity?.CapacityUnits ?? 0) ?? 0;
}
