using LambdaFunctionOverHttps.Errors;

namespace LambdaFunctionOverHttps.Configuration;

/// <summary>
/// The table an operation is to work on, or why it may not: the name is kept either way for the log.
/// </summary>
internal sealed record TableChoice(string? Name, Outcome? Refusal)
{
    /// <summary>For operations that use no table.</summary>
    public static TableChoice None { get; } = new(null, null);

    /// <summary>The envelope's table, else <c>TABLE_NAME</c>; refused when invalid or outside <c>ALLOWED_TABLES</c>.</summary>
    public static TableChoice For(string? named, string operation, FunctionSettings settings)
    {
        if ((named ?? settings.DefaultTableName) is not { } table)
        {
            return new TableChoice(null, Outcome.Failure(ErrorKind.InvalidRequest,
                $"Missing required field \"tableName\": operation {CallerText.Quote(operation)} works on a table, and no TABLE_NAME default is configured."));
        }

        if (!TablePolicy.IsValidName(table))
        {
            return new TableChoice(table, Outcome.Failure(ErrorKind.InvalidRequest,
                $"Invalid tableName {CallerText.Quote(table)}: {TablePolicy.NameRule}."));
        }

        return settings.Tables.Allows(table)
            ? new TableChoice(table, null)
            : new TableChoice(table, Outcome.Failure(ErrorKind.TableNotAllowed,
                $"Table {CallerText.Quote(table)} is not one this function may use (ALLOWED_TABLES)."));
    }
}
