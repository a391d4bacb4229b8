using System.Security.Cryptography;

namespace LambdaFunctionOverHttps.DynamoDb;

/// <summary>
/// Loads the platform's crypto library (OpenSSL on Linux) on a thread-pool thread while the caller
/// goes on with the first event. Every DynamoDB request is signed with HMAC-SHA256 (and in AWS
/// travels over TLS), so the first one waits for <c>libssl</c> and <c>libcrypto</c> to be loaded,
/// relocated and initialised, a visible share of a cold invoke, which this overlaps with parsing the
/// event and setting up the SDK's pipeline (what it bought: docs/performance.md, "What each change bought").
/// </summary>
/// <remarks>
/// Start it once the event is known, not earlier: while <c>dlopen</c> runs it holds glibc's loader
/// lock, which the runtime's own start-up threads wait on, so starting it at process start made
/// the custom runtime's init longer (docs/performance.md).
/// </remarks>
internal static class CryptoWarmUp
{
    /// <summary>Starts the load and returns at once. A failure is left for the first real request to report.</summary>
    public static void Start() => ThreadPool.UnsafeQueueUserWorkItem(static _ => Load(), null);

    private static void Load()
    {
        try
        {
            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(key: [1], source: [1], mac);
        }
        catch (CryptographicException)
        {
            // No usable crypto library: the request that needs one fails with the SDK's own error.
        }
        catch (DllNotFoundException)
        {
        }
        catch (TypeInitializationException)
        {
        }
    }
}
