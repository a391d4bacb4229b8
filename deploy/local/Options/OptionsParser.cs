using System.Globalization;
using LambdaFunctionOverHttps.Configuration;

namespace DynamoDbManager.Local.Options;

/// <summary>
/// The stack's few options, parsed by hand: a command-line library would be the project's only
/// NuGet dependency for eight flags.
/// </summary>
internal static class OptionsParser
{
    public const string ApiKeyVariable = "DYNAMODBMANAGER_API_KEY";

    public const string Help = """
        Usage: dotnet run --project deploy/local [-- OPTIONS]

        Runs DynamoDbManager on this machine: an API Gateway-like HTTP front on 127.0.0.1 that calls
        the Lambda function in-process, and dynalite, a local DynamoDB, holding the function's table.

        Options:
          --port N            HTTP port on 127.0.0.1 (default 3000; 0 picks a free port)
          --api-key KEY       require this key in the x-api-key header
                              (default: $DYNAMODBMANAGER_API_KEY; neither set: no key needed)
          --data DIR          keep dynalite's data in DIR between runs (default: in memory)
          --dynamodb URL      use this DynamoDB instead of starting dynalite
          --no-create-table   do not create the table (for a real AWS table, which exists)
          --allow-origin ORIGIN
                              let web pages of ORIGIN (scheme://host[:port]) call the stack from a
                              browser; repeat it or separate origins with commas; * allows any
                              (default: $ALLOWED_ORIGINS; neither set: browsers on other origins
                              are refused)
          --resources LIST    serve REST routes over tables: route=table:keyAttribute[:N],
                              comma-separated (:N for a number key), such as
                              product=products:id,orders=orders:orderId:N; the tables are
                              created with their key (default: $RESOURCES; neither set: none)
          --exit-with-stdin   stop when standard input closes: for a program that starts the
                              stack and keeps a pipe to its stdin open, so the stack ends with it
          -h, --help          show this help and exit

        The function reads TABLE_NAME and ALLOWED_TABLES from this environment, as in Lambda.
        Against a local DynamoDB it gets dummy AWS credentials and region us-east-1 unless you set
        AWS_ACCESS_KEY_ID / AWS_REGION yourself.

        """;

    public static ParsedOptions Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var options = new StackOptions();
        if (environment(ApiKeyVariable) is { Length: > 0 } keyFromEnvironment)
        {
            options = options with { ApiKey = keyFromEnvironment, ApiKeySource = ApiKeyVariable };
        }

        if (Origins(environment(CorsPolicy.Variable)) is [_, ..] originsFromEnvironment)
        {
            options = options with { AllowedOrigins = originsFromEnvironment, AllowedOriginsSource = CorsPolicy.Variable };
        }

        if (environment(RestResources.Variable) is { } resourcesFromEnvironment && !string.IsNullOrWhiteSpace(resourcesFromEnvironment))
        {
            options = options with { Resources = resourcesFromEnvironment.Trim() };
        }

        // The command line replaces the environment's origins rather than adding to them, as --api-key does.
        var commandLineOrigins = new List<string>();

        for (var i = 0; i < args.Count; i++)
        {
            // Both "--port 3001" and "--port=3001", as most CLIs accept.
            var (name, inlineValue) = args[i].Split('=', 2) is [var left, var right] && left.StartsWith("--", StringComparison.Ordinal)
                ? (left, right)
                : (args[i], null);

            string? Value()
            {
                if (inlineValue is not null)
                {
                    return inlineValue;
                }

                return i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
            }

            switch (name)
            {
                case "-h" or "--help" or "-?":
                    return ParsedOptions.ForHelp;
                case "--no-create-table" when inlineValue is null:
                    options = options with { CreateTables = false };
                    break;
                case "--exit-with-stdin" when inlineValue is null:
                    options = options with { ExitWithStandardInput = true };
                    break;
                case "--port":
                    if (!int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
                    {
                        return ParsedOptions.Invalid("--port needs a port number from 0 to 65535.");
                    }

                    options = options with { Port = port };
                    break;
                case "--api-key":
                    if (Value() is not { Length: > 0 } key)
                    {
                        return ParsedOptions.Invalid("--api-key needs the key callers must send.");
                    }

                    options = options with { ApiKey = key, ApiKeySource = "--api-key" };
                    break;
                case "--data":
                    if (Value() is not { Length: > 0 } directory)
                    {
                        return ParsedOptions.Invalid("--data needs the directory to keep dynalite's data in.");
                    }

                    options = options with { DataDirectory = Path.GetFullPath(directory) };
                    break;
                case "--dynamodb":
                    if (!Uri.TryCreate(Value(), UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
                    {
                        return ParsedOptions.Invalid("--dynamodb needs an http:// or https:// URL, such as http://127.0.0.1:8000.");
                    }

                    options = options with { DynamoDbEndpoint = endpoint };
                    break;
                case "--allow-origin":
                    if (Origins(Value()) is not [_, ..] origins)
                    {
                        return ParsedOptions.Invalid("--allow-origin needs an origin, such as http://localhost:5173.");
                    }

                    if (origins.FirstOrDefault(origin => origin != CorsPolicy.AnyOrigin && CorsPolicy.Problem(origin) is not null) is { } invalid)
                    {
                        return ParsedOptions.Invalid($"--allow-origin \"{invalid}\" is not an origin: {CorsPolicy.Problem(invalid)}");
                    }

                    commandLineOrigins.AddRange(origins);
                    options = options with { AllowedOrigins = commandLineOrigins, AllowedOriginsSource = "--allow-origin" };
                    break;
                case "--resources":
                    if (Value() is not { } resources || string.IsNullOrWhiteSpace(resources))
                    {
                        return ParsedOptions.Invalid("--resources needs the routes, such as product=products:id,orders=orders:orderId:N.");
                    }

                    options = options with { Resources = resources.Trim() };
                    break;
                default:
                    return ParsedOptions.Invalid($"Unknown option \"{args[i]}\".");
            }
        }

        // --data is dynalite's; with another DynamoDB it would silently do nothing.
        if (options is { DataDirectory: not null, DynamoDbEndpoint: not null })
        {
            return ParsedOptions.Invalid("--data and --dynamodb exclude each other: --data is where the local dynalite keeps its data.");
        }

        if (commandLineOrigins.Count > 1 && commandLineOrigins.Contains(CorsPolicy.AnyOrigin))
        {
            return ParsedOptions.Invalid("--allow-origin * allows every origin, so it cannot be combined with other origins.");
        }

        try
        {
            // The function reads the list as ALLOWED_ORIGINS with this same check; refused here, a
            // bad entry from the environment is a usage error rather than a failed start.
            CorsPolicy.Parse(string.Join(',', options.AllowedOrigins));
        }
        catch (ConfigurationException exception)
        {
            return ParsedOptions.Invalid(exception.Message);
        }

        try
        {
            // The function reads the routes as RESOURCES with this same check (ALLOWED_TABLES, which it
            // also holds them to, it checks when it starts); the secret is the stack's own.
            RestResources.Parse(options.Resources, new string('x', RestResources.MinSecretLength), TablePolicy.AnyTable);
        }
        catch (ConfigurationException exception)
        {
            return ParsedOptions.Invalid(exception.Message);
        }

        return new ParsedOptions(options, ShowHelp: false, Error: null);
    }

    private static string[] Origins(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>The outcome of parsing: options to run with, a request for help, or a usage error.</summary>
internal sealed record ParsedOptions(StackOptions? Options, bool ShowHelp, string? Error)
{
    public static ParsedOptions ForHelp { get; } = new(null, ShowHelp: true, Error: null);

    public static ParsedOptions Invalid(string error) => new(null, ShowHelp: false, error);
}
