namespace LambdaFunctionOverHttps.Hosts.CustomRuntime;

/// <summary>One event handed out by the Lambda Runtime API's <c>/runtime/invocation/next</c>.</summary>
/// <param name="RequestId"><c>Lambda-Runtime-Aws-Request-Id</c>.</param>
/// <param name="Deadline"><c>Lambda-Runtime-Deadline-Ms</c>: when Lambda stops the invocation, if it said.</param>
/// <param name="InvokedFunctionArn"><c>Lambda-Runtime-Invoked-Function-Arn</c>.</param>
/// <param name="TraceId"><c>Lambda-Runtime-Trace-Id</c>, exported as <c>_X_AMZN_TRACE_ID</c> for the SDK.</param>
/// <param name="Event">The event's bytes.</param>
internal sealed record RuntimeInvocation(
    string RequestId, DateTimeOffset? Deadline, string? InvokedFunctionArn, string? TraceId, byte[] Event);
