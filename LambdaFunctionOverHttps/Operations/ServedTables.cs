using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using LambdaFunctionOverHttps.Errors;
using LambdaFunctionOverHttps.Values;

namespace LambdaFunctionOverHttps.Operations;

/// <summary>
/// <c>tables</c>: which tables this function may serve, so a client (the console) can offer them.
/// The configuration answers first (<see cref="Configuration.FunctionSettings.ConfiguredTables"/>);
/// only when no allow-list closes the set is DynamoDB asked (ListTables), and a role without that
/// right, as deployed, still gets the configured tables and why the rest are missing.
/// </summary>
/// <remarks>
/// The deployed templates do not grant ListTables: the function's role reaches its own table only,
/// and naming every table of the account to anyone holding the API key is not this API's business.
/// With an allow-list, listing would only say what the list already says.
/// </remarks>
internal static class ServedTables
{
    /// <summary>
    /// How many names are listed at most: ten ListTables calls, well inside a function's deadline.
    /// An account with more still has every table usable by name; the answer says the list is cut.
    /// </summary>
    public const int MaxListed = 1000;

    // ListTables' own largest page.
    private const int PageSize = 100;

    public static async Task<Outcome> RunAsync(OperationCall call, CancellationToken cancellationToken)
    {
        var settings = call.Settings;
        var names = new SortedSet<string>(settings.ConfiguredTables(), StringComparer.Ordinal);
        var listing = settings.Tables.AllowsAnyTable
            ? await ListAsync(call, names, cancellationToken).ConfigureAwait(false)
            : Listing.NotAsked;

        var body = JsonBody.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("TableNames");
            foreach (var name in names)
            {
                writer.WriteStringValue(name);
            }

            writer.WriteEndArray();
            if (settings.DefaultTableName is { } defaultTable && settings.Tables.Allows(defaultTable))
            {
                writer.WriteString("DefaultTableName", defaultTable);
            }

            writer.WriteBoolean("AnyTable", settings.Tables.AllowsAnyTable);
            writer.WriteBoolean("Listed", listing.Listed);
            if (listing.Truncated)
            {
                writer.WriteBoolean("Truncated", true);
            }

            if (listing.Refusal is { } refusal)
            {
                writer.WriteStartObject("ListTablesError");
                writer.WriteString("errorType", refusal.Error!.Type);
                writer.WriteString("errorMessage", refusal.ErrorMessage);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        });
        return Outcome.Success(body, listing.RequestId);
    }

    /// <summary>Adds DynamoDB's table names to <paramref name="names"/>, page by page up to <see cref="MaxListed"/>.</summary>
    private static async Task<Listing> ListAsync(OperationCall call, SortedSet<string> names, CancellationToken cancellationToken)
    {
        string? requestId = null;
        var listed = 0;
        var request = new ListTablesRequest { Limit = PageSize };
        try
        {
            do
            {
                var response = await call.DynamoDb.Client.ListTablesAsync(call.Metered(request), cancellationToken).ConfigureAwait(false);
                requestId = response.ResponseMetadata?.RequestId;
                foreach (var name in response.TableNames ?? [])
                {
                    names.Add(name);
                    listed++;
                }

                request.ExclusiveStartTableName = response.LastEvaluatedTableName;
            }
            while (request.ExclusiveStartTableName is not null && listed < MaxListed);
        }
        catch (AmazonServiceException exception) when (DynamoErrorMapper.ToOutcome(exception, cancellationToken) is { StatusCode: 403 } denied)
        {
            // The deployed role's answer: not a failure of this operation, whose configured tables
            // still stand. Anything else (DynamoDB unreachable, throttled, the deadline) fails it as
            // it fails every operation, through the invoker's one catch.
            return new Listing(Listed: false, denied, Truncated: false, denied.DynamoDbRequestId);
        }

        return new Listing(Listed: true, Refusal: null, Truncated: request.ExclusiveStartTableName is not null, requestId);
    }

    /// <summary>What asking DynamoDB gave: nothing asked, a refusal, or names (and whether they were cut short); <c>Listed</c> when it gave names.</summary>
    private sealed record Listing(bool Listed, Outcome? Refusal, bool Truncated, string? RequestId)
    {
        public static Listing NotAsked { get; } = new(Listed: false, Refusal: null, Truncated: false, RequestId: null);
    }
}
