namespace LambdaFunctionOverHttps.Configuration;

/// <summary>One entry of <c>RESOURCES</c>: a REST route over a table whose key is one attribute.</summary>
/// <param name="Route">The path segment: <c>/{Route}</c> and <c>/{Route}/{id}</c>.</param>
/// <param name="Table">The DynamoDB table.</param>
/// <param name="KeyAttribute">The table's partition key, its only key attribute.</param>
/// <param name="NumericKey">Whether the key is a number (<c>:N</c>); otherwise a string.</param>
internal sealed record RestResource(string Route, string Table, string KeyAttribute, bool NumericKey)
{
    /// <summary>The key's DynamoDB type, as the configuration and the docs spell it.</summary>
    public string KeyType => NumericKey ? "N" : "S";

    /// <summary>The collection's path, <c>/product</c>.</summary>
    public string CollectionPath => "/" + Route;

    /// <summary>An item's path template, <c>/product/{id}</c>.</summary>
    public string ItemPath => $"/{Route}/{{id}}";
}
