using LambdaFunctionOverHttps.Errors;

namespace LambdaFunctionOverHttps.Invocation;

/// <summary>What a host sends back for one event.</summary>
/// <param name="Payload">The bytes to return: a bare result, a proxy response, or the error JSON.</param>
/// <param name="Outcome">The outcome behind the payload.</param>
/// <param name="IsFunctionError">
/// True when the event was a bare envelope and the outcome is an error: Lambda reports it as a
/// function error (a proxy event's errors are ordinary HTTP responses instead).
/// </param>
internal sealed record InvocationResult(byte[] Payload, Outcome Outcome, bool IsFunctionError);
