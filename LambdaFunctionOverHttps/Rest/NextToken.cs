using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using LambdaFunctionOverHttps.Configuration;
using LambdaFunctionOverHttps.Errors;
using LambdaFunctionOverHttps.Values;

namespace LambdaFunctionOverHttps.Rest;

/// <summary>
/// The <c>NextToken</c> of a <c>GET /{route}</c> page: where the next page starts, opaque to the caller
/// and signed. It is base64url of a small JSON document (version, route, table, the start key) followed
/// by its HMAC-SHA256 under <c>NEXT_TOKEN_SECRET</c>, checked in constant time: a token that was changed,
/// made up, or issued for another route is refused, never turned into a scan from somewhere else.
/// </summary>
internal static class NextToken
{
    /// <summary>Far more than a token of a 2 KB string key needs; a longer one is refused before it is decoded.</summary>
    public const int MaxLength = 8192;

    private const int Version = 1;

    private const string StartAgain = "start again from the first page, without nextToken";

    public static string Issue(byte[] secret, RestResource resource, Dictionary<string, AttributeValue> startKey)
    {
        var payload = JsonBody.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("v", Version);
            writer.WriteString("r", resource.Route);
            writer.WriteString("t", resource.Table);
            writer.WritePropertyName("k");
            DynamoDbJsonWriter.WriteAttributeMap(writer, startKey);
            writer.WriteEndObject();
        });
        return Base64Url.EncodeToString([.. payload, .. HMACSHA256.HashData(secret, payload)]);
    }

    /// <summary>The start key a token stands for, or the 400 to answer.</summary>
    public static (Dictionary<string, AttributeValue>? StartKey, Outcome? Problem) Read(byte[] secret, RestResource resource, string token)
    {
        const int MacBytes = HMACSHA256.HashSizeInBytes;
        if (token.Length > MaxLength || !Base64Url.IsValid(token, out var length) || length <= MacBytes)
        {
            return Refused($"The nextToken is not one this API issued: {StartAgain}.");
        }

        var bytes = Base64Url.DecodeFromChars(token);
        var payload = bytes.AsSpan(0, bytes.Length - MacBytes);
        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(secret, payload), bytes.AsSpan(bytes.Length - MacBytes)))
        {
            return Refused($"The nextToken is not one this API issued, or it was changed (tokens also end when NEXT_TOKEN_SECRET changes): {StartAgain}.");
        }

        // Signed by this API, so well-formed; what remains to check is that it is for this route and key.
        using var document = JsonDocument.Parse(payload.ToArray());
        var root = document.RootElement;
        // The version first: another version's document may not have the fields read after it.
        if (root.GetProperty("v").GetInt32() != Version)
        {
            return Refused($"The nextToken was issued by another version of this API: {StartAgain}.");
        }

        var route = root.GetProperty("r").GetString();
        if (route != resource.Route)
        {
            return Refused($"The nextToken belongs to GET /{CallerText.Bounded(route)}, not GET {resource.CollectionPath}: a page's token only continues its own route; {StartAgain}.");
        }

        if (root.GetProperty("t").GetString() != resource.Table)
        {
            return Refused($"The nextToken was issued when {resource.CollectionPath} read another table: {StartAgain}.");
        }

        var key = root.GetProperty("k");
        if (!key.TryGetProperty(resource.KeyAttribute, out var value) || ItemKey.FromJson(resource, value).Problem is not null)
        {
            return Refused($"The nextToken was issued when {resource.CollectionPath} had another key: {StartAgain}.");
        }

        return (JsonToDynamoDb.ToAttributeMap(key), null);
    }

    private static (Dictionary<string, AttributeValue>?, Outcome?) Refused(string message) => (null, Outcome.Failure(ErrorKind.InvalidRequest, message));
}
