using NUnit.Framework;

#pragma warning disable CA1050 // A SetUpFixture outside any namespace applies to the whole assembly.

/// <summary>
/// Keeps every test on loopback: the SDK's region and credential chains would otherwise ask the
/// EC2 instance metadata service (169.254.169.254) when nothing else answers. Child processes
/// (the packaged bootstrap, the local stack) inherit the setting.
/// </summary>
[SetUpFixture]
public sealed class LoopbackOnly
{
    [OneTimeSetUp]
    public static void DisableInstanceMetadata() => Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
}
