using System.Security.Cryptography;
using LambdaFunctionOverHttps.Configuration;

namespace DynamoDbManager.Local.Startup;

/// <summary>
/// The function's REST routes, as Lambda would give them: <c>RESOURCES</c> from the options, and a
/// <c>NEXT_TOKEN_SECRET</c> to sign paging tokens with, made for this run unless one is set.
/// </summary>
internal static class RestEnvironment
{
    /// <summary>Sets the variables; returns whether the secret was made for this run (so tokens do not outlive it).</summary>
    /// <param name="resources">The routes; null for none.</param>
    /// <param name="read">Reads a variable (the process environment, in the stack).</param>
    /// <param name="write">Sets one.</param>
    public static bool Apply(string? resources, Func<string, string?> read, Action<string, string?> write)
    {
        // Always written, so the function's routes are the options' even when --resources replaced the environment's.
        write(RestResources.Variable, resources);
        if (resources is null || (read(RestResources.SecretVariable)?.Trim().Length ?? 0) >= RestResources.MinSecretLength)
        {
            return false;
        }

        // 48 random bytes, base64url: 64 characters, as `openssl rand -base64 48` gives.
        write(RestResources.SecretVariable, Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).TrimEnd('=').Replace('+', '-').Replace('/', '_'));
        return true;
    }
}
