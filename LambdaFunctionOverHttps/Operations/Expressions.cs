using Amazon.DynamoDBv2.DocumentModel;
using Amazon.DynamoDBv2.Model;
using LambdaFunctionOverHttps.Values;

namespace LambdaFunctionOverHttps.Operations;

/// <summary>
/// boto3 takes one <c>ExpressionAttributeNames</c>/<c>ExpressionAttributeValues</c> pair shared by all
/// of a request's expressions; the Document Model hangs them on each <see cref="Expression"/> and
/// merges them into the request, so attaching them to one expression serves all.
/// </summary>
internal static class Expressions
{
    public static Expression? Create(string? statement, Dictionary<string, string>? names, Dictionary<string, AttributeValue>? values)
    {
        if (statement is null)
        {
            return null;
        }

        var expression = new Expression { ExpressionStatement = statement };
        // Empty dictionaries must stay unset: DynamoDB refuses an empty ExpressionAttributeValues.
        if (names is not null)
        {
            expression.ExpressionAttributeNames = names;
        }

        if (values is not null)
        {
            expression.ExpressionAttributeValues = JsonToDynamoDb.ToEntries(values);
        }

        return expression;
    }

    /// <summary>Refuses names or values that no expression of the request could use.</summary>
    public static void RequireStatement(PayloadReader payload, object? names, object? values, params string?[] statements)
    {
        if ((names is not null || values is not null) && statements.All(statement => statement is null))
        {
            payload.Refuse("ExpressionAttributeNames and ExpressionAttributeValues can only be given with an expression parameter.");
        }
    }

    private static readonly string[] ReturnValuesNames = ["NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"];

    public static ReturnValues ReadReturnValues(PayloadReader payload) => payload.OneOf("ReturnValues", ReturnValuesNames) switch
    {
        "ALL_OLD" => ReturnValues.AllOldAttributes,
        "UPDATED_OLD" => ReturnValues.UpdatedOldAttributes,
        "ALL_NEW" => ReturnValues.AllNewAttributes,
        "UPDATED_NEW" => ReturnValues.UpdatedNewAttributes,
        _ => ReturnValues.None,
    };
}
