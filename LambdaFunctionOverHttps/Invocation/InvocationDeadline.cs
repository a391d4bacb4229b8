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
}
