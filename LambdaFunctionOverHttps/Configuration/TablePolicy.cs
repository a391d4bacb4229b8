using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace LambdaFunctionOverHttps.Configuration;

/// <summary>
/// Which tables callers may name. Checked before DynamoDB is called, so a refused name never
/// leaves the function.
/// </summary>
internal sealed partial class TablePolicy
{
    /// <summary>DynamoDB's rule for table names, in the one wording every message and the docs use.</summary>
    public const string NameRule = "DynamoDB table names are 3 to 255 characters of a-z, A-Z, 0-9, '_', '-' and '.'";

    private readonly FrozenSet<string>? _allowed;

    private TablePolicy(FrozenSet<string>? allowed) => _allowed = allowed;

    /// <summary>Every table: serverless-lab's behaviour, and what an unset <c>ALLOWED_TABLES</c> means.</summary>
    public static TablePolicy AnyTable { get; } = new(null);

    public bool AllowsAnyTable => _allowed is null;

    /// <summary>The allow-list's names, in no particular order; empty when any table is allowed.</summary>
    public IReadOnlyCollection<string> Names => _allowed ?? FrozenSet<string>.Empty;

    /// <summary>Parses <c>ALLOWED_TABLES</c>: comma-separated names; unset, empty or <c>*</c> allows any.</summary>
    /// <exception cref="ConfigurationException">An entry is not a table name, so the list cannot mean what was meant.</exception>
    public static TablePolicy Parse(string? allowedTables)
    {
        var names = (allowedTables ?? "")
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0 || names.Contains("*"))
        {
            return AnyTable;
        }

        if (names.FirstOrDefault(name => !IsValidName(name)) is { } invalid)
        {
            throw new ConfigurationException($"ALLOWED_TABLES names \"{invalid}\", which is not a valid table name: {NameRule}.");
        }

        return new TablePolicy(names.ToFrozenSet(StringComparer.Ordinal));
    }

    public bool Allows(string tableName) => _allowed is null || _allowed.Contains(tableName);

    /// <summary>DynamoDB's own rule for table names: <see cref="NameRule"/>.</summary>
    public static bool IsValidName(string tableName) => TableNamePattern().IsMatch(tableName);

    // \z, not $: in .NET, $ also matches before a final newline, which would let "name\n" through.
    [GeneratedRegex(@"^[a-zA-Z0-9_.-]{3,255}\z", RegexOptions.CultureInvariant)]
    private static partial Regex TableNamePattern();
}
