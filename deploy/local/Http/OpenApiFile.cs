using LambdaFunctionOverHttps.Configuration;
using LambdaFunctionOverHttps.OpenApi;
using Microsoft.AspNetCore.Http;

namespace DynamoDbManager.Local.Http;

/// <summary>
/// <c>GET /openapi.json</c>: the function's OpenAPI document for the routes it serves, with this stack
/// as its server. It describes the API and holds no data, so, unlike the API, it needs no key: tools
/// that read a document (editors, Swagger UI, Postman's import) rarely send one.
/// </summary>
internal sealed class OpenApiFile(Func<RestResources> resources)
{
    public const string Path = "/openapi.json";

    public async Task<bool> TryServeAsync(HttpContext context)
    {
        var (request, response) = (context.Request, context.Response);
        if (request.Path.Value is not (Path or "/" + GatewayRoute.StageName + Path) || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
        {
            return false;
        }

        var document = OpenApiDocument.Write(resources(), $"{request.Scheme}://{request.Host}");
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.ContentLength = document.Length;
        if (HttpMethods.IsGet(request.Method))
        {
            await response.Body.WriteAsync(document, context.RequestAborted).ConfigureAwait(false);
        }

        return true;
    }
}
