namespace LambdaFunctionOverHttps.Errors;

/// <summary>
/// A machine-readable error type and the HTTP status a proxy response carries for it. The static
/// fields are the kinds of our own, one line each; DynamoDB's codes are in <see cref="ErrorCatalogue"/>.
/// </summary>
internal sealed record ErrorKind(string Type, int StatusCode)
{
    public static readonly ErrorKind InvalidRequest = new("InvalidRequest", 400);
    public static readonly ErrorKind UnknownOperation = new("UnknownOperation", 400);
    public static readonly ErrorKind DynamoDbError = new("DynamoDbError", 400); // DynamoDB's code is in no catalogue: newer than the SDK
    public static readonly ErrorKind TableNotAllowed = new("TableNotAllowed", 403);
    public static readonly ErrorKind OriginNotAllowed = new("OriginNotAllowed", 403);
    public static readonly ErrorKind RouteNotFound = new("RouteNotFound", 404); // a path that is no REST route (RESOURCES)
    public static readonly ErrorKind ItemNotFound = new("ItemNotFound", 404); // a REST route's item does not exist
    public static readonly ErrorKind MethodNotAllowed = new("MethodNotAllowed", 405); // a REST route without that method; the answer says which it has
    public static readonly ErrorKind ItemAlreadyExists = new("ItemAlreadyExists", 409); // POST /{route} of a key that is taken
    public static readonly ErrorKind PayloadTooLarge = new("PayloadTooLarge", 413);
    public static readonly ErrorKind ResponseTooLarge = new("ResponseTooLarge", 413); // why a 4xx: Invocation/ResponseLimit.cs
    public static readonly ErrorKind InternalError = new("InternalError", 500);
    public static readonly ErrorKind ServiceUnavailable = new("ServiceUnavailable", 503);
    public static readonly ErrorKind Timeout = new("Timeout", 504);
}
