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
/// <c>${resource_name.attribute}</c>.
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
        var method = Single("aws_api_gateway_method");
        var integration = Single("aws_api_gateway_integration");
        var stage = Single("aws_api_gateway_stage");
        var plan = Single("aws_api_gateway_usage_plan");
        var planKey = Single("aws_api_gateway_usage_plan_key");
        var permission = Single("aws_lambda_permission");
        var subscription = Single("aws_sns_topic_subscription");
        var hashKey = Render(table.At("hash_key"));

        return new DeploymentFacts(
            _module.Blocks("variable").ToDictionary(variable => variable.Name, variable => variable.Body.At("default") as string),
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
                Render(Block(PolicyDocument(role.At("assume_role_policy")).At("statement").Items().Single(), "principals").At("identifiers").Items().Single()),
                [.. AttachedTo("aws_iam_role_policy_attachment", roleName).Select(attachment => Render(attachment.At("policy_arn")))],
                [.. AttachedTo("aws_iam_role_policy", roleName)
                    .SelectMany(policy => PolicyDocument(policy.At("policy")).At("statement").Items())
                    .Select(statement => new PolicyStatement(Render(statement.At("effect")), RenderAll(statement.At("actions")), RenderAll(statement.At("resources"))))]),
            new ApiFacts(
                Render(Single("aws_api_gateway_rest_api").At("name")),
                Render(resource.At("parent_id")),
                Render(resource.At("path_part")),
                Render(method.At("http_method")),
                Render(method.At("authorization")),
                Render(method.At("api_key_required")),
                Render(integration.At("type")),
                Render(integration.At("integration_http_method")),
                Render(integration.At("uri")),
                Render(stage.At("stage_name")),
                Render(Block(stage, "access_log_settings").At("destination_arn")),
                CloudFormationFacts.AccessLogFields((string)Block(stage, "access_log_settings").At("format")!),
                new UsagePlanFacts(
                    Render(Block(plan, "api_stages").At("api_id")),
                    Render(Block(plan, "api_stages").At("stage")),
                    Render(Block(plan, "throttle_settings").At("rate_limit")),
                    Render(Block(plan, "throttle_settings").At("burst_limit")),
                    Render(Block(plan, "quota_settings").At("limit")),
                    Render(Block(plan, "quota_settings").At("period")),
                    Render(planKey.At("key_type")),
                    Render(planKey.At("key_id"))),
                new InvokePermissionFacts(
                    Render(permission.At("action")),
                    Render(permission.At("function_name")),
                    Render(permission.At("principal")),
                    Render(permission.At("source_arn")))),
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

    // A nested block (hcl2json gives each as a list) that appears once.
    private static object? Block(object? body, string name) => body.At(name).Items().Single();

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
}
