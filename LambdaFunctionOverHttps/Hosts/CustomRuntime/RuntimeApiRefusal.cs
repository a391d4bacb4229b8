namespace LambdaFunctionOverHttps.Hosts.CustomRuntime;

/// <summary>The Runtime API's refusal of one post: its status, what it said, and how large the refused body was.</summary>
/// <param name="StatusCode">The 4xx status.</param>
/// <param name="Reason">The Runtime API's answer body (its <c>{"errorMessage", "errorType"}</c> document), bounded.</param>
/// <param name="PostedBytes">The size of the body it refused.</param>
internal sealed record RuntimeApiRefusal(int StatusCode, string Reason, int PostedBytes);
