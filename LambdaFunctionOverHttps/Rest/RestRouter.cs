using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using LambdaFunctionOverHttps.Configuration;
using LambdaFunctionOverHttps.Errors;
using LambdaFunctionOverHttps.Invocation;
using LambdaFunctionOverHttps.Operations;

namespace LambdaFunctionOverHttps.Rest;

/// <summary>
/// Turns a REST request into the work of one route, on the route's table, with every refusal made
/// before DynamoDB is called: an unknown path (404), a method the path does not have (405 with
/// <c>Allow</c>), an unknown query parameter, a bad id, limit, token or body (400). What runs is the
/// same DynamoDB call an operation of the envelope makes (<see cref="ItemRoutes"/>, <see cref="PageRoute"/>),
/// and its answer goes through the same limits, errors and log line.
/// </summary>
internal static class RestRouter
{
    /// <param name="request">The REST request.</param>
    /// <param name="early">An answer already given (CORS, or a body that is not JSON); then nothing runs.</param>
    /// <param name="body">The body, parsed; null when there is none.</param>
    /// <param name="settings">The configuration, with the routes and the token's secret.</param>
    public static OperationRequest Resolve(RestRequest request, Outcome? early, JsonElement? body, FunctionSettings settings)
    {
        var (name, table) = (request.Name, request.Resource?.Table);
        if ((early ?? Refusal(request, settings.Resources)) is { } refusal)
        {
            return OperationRequest.ForRoute(name, table, refusal);
        }

        var resource = request.Resource!;
        AttributeValue? pathKey = null;
        if (request.Target == RestTarget.Item)
        {
            (pathKey, var problem) = ItemKey.FromText(resource, request.Id!, "id in the path");
            if (problem is not null)
            {
                return OperationRequest.ForRoute(name, table, problem);
            }
        }

        return (request.Target, request.Method) switch
        {
            (RestTarget.Health, _) => Run(request, (call, deadline) => HealthRoute.RunAsync(call, settings.Resources, deadline)),
            (RestTarget.Collection, "GET") => Get(request, resource, settings.Resources.TokenKey),
            (RestTarget.Collection, "POST") => Create(request, resource, body),
            (_, "PUT") => Put(request, resource, body, pathKey), // a collection's PUT has no path key
            (RestTarget.Item, "GET") => Run(request, (call, deadline) => ItemRoutes.GetAsync(call, resource, pathKey!, deadline)),
            (RestTarget.Item, "PATCH") => Patch(request, resource, body, pathKey!),
            _ => Run(request, (call, deadline) => ItemRoutes.DeleteAsync(call, resource, pathKey!, deadline)),
        };
    }

    /// <summary>Every path and method the routes serve, as API Gateway would list them; the OpenAPI document and its tests read this.</summary>
    public static IEnumerable<(string Path, IReadOnlyList<string> Methods)> Routes(RestResources resources)
    {
        if (resources.IsEmpty)
        {
            yield break;
        }

        yield return ("/health", ["GET"]);
        foreach (var resource in resources.All)
        {
            yield return (resource.CollectionPath, ["GET", "POST", "PUT"]);
            yield return (resource.ItemPath, ["GET", "PUT", "PATCH", "DELETE"]);
        }
    }

    // The refusals every route makes alike: the path, the method, the query parameters.
    private static Outcome? Refusal(RestRequest request, RestResources resources)
    {
        if (request.Target == RestTarget.NotFound)
        {
            // Not the path itself: it may hold a key, and messages are logged.
            return Outcome.Failure(ErrorKind.RouteNotFound, "The path is no route of this API. The routes are /dynamodbmanager (POST), /health, "
                + string.Join(", ", resources.All.Select(resource => $"{resource.CollectionPath}, {resource.ItemPath}")) + ".");
        }

        var methods = request.AllowedMethods.Split(", ");
        if (!methods.Contains(request.Method, StringComparer.Ordinal))
        {
            return Outcome.Failure(ErrorKind.MethodNotAllowed, $"{request.Template} does not take {CallerText.Quote(request.Method)}; it takes {request.AllowedMethods}.")
                .WithHeader("Allow", request.AllowedMethods);
        }

        var taken = (request.Target, request.Method) == (RestTarget.Collection, "GET")
            ? [request.Resource!.KeyAttribute, .. RestResources.PageParameters]
            : Array.Empty<string>();
        if (request.Query.Keys.FirstOrDefault(parameter => !taken.Contains(parameter, StringComparer.Ordinal)) is { } unknown)
        {
            return Outcome.Failure(ErrorKind.InvalidRequest, taken.Length == 0
                ? $"Unknown query parameter {CallerText.Quote(unknown)}: {request.Name} takes none."
                : $"Unknown query parameter {CallerText.Quote(unknown)}: {request.Name} takes {string.Join(", ", taken)}.");
        }

        return null;
    }

    // GET /{route}: one item by its key in the query (seed 001's existence check), else a page.
    private static OperationRequest Get(RestRequest request, RestResource resource, byte[] secret)
    {
        if (request.Query.TryGetValue(resource.KeyAttribute, out var id))
        {
            if (RestResources.PageParameters.FirstOrDefault(request.Query.ContainsKey) is { } paging)
            {
                return Refused(request, $"GET {resource.CollectionPath} takes either {resource.KeyAttribute} (one item) or limit and nextToken (a page), not {resource.KeyAttribute} and {paging}.");
            }

            var (key, problem) = ItemKey.FromText(resource, id, $"query parameter {resource.KeyAttribute}");
            return problem is not null
                ? OperationRequest.ForRoute(request.Name, resource.Table, problem)
                : Run(request, (call, deadline) => ItemRoutes.GetAsync(call, resource, key!, deadline));
        }

        var limit = PageRoute.DefaultLimit;
        if (request.Query.TryGetValue("limit", out var limitText)
            && !(limitText.All(char.IsAsciiDigit) && int.TryParse(limitText, out limit) && limit is >= 1 and <= PageRoute.MaxLimit))
        {
            return Refused(request, $"Invalid query parameter limit {CallerText.Quote(limitText)}: a whole number from 1 to {PageRoute.MaxLimit} (default {PageRoute.DefaultLimit}).");
        }

        Dictionary<string, AttributeValue>? start = null;
        if (request.Query.TryGetValue("nextToken", out var token))
        {
            (start, var problem) = NextToken.Read(secret, resource, token);
            if (problem is not null)
            {
                return OperationRequest.ForRoute(request.Name, resource.Table, problem);
            }
        }

        return Run(request, (call, deadline) => PageRoute.RunAsync(call, resource, limit, start, secret, deadline));
    }

    // POST /{route}: the body's key, or a new UUID for a string key; the write fails if the key is taken.
    private static OperationRequest Create(RestRequest request, RestResource resource, JsonElement? body)
    {
        var (item, problem) = ItemFrom(body, "the item", resource, pathKey: null, create: true);
        if (problem is not null)
        {
            return OperationRequest.ForRoute(request.Name, resource.Table, problem);
        }

        return Run(request, (call, deadline) => ItemRoutes.CreateAsync(call, resource, item!, request.Prefix, deadline),
            outcome => IsConditionFailure(outcome) ? AlreadyExists(resource, outcome.DynamoDbRequestId) : outcome);
    }

    // PUT /{route} (the key in the body; no path key) and PUT /{route}/{id} (the key in the path; one in the body must match it).
    private static OperationRequest Put(RestRequest request, RestResource resource, JsonElement? body, AttributeValue? pathKey)
    {
        var (item, problem) = ItemFrom(body, "the whole item", resource, pathKey, create: false);
        return problem is not null
            ? OperationRequest.ForRoute(request.Name, resource.Table, problem)
            : Run(request, (call, deadline) => ItemRoutes.PutAsync(call, resource, item!, request.Prefix, deadline));
    }

    // PATCH /{route}/{id}: the body's top-level attributes, null removing one; the key may be repeated, not changed.
    private static OperationRequest Patch(RestRequest request, RestResource resource, JsonElement? body, AttributeValue key)
    {
        var (value, problem) = RestItem.Read(body, "the attributes to change, null to remove one");
        // Read refuses anything but an object, so the body is one when there is no problem yet.
        problem ??= KeyProblem(value, resource, key, "PATCH") ?? RestItem.ToItem(value).Problem;
        if (problem is not null)
        {
            return OperationRequest.ForRoute(request.Name, resource.Table, problem);
        }

        var changes = value.EnumerateObject().Where(property => property.Name != resource.KeyAttribute).ToList();
        return Run(request, (call, deadline) => ItemRoutes.PatchAsync(call, resource, key, changes, deadline), outcome =>
            IsConditionFailure(outcome) ? ItemRoutes.NotFound(resource, key, outcome.DynamoDbRequestId) : outcome);
    }

    private static (Dictionary<string, AttributeValue>? Item, Outcome? Problem) ItemFrom(
        JsonElement? body, string what, RestResource resource, AttributeValue? pathKey, bool create)
    {
        var (value, problem) = RestItem.Read(body, what);
        if (problem is not null)
        {
            return (null, problem);
        }

        AttributeValue key;
        if (pathKey is not null)
        {
            if (KeyProblem(value, resource, pathKey, "PUT") is { } mismatch)
            {
                return (null, mismatch);
            }

            key = pathKey;
        }
        else if (value.TryGetProperty(resource.KeyAttribute, out var given))
        {
            (var parsed, problem) = ItemKey.FromJson(resource, given);
            if (problem is not null)
            {
                return (null, problem);
            }

            key = parsed!;
        }
        else if (!create || resource.NumericKey)
        {
            // POST makes a key only for a string key; PUT never does.
            return (null, Outcome.Failure(ErrorKind.InvalidRequest, create
                ? $"The item has no {CallerText.Quote(resource.KeyAttribute)}: it is the key, and a number key is not generated (no number is sure to be unused "
                    + "without a counter DynamoDB would have to keep); send the key in the body."
                : $"The item has no {CallerText.Quote(resource.KeyAttribute)}: it is the key; send it in the body, or use PUT {resource.ItemPath}."));
        }
        else
        {
            key = new AttributeValue { S = Guid.NewGuid().ToString() };
        }

        (var item, problem) = RestItem.ToItem(value);
        if (problem is not null)
        {
            return (null, problem);
        }

        // The key first, as a caller reads the answer.
        Dictionary<string, AttributeValue> keyed = new(StringComparer.Ordinal) { [resource.KeyAttribute] = key };
        foreach (var (name, attribute) in item!.Where(attribute => attribute.Key != resource.KeyAttribute))
        {
            keyed[name] = attribute;
        }

        return (keyed, null);
    }

    // A key attribute in a body that names its item by the path: it may be repeated, as the same value.
    private static Outcome? KeyProblem(JsonElement body, RestResource resource, AttributeValue pathKey, string method)
    {
        if (!body.TryGetProperty(resource.KeyAttribute, out var given))
        {
            return null;
        }

        var (bodyKey, problem) = ItemKey.FromJson(resource, given);
        if (problem is not null)
        {
            return problem;
        }

        return ItemKey.Same(bodyKey!, pathKey) ? null : Outcome.Failure(ErrorKind.InvalidRequest,
            $"The body's {CallerText.Quote(resource.KeyAttribute)} does not match the path's id: {method} {resource.ItemPath} changes the item the path names, and a key cannot change "
            + "(DELETE the item and PUT it under its new key).");
    }

    private static OperationRequest Run(RestRequest request, Func<OperationCall, CancellationToken, Task<Outcome>> work, Func<Outcome, Outcome>? explain = null) =>
        OperationRequest.ForRoute(request.Name, request.Resource?.Table, refusal: null, work, explain);

    private static OperationRequest Refused(RestRequest request, string message) =>
        OperationRequest.ForRoute(request.Name, request.Resource?.Table, Outcome.Failure(ErrorKind.InvalidRequest, message));

    private static Outcome AlreadyExists(RestResource resource, string? dynamoDbRequestId) => Outcome.Failure(ErrorKind.ItemAlreadyExists,
        $"An item with that {CallerText.Quote(resource.KeyAttribute)} already exists in {resource.CollectionPath}; nothing was written. "
        + $"PUT {resource.ItemPath} replaces it, PATCH changes some of its attributes.", dynamoDbRequestId);

    private static bool IsConditionFailure(Outcome outcome) => outcome.Error?.Type == nameof(ConditionalCheckFailedException);
}
