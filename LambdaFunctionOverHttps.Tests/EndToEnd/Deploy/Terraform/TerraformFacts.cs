using System.Text.RegularExpressions;
using LambdaFunctionOverHttps.Tests.EndToEnd.Deploy.CloudFormation;
using LambdaFunctionOverHttps.Tests.EndToEnd.Deploy.Model;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.Deploy.Terraform;

/// <summary>Reads <see cref="DeploymentFacts"/> from the Terraform module.</summary>
/// <remarks>
/// References become the shared vocabulary: <c>var.x</c> stays <c>${var.x}</c>; a name attribute is
/// followed to the value it was given; the attributes the AWS provider derives (a log group's
/// <c>arn</c>, a REST API's <c>execution_arn</c>, a function's <c>invoke_arn</c>, a stage's
/// <c>invoke_url</c>) are spelled out as the provider documents them; others are
/// <c>${resource_name.attribute}</c>. A <c>count</c> of <c>c ? 1 : 0</c> (or a dynamic block's
/// <c>for_each</c> of <c>c ? [1] : []</c>) is the condition <c>c</c>, with local values put in place
/// and variables as <c>${var.x}</c>.
/// </remarks>
internal sealed partial class TerraformFacts
{
    // The argument that sets the name which a resource's name attributes return.
    private static readonly Dictionary<string, string> NameArguments = new(StringComparer.Ordinal)
    {
        ["aws_dynamodb_table"] = "name",
        ["aws_lambda_function"] = "function_name",
        ["aws_cloudwatch_log_group"] = "name",
        ["aws_iam_role"] = "name",
        ["aws_api_gateway_stage"] = "stage_name",
        ["aws_api_gateway_rest_api"] = "name",
    };

    private static readonly Dictionary<string, string> Context = new(StringComparer.Ordinal)
    {
        ["data.aws_region.current.name"] = Canonical.Region,
        ["data.aws_caller_identity.current.account_id"] = Canonical.Account,
        ["data.aws_partition.current.partition"] = Canonical.Partition,
        ["data.aws_partition.current.dns_suffix"] = Canonical.UrlSuffix,
    };

    private readonly TerraformModule _module;

    private TerraformFacts(TerraformModule module) => _module = module;

    public static DeploymentFacts Read(TerraformModule module) => new TerraformFacts(module).Facts();

    private DeploymentFacts Facts()
    {
        var table = Single("aws_dynamodb_table");
        var function = Single("aws_lambda_function");
        var functionName = Render(function.At("function_name"));
        var logGroup = _module.Resources("aws_cloudwatch_log_group").Select(block => block.Body)
            .Single(group => Render(group.At("name")) == $"/aws/lambda/{functionName}");
        var roleName = ReferencedName(function.At("role"));
        var role = _module.Resource("aws_iam_role", roleName).Body;
        var resource = Single("aws_api_gateway_resource");
        var stage = Single("aws_api_gateway_stage");
        var (accessLogWhen, accessLog) = AccessLogSettings(stage);
        var account = _module.Resources("aws_api_gateway_account").Single().Body;
        var accountRoleName = ReferencedName(account.At("cloudwatch_role_arn"));
        var plan = Single("aws_api_gateway_usage_plan");
        var planKey = Single("aws_api_gateway_usage_plan_key");
        var subscription = Single("aws_sns_topic_subscription");
        var hashKey = Render(table.At("hash_key"));

        return new DeploymentFacts(
            _module.Blocks("variable").ToDictionary(variable => variable.Name, variable => variable.Body.At("default") as string),
            ParameterPatterns(),
            new TableFacts(
                Render(table.At("name")),
                hashKey,
                Render(table.At("attribute").Items().Single(attribute => Render(attribute.At("name")) == hashKey).At("type")),
                Render(table.At("billing_mode")),
                Render(Block(table, "server_side_encryption").At("enabled")),
                Render(Block(table, "point_in_time_recovery").At("enabled")),
                Render(table.At("deletion_protection_enabled"))),
            new FunctionFacts(
                functionName,
                Render(function.At("runtime")),
                Render(function.At("handler")),
                RenderAll(function.At("architectures")),
                Render(function.At("memory_size")),
                Render(function.At("timeout")),
                Render(function.At("role")),
                Block(function, "environment").At("variables").Entries().ToDictionary(entry => entry.Key, entry => Render(entry.Value), StringComparer.Ordinal),
                Render(logGroup.At("name")),
                Render(logGroup.At("retention_in_days"))),
            new RoleFacts(
                Render(role.At("name")),
                TrustedService(role),
                [.. AttachedTo("aws_iam_role_policy_attachment", roleName).Select(attachment => Render(attachment.At("policy_arn")))],
                [.. AttachedTo("aws_iam_role_policy", roleName)
                    .SelectMany(policy => PolicyDocument(policy.At("policy")).At("statement").Items())
                    .Select(statement => new PolicyStatement(Render(statement.At("effect")), RenderAll(statement.At("actions")), RenderAll(statement.At("resources"))))]),
            new ApiFacts(
                Render(Single("aws_api_gateway_rest_api").At("name")),
                Render(resource.At("parent_id")),
                Render(resource.At("path_part")),
                [.. _module.Resources("aws_api_gateway_integration").Select(block => block.Body)
                    .Select(integration => (Method: _module.Resource("aws_api_gateway_method", ReferencedName(integration.At("http_method"))).Body, Integration: integration))
                    .Select(pair => new MethodFacts(
                        Render(pair.Method.At("http_method")),
                        Render(pair.Method.At("authorization")),
                        Render(pair.Method.At("api_key_required")),
                        Render(pair.Integration.At("type")),
                        Render(pair.Integration.At("integration_http_method")),
                        Render(pair.Integration.At("uri"))))
                    .OrderBy(method => method.HttpMethod, StringComparer.Ordinal)],
                Render(stage.At("stage_name")),
                new AccessLogFacts(accessLogWhen, Render(accessLog.At("destination_arn")), CloudFormationFacts.AccessLogFields((string)accessLog.At("format")!)),
                new AccountLoggingRoleFacts(
                    When(account.At("count")),
                    TrustedService(_module.Resource("aws_iam_role", accountRoleName).Body),
                    [.. AttachedTo("aws_iam_role_policy_attachment", accountRoleName).Select(attachment => Render(attachment.At("policy_arn")))]),
                [.. _module.Resources("aws_api_gateway_method_settings").Select(block => block.Body)
                    .Where(settings => Block(settings, "settings").At("throttling_rate_limit") is not null)
                    .Select(settings => new MethodThrottleFacts(
                        Render(settings.At("method_path")),
                        Render(Block(settings, "settings").At("throttling_rate_limit")),
                        Render(Block(settings, "settings").At("throttling_burst_limit"))))],
                new UsagePlanFacts(
                    Render(Block(plan, "api_stages").At("api_id")),
                    Render(Block(plan, "api_stages").At("stage")),
                    Render(Block(plan, "throttle_settings").At("rate_limit")),
                    Render(Block(plan, "throttle_settings").At("burst_limit")),
                    Render(Block(plan, "quota_settings").At("limit")),
                    Render(Block(plan, "quota_settings").At("period")),
                    Render(planKey.At("key_type")),
                    Render(planKey.At("key_id"))),
                [.. _module.Resources("aws_lambda_permission").Select(block => block.Body)
                    .Select(permission => new InvokePermissionFacts(
                        Render(permission.At("action")),
                        Render(permission.At("function_name")),
                        Render(permission.At("principal")),
                        Render(permission.At("source_arn"))))
                    .OrderBy(permission => permission.SourceArn, StringComparer.Ordinal)],
                [.. _module.Resources("aws_api_gateway_gateway_response").Select(block => block.Body)
                    .Select(response => new GatewayResponseFacts(
                        Render(response.At("response_type")),
                        When(response.At("count")),
                        response.At("response_parameters").Entries().ToDictionary(entry => entry.Key, entry => Render(entry.Value), StringComparer.Ordinal)))
                    .OrderBy(response => response.ResponseType, StringComparer.Ordinal)]),
            new AlarmTopicFacts(Render(subscription.At("protocol")), Render(subscription.At("endpoint"))),
            _module.Resources("aws_cloudwatch_metric_alarm").Select(block => block.Body)
                .Select(alarm => new AlarmFacts(
                    Render(alarm.At("alarm_name")),
                    Render(alarm.At("namespace")),
                    Render(alarm.At("metric_name")),
                    Render(alarm.At("statistic") ?? alarm.At("extended_statistic")),
                    alarm.At("dimensions").Entries().ToDictionary(entry => entry.Key, entry => Render(entry.Value), StringComparer.Ordinal),
                    Render(alarm.At("threshold")),
                    Render(alarm.At("comparison_operator")),
                    RenderAll(alarm.At("alarm_actions"))))
                .OrderBy(alarm => alarm.Name, StringComparer.Ordinal)
                .ToList(),
            _module.Blocks("output").ToDictionary(output => output.Name, output => Render(output.Body.At("value"))));
    }

    private object? Single(string type) => _module.Resources(type).Single().Body;

    // Each variable that a validation holds to can(regex("…", var.x)), with that pattern.
    private Dictionary<string, string> ParameterPatterns() => _module.Blocks("variable")
        .SelectMany(variable => variable.Body.At("validation").Items()
            .Select(validation => RegexValidation().Match(validation.At("condition") as string ?? ""))
            .Where(match => match.Success && match.Groups[2].Value == variable.Name)
            .Select(match => (variable.Name, Pattern: WholeValue(HclEscape().Replace(match.Groups[1].Value, "$1")))))
        .ToDictionary(variable => variable.Name, variable => variable.Pattern, StringComparer.Ordinal);

    // access_log_settings as a block (always), or as a dynamic block that exists on a condition.
    private (string When, object? Settings) AccessLogSettings(object? stage) =>
        stage.At("dynamic", "access_log_settings") is { } dynamic
            ? (When(dynamic.Items().Single().At("for_each")), Block(dynamic.Items().Single(), "content"))
            : (Canonical.Always, Block(stage, "access_log_settings"));

    /// <summary>The condition of a <c>count</c> or <c>for_each</c> (nothing: always) as an expression.</summary>
    private string When(object? countOrForEach) => countOrForEach switch
    {
        null => Canonical.Always,
        string text when Conditional().Match(text) is { Success: true } match => Condition(match.Groups[1].Value),
        _ => throw new InvalidDataException($"{Tree.Describe(countOrForEach)} is not \"condition ? 1 : 0\" nor \"condition ? [1] : []\"."),
    };

    // Variables as ${var.x}; a local value replaced by its own expression, so rendered too.
    private string Condition(string expression) =>
        VariableOrLocal().Replace(expression, reference => reference.Groups[1].Value == "var"
            ? Canonical.Variable(reference.Groups[2].Value)
            : Condition(Local(reference.Groups[2].Value)));

    // A local value's expression, without its ${ }.
    private string Local(string name) =>
        _module.Files.Values.SelectMany(file => file.At("locals").Items()).Select(block => block.At(name)).OfType<string>().Single() is var text
            && text.StartsWith("${", StringComparison.Ordinal) && text.EndsWith('}') ? text[2..^1] : throw new InvalidDataException($"local.{name} is not an expression.");

    // Terraform's regex() searches; the template's AllowedPattern must match all: both as ^(?:…)$.
    private static string WholeValue(string pattern) =>
        pattern.StartsWith('^') && pattern.EndsWith('$') ? $"^(?:{pattern[1..^1]})$" : throw new InvalidDataException($"The validation regex {pattern} is not anchored at both ends.");

    // A nested block (hcl2json gives each as a list) that appears once.
    private static object? Block(object? body, string name) => body.At(name).Items().Single();

    private string TrustedService(object? role) =>
        Render(Block(PolicyDocument(role.At("assume_role_policy")).At("statement").Items().Single(), "principals").At("identifiers").Items().Single());

    // The data.aws_iam_policy_document that "${data.aws_iam_policy_document.x.json}" names.
    private object? PolicyDocument(object? json) =>
        _module.Data("aws_iam_policy_document", Traversal(json)[2]).Body;

    private IEnumerable<object?> AttachedTo(string type, string roleName) =>
        _module.Resources(type).Select(block => block.Body).Where(body => ReferencedName(body.At("role")) == roleName);

    private static string ReferencedName(object? reference) => Traversal(reference)[1];

    private static string[] Traversal(object? reference) =>
        reference is string text && WholeTraversal().Match(text) is { Success: true } match
            ? IndexPattern().Replace(match.Groups[1].Value, "").Split('.')
            : throw new InvalidDataException($"{Tree.Describe(reference)} is not a plain reference.");

    private List<string> RenderAll(object? node) => [.. node.Items().Select(Render)];

    private string Render(object? node) => node is string text
        ? SimpleTraversal().Replace(text, match => RenderTraversal(IndexPattern().Replace(match.Groups[1].Value, "")))
        : throw new InvalidDataException($"The facts reader does not render {Tree.Describe(node)}.");

    private string RenderTraversal(string path)
    {
        if (Context.TryGetValue(path, out var context))
        {
            return context;
        }

        var parts = path.Split('.');
        if (parts[0] is "var" or "data" or "local" || parts.Length < 3)
        {
            return $"${{{path}}}";
        }

        var (type, name, attribute) = (parts[0], parts[1], parts[2]);
        return (type, attribute) switch
        {
            ("aws_cloudwatch_log_group", "arn") => Canonical.LogGroupArn(NameOf(type, name)),
            ("aws_api_gateway_rest_api", "execution_arn") => Canonical.ExecutionArn(Canonical.Attribute(name, "id")),
            ("aws_lambda_function", "invoke_arn") => Canonical.LambdaInvokeUri(Canonical.Attribute(name, "arn")),
            ("aws_api_gateway_stage", "invoke_url") => Canonical.StageUrl(
                Render(_module.Resource(type, name).Body.At("rest_api_id")), NameOf(type, name)),
            _ when NameArguments.TryGetValue(type, out var argument) && (attribute == argument || attribute == "name"
                || (attribute == "id" && type is "aws_dynamodb_table" or "aws_cloudwatch_log_group" or "aws_iam_role")) => NameOf(type, name),
            _ => Canonical.Attribute(name, attribute),
        };
    }

    private string NameOf(string type, string name) =>
        _module.Resource(type, name).Body.At(NameArguments[type]) is { } value ? Render(value) : Canonical.Attribute(name, "name");

    // ${a.b.c} or ${a.b[0].c}: a reference alone, not a function call or an operator.
    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*|\[[0-9]+\])+)\}")]
    private static partial Regex SimpleTraversal();

    [GeneratedRegex(@"^\$\{([A-Za-z_][A-Za-z0-9_.\[\]]*)\}$")]
    private static partial Regex WholeTraversal();

    [GeneratedRegex(@"\[[0-9]+\]")]
    private static partial Regex IndexPattern();

    [GeneratedRegex(@"^\$\{(.+) \? (?:1 : 0|\[1\] : \[\])\}$", RegexOptions.Singleline)]
    private static partial Regex Conditional();

    [GeneratedRegex(@"\b(var|local)\.([a-z0-9_]+)")]
    private static partial Regex VariableOrLocal();

    // can(regex("pattern", var.x)), the pattern as written in HCL.
    [GeneratedRegex(@"^\$\{can\(regex\(""((?:[^""\\]|\\.)*)"", var\.([a-z0-9_]+)\)\)\}$")]
    private static partial Regex RegexValidation();

    // An escape in an HCL string: \\ is \, \"  is ".
    [GeneratedRegex(@"\\(.)")]
    private static partial Regex HclEscape();

}
