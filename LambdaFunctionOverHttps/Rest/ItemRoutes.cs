using System.Text.Json;
using Amazon.DynamoDBv2.DocumentModel;
using Amazon.DynamoDBv2.Model;
using LambdaFunctionOverHttps.Configuration;
using LambdaFunctionOverHttps.DynamoDb;
using LambdaFunctionOverHttps.Errors;
using LambdaFunctionOverHttps.Operations;
using LambdaFunctionOverHttps.Values;

namespace LambdaFunctionOverHttps.Rest;

/// <summary>
/// The one-item routes: the same Document Model calls <c>read</c>, <c>create</c>, <c>update</c> and
/// <c>delete</c> make (GetItem, PutItem, UpdateItem, DeleteItem on a table declared with the request's
/// own key), answered as REST answers: the item itself, with 201 and <c>Location</c> for a new one,
/// 204 for a delete, 404 for a missing item. Requests arrive checked (<see cref="RestRouter"/>); SDK
/// exceptions escape to the invoker's one catch, and the route's <see cref="Invocation.OperationRequest.Explain"/>
/// rewords a failed condition.
/// </summary>
internal static class ItemRoutes
{
    private const string KeyName = "#k";

    /// <summary>GET: the item, read consistently (a GET after a PUT sees it), or 404.</summary>
    public static async Task<Outcome> GetAsync(OperationCall call, RestResource resource, AttributeValue key, CancellationToken cancellationToken)
    {
        var keyMap = ItemKey.Map(resource, key);
        var table = call.TableForKey(keyMap);
        var metadata = call.DynamoDb.Metadata.Begin(call.Usage, new RequestOptions(ConsumedCapacityOption.For(null).Requested, null));
        var document = await table.GetItemAsync(new GetItemDocumentOperationRequest
        {
            Key = JsonToDynamoDb.ToEntries(keyMap),
            ConsistentRead = true,
        }, cancellationToken).ConfigureAwait(false);
        return document is null ? NotFound(resource, key, metadata.RequestId) : Outcome.Success(Json(document), metadata.RequestId);
    }

    /// <summary>POST: writes the item only if its key is free (a taken key fails the condition: 409); 201 with <c>Location</c>.</summary>
    public static async Task<Outcome> CreateAsync(
        OperationCall call, RestResource resource, Dictionary<string, AttributeValue> item, string prefix, CancellationToken cancellationToken)
    {
        var table = call.TableForItem(item);
        var metadata = call.DynamoDb.Metadata.Begin(call.Usage, new RequestOptions(ConsumedCapacityOption.For(null).Requested, null));
        await table.PutItemAsync(new PutItemDocumentOperationRequest
        {
            Document = JsonToDynamoDb.ToDocument(item),
            ConditionalExpression = KeyCondition("attribute_not_exists", resource),
        }, cancellationToken).ConfigureAwait(false);
        return Created(resource, item, prefix, metadata.RequestId);
    }

    /// <summary>PUT: creates or replaces the whole item; 201 with <c>Location</c> when there was none, 200 when one was replaced.</summary>
    public static async Task<Outcome> PutAsync(
        OperationCall call, RestResource resource, Dictionary<string, AttributeValue> item, string prefix, CancellationToken cancellationToken)
    {
        var table = call.TableForItem(item);
        var metadata = call.DynamoDb.Metadata.Begin(call.Usage, new RequestOptions(ConsumedCapacityOption.For(null).Requested, null));
        var old = await table.PutItemAsync(new PutItemDocumentOperationRequest
        {
            Document = JsonToDynamoDb.ToDocument(item),
            ReturnValues = ReturnValues.AllOldAttributes,
        }, cancellationToken).ConfigureAwait(false);
        return old is not { Count: > 0 }
            ? Created(resource, item, prefix, metadata.RequestId)
            : Outcome.Success(Json(item), metadata.RequestId);
    }

    /// <summary>
    /// PATCH: one UpdateItem that sets the body's attributes and removes those it gives as null, on
    /// the condition that the item exists, so a missing item is a 404 with nothing created, and two
    /// PATCHes of different attributes both survive (each changes only its own).
    /// </summary>
    /// <param name="call">The table and client.</param>
    /// <param name="resource">The route.</param>
    /// <param name="key">The item's key.</param>
    /// <param name="changes">The body's top-level attributes other than the key.</param>
    /// <param name="cancellationToken">The deadline.</param>
    public static async Task<Outcome> PatchAsync(
        OperationCall call, RestResource resource, AttributeValue key, IReadOnlyList<JsonProperty> changes, CancellationToken cancellationToken)
    {
        if (changes.Count == 0)
        {
            // Nothing to change, as a merge patch of {} means: the item as it is.
            return await GetAsync(call, resource, key, cancellationToken).ConfigureAwait(false);
        }

        var names = new Dictionary<string, string>(StringComparer.Ordinal) { [KeyName] = resource.KeyAttribute };
        var values = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        var set = new List<string>();
        var remove = new List<string>();
        foreach (var (change, index) in changes.Select((change, index) => (change, index)))
        {
            var name = $"#a{index}";
            names[name] = change.Name;
            if (change.Value.ValueKind == JsonValueKind.Null)
            {
                remove.Add(name);
            }
            else
            {
                values[$":v{index}"] = JsonToDynamoDb.ToAttributeValue(change.Value);
                set.Add($"{name} = :v{index}");
            }
        }

        var update = string.Join(" ", new[] { set.Count > 0 ? "SET " + string.Join(", ", set) : null, remove.Count > 0 ? "REMOVE " + string.Join(", ", remove) : null }
            .OfType<string>());
        var keyMap = ItemKey.Map(resource, key);
        var table = call.TableForKey(keyMap);
        var metadata = call.DynamoDb.Metadata.Begin(call.Usage, new RequestOptions(ConsumedCapacityOption.For(null).Requested, null));
        var document = await table.UpdateItemAsync(new UpdateItemDocumentOperationRequest
        {
            Key = JsonToDynamoDb.ToEntries(keyMap),
            // The names serve both expressions; the Document Model merges them into the request, and
            // sends no values for an empty map (a PATCH of only removals).
            UpdateExpression = Expressions.Create(update, names, values),
            ConditionalExpression = Expressions.Create($"attribute_exists({KeyName})", null, null),
            ReturnValues = ReturnValues.AllNewAttributes,
        }, cancellationToken).ConfigureAwait(false);
        return Outcome.Success(Json(document!), metadata.RequestId);
    }

    /// <summary>DELETE: 204, or 404 when there was no item (DynamoDB says so by returning no old attributes).</summary>
    public static async Task<Outcome> DeleteAsync(OperationCall call, RestResource resource, AttributeValue key, CancellationToken cancellationToken)
    {
        var keyMap = ItemKey.Map(resource, key);
        var table = call.TableForKey(keyMap);
        var metadata = call.DynamoDb.Metadata.Begin(call.Usage, new RequestOptions(ConsumedCapacityOption.For(null).Requested, null));
        var old = await table.DeleteItemAsync(new DeleteItemDocumentOperationRequest
        {
            Key = JsonToDynamoDb.ToEntries(keyMap),
            ReturnValues = ReturnValues.AllOldAttributes,
        }, cancellationToken).ConfigureAwait(false);
        return old is not { Count: > 0 } ? NotFound(resource, key, metadata.RequestId) : Outcome.Success([], metadata.RequestId, 204);
    }

    // Messages are logged, and keys never are: they name the key attribute, not its value.
    public static Outcome NotFound(RestResource resource, AttributeValue key, string? dynamoDbRequestId) => Outcome.Failure(ErrorKind.ItemNotFound,
        $"There is no item with that {CallerText.Quote(resource.KeyAttribute)} in {resource.CollectionPath}.", dynamoDbRequestId);

    /// <summary>Where the item is: the caller's own prefix (a stage, say) and the route, with the key escaped as one path segment.</summary>
    public static string Location(string prefix, RestResource resource, AttributeValue key) =>
        $"{prefix}{resource.CollectionPath}/{Uri.EscapeDataString(ItemKey.Text(key))}";

    private static Outcome Created(RestResource resource, Dictionary<string, AttributeValue> item, string prefix, string? dynamoDbRequestId) =>
        Outcome.Success(Json(item), dynamoDbRequestId, 201).WithHeader("Location", Location(prefix, resource, item[resource.KeyAttribute]));

    private static Expression KeyCondition(string function, RestResource resource) => new()
    {
        ExpressionStatement = $"{function}({KeyName})",
        ExpressionAttributeNames = new Dictionary<string, string>(StringComparer.Ordinal) { [KeyName] = resource.KeyAttribute },
    };

    private static byte[] Json(Document document) => JsonBody.Write(writer => DynamoDbJsonWriter.WriteDocument(writer, document));

    private static byte[] Json(Dictionary<string, AttributeValue> item) => JsonBody.Write(writer => DynamoDbJsonWriter.WriteAttributeMap(writer, item));
}
