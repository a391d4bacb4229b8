namespace LambdaFunctionOverHttps.Invocation;

/// <summary>
/// How a host turns the time Lambda leaves an invocation into the deadline it gives the core:
/// a little earlier, so that the Timeout answer is sent before Lambda stops the invocation and
/// reports only "Task timed out" (or, in the managed runtime, nothing the caller can act on).
/// </summary>
internal static class InvocationDeadline
{
    /// <summary>Time kept back from Lambda's deadline, for cancelling the DynamoDB call, logging and answering.</summary>
    public static readonly TimeSpan Reserve = TimeSpan.FromMilliseconds(300);

    /// <summary>How long the core may run when Lambda stops the invocation after <paramref name="remaining"/>: never negative.</summary>
    public static TimeSpan Usable(TimeSpan remaining) => remaining > Reserve ? remaining - Reserve : TimeSpan.Zero;

    /// <summary>
    /// The most time a batch keeps back from the core's deadline: it stops starting DynamoDB calls
    /// then, so the calls under way can finish and the answer can hand back what is left, rather
    /// than the deadline cancelling calls whose work is then lost.
    /// </summary>
    public static readonly TimeSpan MaxBatchReserve = TimeSpan.FromSeconds(1);

    /// <summary>
    /// When a batch should start no more calls (a <see cref="System.Diagnostics.Stopwatch"/> timestamp):
    /// a quarter of the time the core has, at most <see cref="MaxBatchReserve"/>, before its deadline.
    /// </summary>
    /// <param name="started">When the core got the event (a Stopwatch timestamp).</param>
    /// <param name="timeLeft">How long the core had then, as <see cref="Usable"/> gave it; null for no deadline.</param>
    public static long? StopStartingAt(long started, TimeSpan? timeLeft)
    {
        if (timeLeft is not { } left)
        {
            return null;
        }

        var reserve = left / 4 < MaxBatchReserve ? left / 4 : MaxBatchReserve;
        return started + (long)((left - reserve).TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
    }
}
