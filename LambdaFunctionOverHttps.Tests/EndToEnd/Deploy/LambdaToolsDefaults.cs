using System.Globalization;
using System.Text.Json;
using LambdaFunctionOverHttps.Tests.Support;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.Deploy;

/// <summary>The settings LambdaFunctionOverHttps/aws-lambda-tools-defaults.json gives <c>dotnet lambda deploy-function</c>.</summary>
internal sealed record LambdaToolsDefaults(
    string FunctionName, string FunctionRole, string Architecture, string MemorySize, string Timeout,
    IReadOnlyDictionary<string, string> Environment)
{
    public static LambdaToolsDefaults Read()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("LambdaFunctionOverHttps", "aws-lambda-tools-defaults.json")));
        var root = document.RootElement;
        string Text(string name) => root.GetProperty(name).ValueKind == JsonValueKind.Number
            ? root.GetProperty(name).GetInt32().ToString(CultureInfo.InvariantCulture)
            : root.GetProperty(name).GetString()!;

        // "A=1;B=2", as Amazon.Lambda.Tools takes environment variables.
        var environment = Text("environment-variables").Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
        return new LambdaToolsDefaults(Text("function-name"), Text("function-role"), Text("function-architecture"),
            Text("function-memory-size"), Text("function-timeout"), environment);
    }
}
