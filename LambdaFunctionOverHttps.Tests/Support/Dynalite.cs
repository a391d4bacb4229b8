using System.Diagnostics;
using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace LambdaFunctionOverHttps.Tests.Support;

/// <summary>
/// A real dynalite process (the DynamoDB wire API on LevelDB) on a free 127.0.0.1 port, from the
/// pinned copy the build installs in deploy/local/node_modules.
/// </summary>
internal sealed class Dynalite : IDisposable
{
    private readonly Process _process;

    private Dynalite(Process process, Uri endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public int Port => Endpoint.Port;

    public int ProcessId => _process.Id;

    /// <summary>Ends dynalite at once, as a crash would: no shutdown, nothing flushed by it.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    /// <param name="port">A fixed port, to restart on the one a client already uses; null picks a free one.</param>
    /// <param name="dataDirectory">LevelDB files to keep the data in across restarts; null keeps it in memory.</param>
    /// <remarks>
    /// Started through the local stack's launch-dynalite.js rather than dynalite's own cli.js: it listens
    /// on a port the system picks (no probe-then-bind race) and ends when its stdin closes, which this
    /// process holds open for as long as it lives: however the test run ends (Ctrl+C, a timeout, a
    /// killed test host), no dynalite is left behind.
    /// </remarks>
    public static Dynalite Start(int? port = null, string? dataDirectory = null)
    {
        var localStack = RepositoryRoot.Combine("deploy", "local");
        var nodeModules = Path.Combine(localStack, "node_modules");
        if (!File.Exists(Path.Combine(nodeModules, "dynalite", "cli.js")))
        {
            throw new InvalidOperationException($"dynalite is not installed in {nodeModules}; building the test project (through its reference to deploy/local) runs npm ci there.");
        }

        // A restart on a fixed port can race the old process's last moments on it; try again then.
        for (var attempt = 1; ; attempt++)
        {
            var start = new ProcessStartInfo("node")
            {
                ArgumentList = { Path.Combine(localStack, "Dynalite", "launch-dynalite.js"), nodeModules },
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            if (dataDirectory is not null)
            {
                start.ArgumentList.Add(dataDirectory);
            }

            if (port is { } fixedPort)
            {
                start.ArgumentList.Add("--port");
                start.ArgumentList.Add(fixedPort.ToString(CultureInfo.InvariantCulture));
            }

            var process = Process.Start(start)!;
            var listening = process.StandardOutput.ReadLineAsync();
            if (listening.Wait(TimeSpan.FromSeconds(30))
                && listening.Result is { } line
                && line.StartsWith("listening ", StringComparison.Ordinal)
                && int.TryParse(line.AsSpan("listening ".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var listenPort))
            {
                // Keep draining so a chatty dynalite never blocks on a full pipe.
                _ = process.StandardOutput.ReadToEndAsync();
                _ = process.StandardError.ReadToEndAsync();
                return new Dynalite(process, new Uri($"http://127.0.0.1:{listenPort}"));
            }

            var error = process.StandardError.ReadToEndAsync();
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            if (attempt == 3)
            {
                throw new InvalidOperationException($"dynalite did not start: {(error.Wait(1000) ? error.Result : "")}");
            }
        }
    }

    /// <summary>A plain low-level client, for setting up and checking behind the function's back.</summary>
    public AmazonDynamoDBClient AdminClient() =>
        new(new BasicAWSCredentials("test", "test"), new AmazonDynamoDBConfig { ServiceURL = Endpoint.ToString(), MaxErrorRetry = 0 });

    /// <summary>A table with an <c>id</c> string hash key (the template's), and optionally a numeric sort key.</summary>
    public static async Task CreateTable(AmazonDynamoDBClient client, string name, string? sortKey = null)
    {
        var request = new CreateTableRequest
        {
            TableName = name,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            KeySchema = [new KeySchemaElement("id", KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition("id", ScalarAttributeType.S)],
        };
        if (sortKey is not null)
        {
            request.KeySchema.Add(new KeySchemaElement(sortKey, KeyType.RANGE));
            request.AttributeDefinitions.Add(new AttributeDefinition(sortKey, ScalarAttributeType.N));
        }

        await client.CreateTableAsync(request);

        // Even with --createTableMs 0 the table turns ACTIVE on dynalite's next tick, and a write
        // before that is refused: wait for it, as anyone creating a table must.
        while ((await client.DescribeTableAsync(name)).Table.TableStatus != TableStatus.ACTIVE)
        {
            await Task.Delay(10);
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
