using System.Collections.Frozen;
using System.Globalization;
using DynamoDbManager.Local.Startup;
using Microsoft.AspNetCore.Http;

namespace DynamoDbManager.Local.Http;

/// <summary>
/// The browser console (<c>deploy/local/Console/</c>, copied beside the stack's program): a handful
/// of static files at <c>/</c>, asked before the gateway front. The console is a client of the API
/// like any other, so nothing here knows operations; it only hands the files out, safely.
/// </summary>
/// <remarks>
/// The files are read once at start-up into a fixed map from URL path to bytes, so a request can
/// only ever get one of them: no path from a request reaches the file system, which rules out
/// directory traversal whatever the path holds.
/// </remarks>
internal sealed class ConsoleFiles
{
    /// <summary>Where the build puts the files, beside the program.</summary>
    public const string DirectoryName = "Console";

    /// <summary>
    /// What the page may do. Scripts, styles and images only from the stack itself, no inline script
    /// or style, no frames, forms or plugins. Requests may go to the stack, to any https API (a
    /// deployed one, which the settings panel can point at), and to another stack on this machine;
    /// never over plain http to anywhere else, where an API key would travel in the clear.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "connect-src 'self' https: http://127.0.0.1:* http://localhost:*; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private readonly FrozenDictionary<string, (byte[] Body, string ContentType)> _files;

    private ConsoleFiles(FrozenDictionary<string, (byte[] Body, string ContentType)> files) => _files = files;

    /// <summary>The URL paths served: <c>/</c> and <c>/NAME</c> for each other file.</summary>
    public IReadOnlyCollection<string> Paths => _files.Keys;

    /// <summary>Reads the console's files: each file of a known type directly in <paramref name="directory"/>; <c>index.html</c> is <c>/</c>.</summary>
    /// <exception cref="StartupFailure">There is no <c>index.html</c>: the build did not copy the console.</exception>
    public static ConsoleFiles Load(string directory)
    {
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        if (Directory.Exists(directory))
        {
            foreach (var path in Directory.EnumerateFiles(directory))
            {
                var name = Path.GetFileName(path);
                if (ContentTypes.TryGetValue(Path.GetExtension(name), out var contentType))
                {
                    files[name == "index.html" ? "/" : "/" + name] = (File.ReadAllBytes(path), contentType);
                }
            }
        }

        return files.ContainsKey("/")
            ? new ConsoleFiles(files.ToFrozenDictionary(StringComparer.Ordinal))
            : throw new StartupFailure($"The console's files are missing from {directory}: build the stack again (dotnet build deploy/local).");
    }

    /// <summary>
    /// The origins the console's page has when opened from the stack at <paramref name="baseUrl"/>:
    /// browsers send an <c>Origin</c> with the page's own POSTs, so the function must allow it.
    /// </summary>
    public static IReadOnlyList<string> OwnOrigins(Uri baseUrl) =>
    [
        string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{baseUrl.Port}"),
        string.Create(CultureInfo.InvariantCulture, $"http://localhost:{baseUrl.Port}"),
    ];

    /// <summary>The origins the developer allowed, plus the console's own; <c>*</c> already holds them.</summary>
    public static IReadOnlyList<string> WithOwnOrigins(IReadOnlyList<string> allowed, Uri baseUrl) =>
        allowed is ["*"] ? allowed : [.. allowed.Union(OwnOrigins(baseUrl), StringComparer.Ordinal)];

    /// <summary>Serves a console file for GET or HEAD of its path from a loopback host; anything else goes on to the front.</summary>
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            || !LoopbackHost.Matches(request.Host)
            || request.Path.Value is not { } path
            || !_files.TryGetValue(path, out var file))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = file.ContentType;
        response.ContentLength = file.Body.Length;
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        // The files change with the repository; a stale script against a newer API helps nobody.
        response.Headers.CacheControl = "no-cache";
        if (HttpMethods.IsGet(request.Method))
        {
            await response.Body.WriteAsync(file.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
