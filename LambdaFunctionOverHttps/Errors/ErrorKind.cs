namespace LambdaFunctionOverHttps.Errors;

/// <summary>
/// A machine-readable error type and the HTTP status a proxy response carries for it.
/// DynamoDB's own error codes pass through as kinds created by <see cref="DynamoErrorMapper"/>.
/// </summary>
internal sealed record ErrorKind(string Type, int StatusCode)
{
    public static readonly ErrorKind InvalidRequest = new("InvalidRequest", 400);
    public static readonly ErrorKind UnknownOperation = new("UnknownOperation", 400);
    public static readonly ErrorKind TableNotAllowed = new("TableNotAllowed", 403);
    public static readonly ErrorKind PayloadTooLarge = new("PayloadTooLarge", 413);
    public static readonly ErrorKind ResponseTooLarge = new("ResponseTooLarge", 413); // why a 4xx: Invocation/ResponseLimit.cs
    public static readonly ErrorKind InternalError = new("InternalError", 500);
    public static readonly ErrorKind ServiceUnavailable = new("ServiceUnavailable", 503);
    public static readonly ErrorKind Timeout = new("Timeout", 504);
}
