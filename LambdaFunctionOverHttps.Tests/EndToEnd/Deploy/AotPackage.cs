using System.Text.RegularExpressions;
using LambdaFunctionOverHttps.Tests.Support;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.Deploy;

/// <summary>
/// What deploy/package.sh builds into artifacts/lambda-aot.zip, read from the script itself, so
/// that a deployment that disagrees with the build (another architecture, another executable name)
/// fails a test rather than the first invocation.
/// </summary>
internal sealed partial record AotPackage(string ZipPath, string RuntimeIdentifier, string Executable, string GlibcCeiling)
{
    public static AotPackage FromPackageScript()
    {
        var script = File.ReadAllText(RepositoryRoot.Combine("deploy", "package.sh"));
        var zip = AotZip().Match(script);
        return new AotPackage(
            $"artifacts/{zip.Groups[1].Value}",
            Single(AotPublish(), script),
            zip.Groups[2].Value,
            Single(GlibcCheck(), script));
    }

    /// <summary>The Lambda architecture of the runtime identifier the AOT build targets.</summary>
    public string Architecture => RuntimeIdentifier switch
    {
        "linux-x64" => "x86_64",
        "linux-arm64" => "arm64",
        _ => throw new InvalidDataException($"package.sh builds for {RuntimeIdentifier}, which Lambda does not run."),
    };

    private static string Single(Regex pattern, string script) =>
        pattern.Match(script) is { Success: true } match ? match.Groups[1].Value
            : throw new InvalidDataException($"deploy/package.sh no longer matches {pattern}: update {nameof(AotPackage)}.");

    [GeneratedRegex(@"dotnet publish .* -r (\S+) -p:PublishAot=true")]
    private static partial Regex AotPublish();

    [GeneratedRegex(@"zip -q -X ""\$artifacts/(lambda-aot\.zip)"" (\S+)\)")]
    private static partial Regex AotZip();

    [GeneratedRegex(@"!= ""(GLIBC_[0-9.]+)""")]
    private static partial Regex GlibcCheck();
}
