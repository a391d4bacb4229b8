using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace DynamoDbManager.Local.Http;

/// <summary>API Gateway's API key requirement: the <c>x-api-key</c> header must carry the key.</summary>
internal sealed class ApiKeyCheck
{
    public const string HeaderName = "x-api-key";

    // Comparing digests keeps the time taken independent of where, or whether by length, a wrong
    // key differs from the right one.
    private readonly byte[]? _expectedDigest;

    public ApiKeyCheck(string? apiKey) =>
        _expectedDigest = string.IsNullOrEmpty(apiKey) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(apiKey));

    public bool IsRequired => _expectedDigest is not null;

    public bool Accepts(IHeaderDictionary headers)
    {
        if (_expectedDigest is null)
        {
            return true;
        }

        // Header names are case-insensitive in HTTP, and so is this lookup; the key itself is not.
        var presented = headers[HeaderName];
        return presented.Count == 1 && presented[0] is { } key
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(key)), _expectedDigest);
    }
}
