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
        // Stryker disable once Statement,Block : equivalent, the Document Model sends an Expression without a statement as none (docs/testing.md, "Equivalent mutants")
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
}
