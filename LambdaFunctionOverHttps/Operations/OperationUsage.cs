using System.Diagnostics;

namespace LambdaFunctionOverHttps.Operations;

/// <summary>
/// What one invocation's operation asked of DynamoDB, for the log line and its metrics: the
/// operation fills in the batch counts, <see cref="DynamoDb.MeteringHandler"/> every call's time,
/// retries, throttling, items and capacity, and <see cref="Logging.FunctionLog"/> writes it, once.
/// Counts only, never keys or values. Safe from calls made in parallel (a batch has four in flight).
/// </summary>
internal sealed class OperationUsage
{
    private readonly Lock _lock = new();
    private int _calls;
    private int _retries;
    private long _dynamoDbTicks;
    private int _sdkRetries;
    private bool _throttled;
    private int _itemsReturned;
    private int _itemsWritten;
    private double _readCapacity;
    private double _writeCapacity;

    /// <summary>How many keys a read of many items was asked for.</summary>
    public int? Keys { get; set; }

    /// <summary>How many write requests a batch of writes was given.</summary>
    public int? Requests { get; set; }

    /// <summary>DynamoDB calls a batch made, retries included.</summary>
    public int Calls => _calls;

    /// <summary>Calls that sent again what DynamoDB had left unprocessed.</summary>
    public int Retries => _retries;

    /// <summary>How many keys or requests were handed back to the caller unprocessed.</summary>
    public int? Unprocessed { get; set; }

    /// <summary>
    /// Why some were left unprocessed: <c>deadline</c>, <c>responseLimit</c>, <c>retries</c>
    /// (DynamoDB kept leaving them unprocessed), or the error type that stopped the batch.
    /// </summary>
    public string? StoppedBy { get; set; }

    /// <summary>Time spent in DynamoDB's attempts, summed over every call (parallel calls add up).</summary>
    public TimeSpan DynamoDbTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _dynamoDbTicks));

    /// <summary>Attempts the SDK made again by its own retry policy (not the batches' resends).</summary>
    public int SdkRetries => _sdkRetries;

    /// <summary>Whether any attempt was throttled by DynamoDB, retried or not.</summary>
    public bool Throttled => _throttled;

    /// <summary>Items DynamoDB returned to the function.</summary>
    public int ItemsReturned => _itemsReturned;

    /// <summary>Items DynamoDB wrote or deleted for the function.</summary>
    public int ItemsWritten => _itemsWritten;

    /// <summary>Read capacity units DynamoDB reported consuming.</summary>
    public double ConsumedReadCapacity
    {
        get
        {
            lock (_lock)
            {
                return _readCapacity;
            }
        }
    }

    /// <summary>Write capacity units DynamoDB reported consuming.</summary>
    public double ConsumedWriteCapacity
    {
        get
        {
            lock (_lock)
            {
                return _writeCapacity;
            }
        }
    }

    /// <summary>Counts one DynamoDB call of a batch.</summary>
    /// <param name="retry">Whether it sends again what an earlier call left unprocessed.</param>
    public void CountCall(bool retry = false)
    {
        Interlocked.Increment(ref _calls);
        if (retry)
        {
            Interlocked.Increment(ref _retries);
        }
    }

    /// <summary>One attempt of one DynamoDB call, as the SDK's pipeline saw it.</summary>
    /// <param name="elapsedTicks"><see cref="Stopwatch"/> ticks the attempt took.</param>
    /// <param name="isRetry">Whether the SDK's retry policy made it.</param>
    /// <param name="throttled">Whether DynamoDB refused it for throughput.</param>
    public void RecordAttempt(long elapsedTicks, bool isRetry, bool throttled)
    {
        Interlocked.Add(ref _dynamoDbTicks, elapsedTicks);
        if (isRetry)
        {
            Interlocked.Increment(ref _sdkRetries);
        }

        if (throttled)
        {
            _throttled = true;
        }
    }

    /// <summary>What a successful call returned: items and the capacity DynamoDB reported.</summary>
    public void RecordResult(int itemsReturned, int itemsWritten, double readCapacity, double writeCapacity)
    {
        Interlocked.Add(ref _itemsReturned, itemsReturned);
        Interlocked.Add(ref _itemsWritten, itemsWritten);
        lock (_lock)
        {
            _readCapacity += readCapacity;
            _writeCapacity += writeCapacity;
        }
    }
}
