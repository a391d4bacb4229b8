using Microsoft.AspNetCore.Http;

namespace DynamoDbManager.Local.Http;

/// <summary>
/// The only names the stack answers to. DNS rebinding points a hostile site's own name at 127.0.0.1,
/// so a page of that site reaches the stack as its own origin, where CORS does not apply; the Host
/// header still names that site, and is refused here.
/// </summary>
internal static class LoopbackHost
{
    public static bool Matches(HostString host) =>
        host.HasValue && host.Host.ToLowerInvariant() is "127.0.0.1" or "localhost" or "[::1]";
}
