namespace LambdaFunctionOverHttps.Operations;

/// <summary>
/// A read of many items matches each returned item to its key by the key attributes, so they
/// must come back even when the caller's <c>ProjectionExpression</c> leaves them out: they are
/// added to the projection sent, and taken out of each item again before it is answered.
/// </summary>
internal static class KeyProjection
{
    private const string Placeholder = "#batchKey";

    /// <param name="projection">The caller's <c>ProjectionExpression</c>, or null (every attribute comes back).</param>
    /// <param name="names">The caller's <c>ExpressionAttributeNames</c>.</param>
    /// <param name="keyNames">The key attribute names.</param>
    /// <returns>What to send, and the key attributes added to it, to take out of the items.</returns>
    public static (string? Projection, Dictionary<string, string>? Names, IReadOnlyList<string> Added) WithKeys(
        string? projection, Dictionary<string, string>? names, IReadOnlyList<string> keyNames)
    {
        if (projection is null)
        {
            return (null, names, []);
        }

        // A projection is document paths separated by commas; a path's first element is a top-level
        // attribute, by name or by #placeholder. Names in an expression cannot hold commas, dots or brackets.
        var projected = projection.Split(',')
            .Select(path => path.Trim())
            .Select(path => path[..(path.IndexOfAny(['.', '[']) is var end and >= 0 ? end : path.Length)].Trim())
            .Select(first => names is not null && names.TryGetValue(first, out var name) ? name : first)
            .ToHashSet(StringComparer.Ordinal);
        var added = keyNames.Where(name => !projected.Contains(name)).ToList();
        if (added.Count == 0)
        {
            return (projection, names, added);
        }

        var sentNames = names is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(names, StringComparer.Ordinal);
        var paths = new List<string> { projection };
        foreach (var name in added)
        {
            var placeholder = Placeholder;
            for (var suffix = 0; sentNames.ContainsKey(placeholder); suffix++)
            {
                placeholder = $"{Placeholder}{suffix}";
            }

            sentNames[placeholder] = name;
            paths.Add(placeholder);
        }

        return (string.Join(", ", paths), sentNames, added);
    }
}
