using Microsoft.AspNetCore.Http;

namespace DynamoDbManager.Local.Http;

/// <summary>
/// The headers API Gateway's "Enable CORS" adds, so a page served from another origin (a local
/// front end, Swagger UI) can call the stack, API key included.
/// </summary>
internal static class Cors
{
    public const string AllowedMethods = "POST, OPTIONS";

    public static void AddTo(IHeaderDictionary headers)
    {
        headers.AccessControlAllowOrigin = "*";
        headers.AccessControlAllowHeaders = "Content-Type, X-Amz-Date, Authorization, X-Api-Key, X-Amz-Security-Token";
        headers.AccessControlAllowMethods = AllowedMethods;
    }
}
