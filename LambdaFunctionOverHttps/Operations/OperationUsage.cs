namespace LambdaFunctionOverHttps.Operations;

/// <summary>
/// What one invocation's operation asked of DynamoDB, for the log line: the operation fills it in
/// and <see cref="Logging.FunctionLog"/> writes it, once. Counts only, never keys or values. The
/// batches fill it today; it is the one place for what an invocation cost (time in DynamoDB, items,
/// capacity) when the log line grows into metrics.
/// </summary>
internal sealed class OperationUsage
{
    private int _calls;
    private int _retries;

    /// <summary>How many keys a read of many items was asked for.</summary>
    public int? Keys { get; set; }

    /// <summary>How many write requests a batch of writes was given.</summary>
    public int? Requests { get; set; }

    /// <summary>DynamoDB calls made, retries included.</summary>
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

    /// <summary>Counts one DynamoDB call; safe from calls made in parallel.</summary>
    /// <param name="retry">Whether it sends again what an earlier call left unprocessed.</param>
    public void CountCall(bool retry = false)
    {
        Interlocked.Increment(ref _calls);
        if (retry)
        {
            Interlocked.Increment(ref _retries);
        }
    }
}
