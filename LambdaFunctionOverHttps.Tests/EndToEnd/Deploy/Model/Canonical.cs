using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.Deploy.Model;

/// <summary>The shared vocabulary of <see cref="DeploymentFacts"/>: names, context and derived ARNs.</summary>
internal static partial class Canonical
{
    public const string Region = "${region}";
    public const string Account = "${account}";
    public const string Partition = "${partition}";
    public const string UrlSuffix = "${url_suffix}";

    /// <summary>The condition of what exists whatever the parameters.</summary>
    public const string Always = "always";

    /// <summary>The condition of what is never there (a switch that is off).</summary>
    public const string Never = "never";

    /// <summary>The condition of what exists once for each entry of <c>resources</c>.</summary>
    public const string EachResource = "each resource";

    /// <summary>An entry of <c>resources</c>, route=table:key:key_type, in terms of its parts.</summary>
    public const string ResourceEntry = "${resource.route}=${resource.table}:${resource.key}:${resource.key_type}";

    /// <summary>A list item repeated for each entry of <c>resources</c>.</summary>
    public static string ForEachResource(string item) => $"{item} for each resource";

    /// <summary>A value chosen by a condition, written as Terraform writes it.</summary>
    public static string Choice(string condition, string whenTrue, string whenFalse) => $"{condition} ? {whenTrue} : {whenFalse}";

    public static string Variable(string name) => $"${{var.{name}}}";

    public static string Attribute(string resource, string attribute) => $"${{{resource}.{attribute}}}";

    /// <summary>A log group's ARN as IAM and API Gateway see it, without CloudFormation's trailing <c>:*</c>.</summary>
    public static string LogGroupArn(string name) => $"arn:{Partition}:logs:{Region}:{Account}:log-group:{name}";

    /// <summary>The execute-api ARN of a REST API: what a Lambda permission's source ARN starts with.</summary>
    public static string ExecutionArn(string restApiId) => $"arn:{Partition}:execute-api:{Region}:{Account}:{restApiId}";

    /// <summary>The URI API Gateway invokes a Lambda function by.</summary>
    public static string LambdaInvokeUri(string functionArn) =>
        $"arn:{Partition}:apigateway:{Region}:lambda:path/2015-03-31/functions/{functionArn}/invocations";

    public static string StageUrl(string restApiId, string stageName) => $"https://{restApiId}.execute-api.{Region}.{UrlSuffix}/{stageName}";

    /// <summary>A JSON text written compactly, so that two formats' layouts compare equal; a text that is not JSON as it is.</summary>
    public static string Json(string text)
    {
        try
        {
            return JsonNode.Parse(text)?.ToJsonString() ?? text;
        }
        catch (JsonException)
        {
            return text;
        }
    }

    /// <summary>CloudFormation's PascalCase names as Terraform's snake_case: <c>DurationP99ThresholdMs</c> → <c>duration_p99_threshold_ms</c>.</summary>
    public static string SnakeCase(string pascal)
    {
        var snake = new StringBuilder();
        for (var i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0 && !char.IsUpper(pascal[i - 1]))
            {
                snake.Append('_');
            }

            snake.Append(char.ToLowerInvariant(pascal[i]));
        }

        return snake.ToString();
    }

    /// <summary>
    /// A value as a deployment without resources has it (resources = "", the default): a list item for
    /// each resource is not there, and a choice on whether there are resources takes its other value.
    /// </summary>
    public static string WithoutResources(string value) =>
        WithoutResourceChoice().Match(value) is { Success: true } choice ? choice.Groups[1].Value
        : value.Replace("," + ForEachResource("${resource.table}"), "", StringComparison.Ordinal);

    /// <summary>Puts parameter defaults in place of <c>${var.x}</c>: what a deployment with no settings gets.</summary>
    public static string WithDefaults(string text, IReadOnlyDictionary<string, string?> defaults) =>
        VariablePattern().Replace(text, match => defaults.TryGetValue(match.Groups[1].Value, out var value) && value is not null ? value : match.Value);

    [GeneratedRegex(@"\$\{var\.([a-z0-9_]+)\}")]
    private static partial Regex VariablePattern();

    // "" != "" ? a : "b", once the default resources ("") is in place.
    [GeneratedRegex(@"^(?:"""")? != """" \? .* : ""(.*)""$")]
    private static partial Regex WithoutResourceChoice();
}
