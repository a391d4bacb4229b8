using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using LambdaFunctionOverHttps.Errors;

namespace LambdaFunctionOverHttps.Operations;

/// <summary>
/// The loop the batches share: their work split into DynamoDB-sized calls, a few in flight at a
/// time, what DynamoDB leaves unprocessed sent again after an exponential, jittered back-off, and
/// no call started once the invocation's deadline is near, so that the operation can still answer
/// and hand back, by index, everything it did not do.
/// </summary>
internal static class BatchRunner
{
    /// <summary>Calls in flight at once: enough to overlap DynamoDB's latency, few enough not to throttle the table ourselves.</summary>
    public const int MaxInFlight = 4;

    /// <summary>How often what DynamoDB left unprocessed is sent again before it is handed back to the caller.</summary>
    public const int MaxRetries = 8;

    /// <summary>The back-off before the first retry; it doubles with each retry, up to <see cref="MaxBackoff"/>, and a random part of it is waited.</summary>
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(50);

    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2);

    /// <summary>Runs every chunk, as far as the deadline allows.</summary>
    /// <param name="call">The operation's call: its usage is counted, its <see cref="OperationCall.StopStartingAt"/> honoured.</param>
    /// <param name="chunks">Indexes into the caller's list, one chunk per call, in the order to start them.</param>
    /// <param name="send">One DynamoDB call for a chunk; answers the indexes DynamoDB left unprocessed and its request id.</param>
    /// <param name="deadline">The invocation's deadline, which cancels calls under way.</param>
    /// <param name="mayStart">Whether another call is still worth starting (a read's answer is not full yet); null for always.</param>
    public static async Task<BatchRun> RunAsync(
        OperationCall call,
        IEnumerable<int[]> chunks,
        Func<int[], CancellationToken, Task<(int[] Unprocessed, string? RequestId)>> send,
        CancellationToken deadline,
        Func<bool>? mayStart = null)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(deadline);
        if (call.StopStartingAt is { } at)
        {
            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), at);
            if (left > TimeSpan.Zero)
            {
                stop.CancelAfter(left);
            }
            else
            {
                await stop.CancelAsync().ConfigureAwait(false);
            }
        }

        var queue = new Queue<(int[] Chunk, int Attempt)>(chunks.Select(chunk => (chunk, 0)));
        var running = new List<Task<Step>>();
        var run = new BatchRun();
        while (true)
        {
            while (running.Count < MaxInFlight && queue.Count > 0 && run.Failure is null && !stop.IsCancellationRequested)
            {
                if (mayStart is not null && !mayStart())
                {
                    // A read whose answer is full: it names the reason, as the keys it hands back make it full too.
                    break;
                }

                var (chunk, attempt) = queue.Dequeue();
                running.Add(StepAsync(call, chunk, attempt, send, stop.Token, deadline));
            }

            if (running.Count == 0)
            {
                break;
            }

            var done = await Task.WhenAny(running).ConfigureAwait(false);
            running.Remove(done);
            var step = await done.ConfigureAwait(false);
            if (step.Failure is { } failure)
            {
                run.Failure ??= failure;
                run.Leave(step.Chunk);
            }
            else if (!step.Sent || step.Cut)
            {
                // Not started, or cut short by the deadline: DynamoDB may have applied a cut call,
                // and a batch's puts and deletes can be sent again without harm.
                run.AnythingDone |= step.Cut;
                run.Deadline = true;
                run.Leave(step.Chunk);
            }
            else
            {
                run.AnythingDone = true;
                // The SDK gives an answer without a request id as an empty one.
                if (!string.IsNullOrEmpty(step.RequestId))
                {
                    run.LastRequestId = step.RequestId;
                }
                if (step.Unprocessed.Length > 0 && step.Attempt < MaxRetries)
                {
                    queue.Enqueue((step.Unprocessed, step.Attempt + 1));
                }
                else if (step.Unprocessed.Length > 0)
                {
                    run.Retries = true;
                    run.Leave(step.Unprocessed);
                }
            }
        }

        if (queue.Count > 0)
        {
            // Not started: the deadline, a failure, or a read's full answer stopped them.
            run.Deadline |= stop.IsCancellationRequested;
            foreach (var (chunk, _) in queue)
            {
                run.Leave(chunk);
            }
        }

        return run;
    }

    /// <summary>The back-off before retry <paramref name="attempt"/> (1 for the first): "full jitter", a random time up to the doubled cap.</summary>
    public static TimeSpan Backoff(int attempt)
    {
        var cap = FirstBackoff * Math.Pow(2, Math.Min(attempt - 1, 16));
        return TimeSpan.FromTicks(Math.Min(cap.Ticks, MaxBackoff.Ticks)) * Random.Shared.NextDouble();
    }

    private static async Task<Step> StepAsync(
        OperationCall call,
        int[] chunk,
        int attempt,
        Func<int[], CancellationToken, Task<(int[] Unprocessed, string? RequestId)>> send,
        CancellationToken stop,
        CancellationToken deadline)
    {
        if (attempt > 0)
        {
            try
            {
                await Task.Delay(Backoff(attempt), stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return new Step(chunk, attempt) { Sent = false };
            }

            // A back-off that ended is followed by its call, even if the stop came a moment after:
            // the call was begun before it, and the stop leaves a quarter of the time for such calls.
        }

        call.Usage.CountCall(retry: attempt > 0);
        try
        {
            var (unprocessed, requestId) = await send(chunk, deadline).ConfigureAwait(false);
            return new Step(chunk, attempt) { Unprocessed = unprocessed, RequestId = requestId };
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return new Step(chunk, attempt) { Cut = true };
        }
        catch (Exception exception)
        {
            // Kept, not thrown: the calls that succeeded must still be answered for. The run's
            // caller throws it on when nothing was done, or when it is not a DynamoDB failure.
            return new Step(chunk, attempt) { Failure = exception };
        }
    }

    private sealed record Step(int[] Chunk, int Attempt)
    {
        public bool Sent { get; init; } = true;

        public bool Cut { get; init; }

        public int[] Unprocessed { get; init; } = [];

        public string? RequestId { get; init; }

        public Exception? Failure { get; init; }
    }
}

/// <summary>What a batch's calls did: what is left, by index into the caller's list, and why.</summary>
internal sealed class BatchRun
{
    private readonly List<int> _left = [];

    /// <summary>The caller's indexes not done, in the caller's order.</summary>
    public IReadOnlyList<int> Left => _left.Order().ToList();

    /// <summary>The first DynamoDB failure, which stopped the batch from starting more calls.</summary>
    public Exception? Failure { get; set; }

    /// <summary>Whether any call may have done something: DynamoDB answered it, or the deadline cut it short after it was sent.</summary>
    public bool AnythingDone { get; set; }

    /// <summary>The request id of the last call DynamoDB answered, for <c>ResponseMetadata</c> and the log.</summary>
    public string? LastRequestId { get; set; }

    /// <summary>
    /// Why something was left (see <see cref="OperationUsage.StoppedBy"/>), when not a failure: of the
    /// reasons that held, the deadline first, then the retries, then the answer's size.
    /// </summary>
    public string? StoppedBy => Deadline ? "deadline" : Retries ? "retries" : ResponseLimit ? "responseLimit" : null;

    /// <summary>The deadline stopped a call from starting, or cut one short.</summary>
    public bool Deadline { get; set; }

    /// <summary>DynamoDB still left something unprocessed after the last retry.</summary>
    public bool Retries { get; set; }

    /// <summary>A read's answer was full, so items read were handed back as keys (and no more calls started).</summary>
    public bool ResponseLimit { get; set; }

    public void Leave(IEnumerable<int> indexes) => _left.AddRange(indexes);

    /// <summary>
    /// The failure to report inside a 200 answer, beside what was done: null when there was none.
    /// When no call had done anything, or the failure is not DynamoDB's (a bug), it is thrown on
    /// instead, to be answered and logged as any single call's failure is.
    /// </summary>
    public Outcome? ReportedFailure(CancellationToken deadline)
    {
        if (Failure is not { } failure)
        {
            return null;
        }

        var mapped = DynamoErrorMapper.ToOutcome(failure, deadline);
        if (mapped is null || !AnythingDone)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        return mapped;
    }

    /// <summary>Writes <c>Error</c>: the failure that stopped the batch, as an error answer would carry it.</summary>
    public static void WriteFailure(Utf8JsonWriter writer, Outcome? failure)
    {
        if (failure?.Error is { } error)
        {
            writer.WriteStartObject("Error");
            writer.WriteString("errorType", error.Type);
            writer.WriteString("errorMessage", failure.ErrorMessage);
            writer.WriteEndObject();
        }
    }
}
