using System.Net;
using DynamoDbManager.Local.Startup;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DynamoDbManager.Local.Http;

/// <summary>
/// Kestrel on 127.0.0.1 with nothing but the access log and the gateway front: no logging
/// providers, configuration files or routing tables, which the stack has no use for and which
/// would only add start-up time and noise in the terminal.
/// </summary>
internal static class GatewayHost
{
    public static WebApplication Build(int port, GatewayFront front, ConsoleFiles console, AccessLog accessLog)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            // Loopback only: the stack has no authentication worth the name and must not be
            // reachable from the network the laptop is on.
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.AddServerHeader = false;
            // The front reads bodies over the 6 MB payload limit up to API Gateway's 10 MB, to answer
            // their 413 to clients that send the whole body first (RequestBody).
            kestrel.Limits.MaxRequestBodySize = RequestBody.MaxReadBytes;
        });

        // Signals belong to ShutdownSignal from the first line of Program; the host's console
        // lifetime would also claim Ctrl+C, and swallow the second one meant to cut a stuck stop short.
        builder.Services.AddSingleton<IHostLifetime, NoConsoleLifetime>();

        var app = builder.Build();
        app.Use(accessLog.InvokeAsync);
        app.Use(console.InvokeAsync);
        app.Run(front.HandleAsync);
        return app;
    }

    /// <summary>Starts listening; a taken port is a <see cref="StartupFailure"/> with what to do about it.</summary>
    /// <returns>The base URL, with the port the system picked when <paramref name="port"/> is 0.</returns>
    public static async Task<Uri> StartAsync(WebApplication app, int port, CancellationToken cancellation)
    {
        try
        {
            await app.StartAsync(cancellation).ConfigureAwait(false);
        }
        catch (IOException exception) when (exception.InnerException is AddressInUseException)
        {
            throw new StartupFailure($"Port {port} on 127.0.0.1 is already in use (another local stack?): stop what uses it, or pick another port with --port N.", exception);
        }
        catch (IOException exception)
        {
            throw new StartupFailure($"Cannot listen on 127.0.0.1:{port}: {exception.Message}", exception);
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new Uri(address);
    }

    private sealed class NoConsoleLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
