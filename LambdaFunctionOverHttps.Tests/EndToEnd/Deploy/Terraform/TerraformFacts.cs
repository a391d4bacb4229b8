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
/// and variables as <c>${var.x}</c>. A <c>for_each</c> of <c>local.resources</c> is
/// <see cref="Canonical.EachResource"/>, its <c>each.key</c> and <c>each.value.x</c> the entry's route
/// and parts (<c>${resource.route}</c>, <c>${resource.x}</c>); a <c>for_each</c> of another local map
/// or a set of strings makes one instance of the block per entry.
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
        ["aws_cloudwatch_dashboard"] = "dashboard_name",
    };

    // each.key and each.value.x in a block for each entry of local.resources.
    private static readonly Dictionary<string, string> EachResource = new(StringComparer.Ordinal)
    {
        ["each.key"] = "${resource.route}",
        ["each.value.table"] = "${resource.table}",
        ["each.value.key"] = "${resource.key}",
        ["each.value.key_type"] = "${resource.key_type}",
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
        var table = _module.Resources("aws_dynamodb_table").Single(block => block.Body.At("for_each") is null).Body;
        var function = Single("aws_lambda_function");
        var functionName = Render(function.At("function_name"));
        var logGroup = _module.Resources("aws_cloudwatch_log_group").Select(block => block.Body)
            .Single(group => Render(group.At("name")) == $"/aws/lambda/{functionName}");
        var roleName = ReferencedName(function.At("role"));
        var role = _module.Resource("aws_iam_role", roleName).Body;
        var stage = Single("aws_api_gateway_stage");
        var (accessLogWhen, accessLog) = AccessLogSettings(stage);
        var account = _module.Resources("aws_api_gateway_account").Single().Body;
        var accountRoleName = ReferencedName(account.At("cloudwatch_role_arn"));
        var plan = Single("aws_api_gateway_usage_plan");
        var planKey = Single("aws_api_gateway_usage_plan_key");
        var subscription = Single("aws_sns_topic_subscription");
        var dashboard = Single("aws_cloudwatch_dashboard");
        var hashKey = Render(table.At("hash_key"));

        return new DeploymentFacts(
            _module.Blocks("variable").ToDictionary(variable => variable.Name, variable => variable.Body.At("default") as string),
            ParameterPatterns(),
            ParameterRanges(),
            ParameterChoices(),
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
                Block(function, "environment").At("variables").Entries().ToDictionary(entry => entry.Key, entry => RenderEnvironment(entry.Value), StringComparer.Ordinal),
                Render(logGroup.At("name")),
                Render(logGroup.At("retention_in_days")),
                Render(Block(function, "tracing_config").At("mode"))),
            new RoleFacts(
                Render(role.At("name")),
                TrustedService(role),
                [.. AttachedTo("aws_iam_role_policy_attachment", roleName).Select(attachment => Render(attachment.At("policy_arn")))],
                [.. AttachedTo("aws_iam_role_policy", roleName).Where(policy => policy.At("for_each") is null)
                    .SelectMany(policy => Statements(policy.At("policy")))]),
            new ApiFacts(
                Render(Single("aws_api_gateway_rest_api").At("name")),
                [.. _module.Resources("aws_api_gateway_resource").Select(block => PathOf(block.Name)).Order(StringComparer.Ordinal)],
                [.. _module.Resources("aws_api_gateway_integration")
                    .SelectMany(integration => Instances(integration.Body).Select(each => (Integration: integration.Body, Each: each,
                        Method: _module.Resource("aws_api_gateway_method", ReferencedName(integration.Body.At("http_method"))).Body)))
                    .Select(found => new MethodFacts(
                        PathOf(ReferencedName(found.Each?.GetValueOrDefault("each.value.resource_id") ?? found.Method.At("resource_id"))),
                        Render(found.Method.At("http_method"), found.Each),
                        Render(found.Method.At("authorization"), found.Each),
                        Render(found.Method.At("api_key_required"), found.Each),
                        Render(found.Integration.At("type"), found.Each),
                        Render(found.Integration.At("integration_http_method"), found.Each),
                        Render(found.Integration.At("uri"), found.Each)))
                    .OrderBy(method => method.Path, StringComparer.Ordinal).ThenBy(method => method.HttpMethod, StringComparer.Ordinal)],
                Render(stage.At("stage_name")),
                new AccessLogFacts(accessLogWhen, Render(accessLog.At("destination_arn")), CloudFormationFacts.AccessLogFields((string)accessLog.At("format")!)),
                new AccountLoggingRoleFacts(
                    When(account.At("count")),
                    TrustedService(_module.Resource("aws_iam_role", accountRoleName).Body),
                    [.. AttachedTo("aws_iam_role_policy_attachment", accountRoleName).Select(attachment => Render(attachment.At("policy_arn")))]),
                [.. _module.Resources("aws_api_gateway_method_settings").Select(block => block.Body)
                    .Where(settings => Block(settings, "settings").At("throttling_rate_limit") is not null)
                    .SelectMany(settings => Instances(settings).Select(each => new MethodThrottleFacts(
                        Render(settings.At("method_path"), each),
                        Render(Block(settings, "settings").At("throttling_rate_limit"), each),
                        Render(Block(settings, "settings").At("throttling_burst_limit"), each))))],
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
                    .SelectMany(permission => Instances(permission).Select(each => new InvokePermissionFacts(
                        Render(permission.At("action"), each),
                        Render(permission.At("function_name"), each),
                        Render(permission.At("principal"), each),
                        Render(permission.At("source_arn"), each))))
                    .OrderBy(permission => permission.SourceArn, StringComparer.Ordinal)],
                [.. _module.Resources("aws_api_gateway_gateway_response").Select(block => block.Body)
                    .Select(response => new GatewayResponseFacts(
                        Render(response.At("response_type")),
                        When(response.At("count")),
                        response.At("response_parameters").Entries().ToDictionary(entry => entry.Key, entry => Render(entry.Value), StringComparer.Ordinal)))
                    .OrderBy(response => response.ResponseType, StringComparer.Ordinal)],
                Switch(stage.At("xray_tracing_enabled"))),
            new AlarmTopicFacts(Render(subscription.At("protocol")), Render(subscription.At("endpoint"))),
            _module.Resources("aws_cloudwatch_metric_alarm").Select(block => block.Body)
                .Select(alarm => new AlarmFacts(
                    Render(alarm.At("alarm_name")),
                    RenderOptional(alarm.At("namespace")),
                    RenderOptional(alarm.At("metric_name")),
                    RenderOptional(alarm.At("statistic") ?? alarm.At("extended_statistic")),
                    alarm.At("dimensions").Entries().ToDictionary(entry => entry.Key, entry => Render(entry.Value), StringComparer.Ordinal),
                    Render(alarm.At("threshold")),
                    Render(alarm.At("comparison_operator")),
                    RenderAll(alarm.At("alarm_actions")),
                    [.. alarm.At("metric_query").Items().Select(query => new AlarmQueryFacts(
                        Render(query.At("id")), Render(query.At("expression")), RenderOptional(query.At("period")), RenderOptional(query.At("return_data"))))],
                    RenderOptional(alarm.At("period")),
                    Render(alarm.At("evaluation_periods")),
                    RenderOptional(alarm.At("datapoints_to_alarm")),
                    RenderOptional(alarm.At("treat_missing_data"))))
                .OrderBy(alarm => alarm.Name, StringComparer.Ordinal)
                .ToList(),
            new DashboardFacts(Render(dashboard.At("dashboard_name")), Canonical.Json(Render(dashboard.At("dashboard_body")))),
            _module.Blocks("output").ToDictionary(output => output.Name, output => Render(output.Body.At("value"))),
            PerResource(),
            PagingTokenSecret());
    }

    private ResourceFacts PerResource()
    {
        var table = _module.Resource("aws_dynamodb_table", "resource_table").Body;
        var policy = _module.Resource("aws_iam_role_policy", "resource_table_policy").Body;
        var pipe = _module.Resource("aws_pipes_pipe", "change_pipe").Body;
        var pipeRoleName = ReferencedName(pipe.At("role_arn"));
        var hashKey = Render(table.At("hash_key"), EachResource);
        return new ResourceFacts(
            When(table.At("for_each")),
            new TableFacts(
                Render(table.At("name"), EachResource),
                hashKey,
                Render(table.At("attribute").Items().Single(attribute => Render(attribute.At("name"), EachResource) == hashKey).At("type"), EachResource),
                Render(table.At("billing_mode")),
                Render(Block(table, "server_side_encryption").At("enabled")),
                Render(Block(table, "point_in_time_recovery").At("enabled")),
                Render(table.At("deletion_protection_enabled"))),
            table.At("stream_enabled") as string == "true" ? Render(table.At("stream_view_type")) : "no stream",
            new PolicyFacts(
                When(policy.At("for_each")) == When(table.At("for_each")) ? Render(policy.At("role")) : "only sometimes",
                Statements(policy.At("policy"))),
            new PipeFacts(
                When(pipe.At("for_each")),
                Render(pipe.At("source"), EachResource),
                Render(Block(Block(pipe, "source_parameters"), "dynamodb_stream_parameters").At("starting_position")),
                Render(Block(Block(pipe, "source_parameters"), "dynamodb_stream_parameters").At("batch_size")),
                Render(pipe.At("target"), EachResource),
                Render(Block(pipe, "target_parameters").At("input_template"), EachResource),
                When(_module.Resource("aws_iam_role", pipeRoleName).Body.At("for_each")) == When(pipe.At("for_each"))
                    ? TrustedService(_module.Resource("aws_iam_role", pipeRoleName).Body)
                    : "a role that is not always there",
                [.. AttachedTo("aws_iam_role_policy", pipeRoleName).SelectMany(attached => Statements(attached.At("policy")))]));
    }

    private SecretFacts PagingTokenSecret()
    {
        var secret = Single("random_password");
        return new SecretFacts(When(secret.At("count")), Render(secret.At("length")),
            secret.At("special") as string == "false" ? "true" : "false");
    }

    // The statements of the data.aws_iam_policy_document a policy names, as each resource sees them; a
    // dynamic statement is there on its for_each's condition.
    private List<PolicyStatement> Statements(object? json)
    {
        var document = PolicyDocument(json);
        return [.. document.At("statement").Items().Select(statement => (When: Canonical.Always, Statement: statement))
            .Concat(document.At("dynamic", "statement").Items().Select(dynamic => (When: When(dynamic.At("for_each")), Statement: Block(dynamic, "content"))))
            .Select(found => new PolicyStatement(
                Render(found.Statement.At("effect"), EachResource), RenderAll(found.Statement.At("actions")),
                [.. found.Statement.At("resources").Items().Select(item => Render(item, EachResource))], found.When))];
    }

    // When a bool argument is true: always (true), on a condition (an expression), or never.
    private string Switch(object? node) => node switch
    {
        "true" => Canonical.Always,
        null or "false" => Canonical.Never,
        string text when text.StartsWith("${", StringComparison.Ordinal) && text.EndsWith('}') => Condition(text[2..^1]),
        _ => throw new InvalidDataException($"The facts reader does not read {Tree.Describe(node)} as a switch."),
    };

    // The instances of a block: one (no each) without for_each; one per entry of a local map or of a
    // toset([...]) of strings, with each.key and each.value.x bound to that entry.
    private IEnumerable<IReadOnlyDictionary<string, string>?> Instances(object? body)
    {
        var forEach = body.At("for_each") as string;
        if (forEach is null)
        {
            return [null];
        }

        if (SetOfStrings().Match(forEach) is { Success: true } set)
        {
            return [.. StringLiteral().Matches(set.Groups[1].Value)
                .Select(IReadOnlyDictionary<string, string>? (Match item) => new Dictionary<string, string> { ["each.key"] = item.Groups[1].Value })];
        }

        var local = WholeTraversal().Match(forEach) is { Success: true } name && name.Groups[1].Value.StartsWith("local.", StringComparison.Ordinal)
            ? LocalValue(name.Groups[1].Value["local.".Length..])
            : throw new InvalidDataException($"The facts reader does not enumerate for_each = {forEach}.");
        return [.. local.Entries().Select(entry => entry.Value.Entries()
            .ToDictionary(field => $"each.value.{field.Key}", field => field.Value as string ?? "", StringComparer.Ordinal)
            .Append(new KeyValuePair<string, string>("each.key", entry.Key)).ToDictionary(StringComparer.Ordinal))];
    }

    private object? LocalValue(string name) =>
        _module.Files.Values.SelectMany(file => file.At("locals").Items()).Select(block => block.At(name)).Single(value => value is not null);

    // The path of an aws_api_gateway_resource: its parents' path parts, from the API's root.
    private string PathOf(string name)
    {
        var body = _module.Resource("aws_api_gateway_resource", name).Body;
        var parent = Traversal(body.At("parent_id"));
        var parentPath = parent[0] == "aws_api_gateway_resource" ? PathOf(parent[1]) : "";
        return $"{parentPath}/{Render(body.At("path_part"))}";
    }

    // ALLOWED_TABLES lists the main table and each resource table; NEXT_TOKEN_SECRET is a choice.
    private string RenderEnvironment(object? value)
    {
        var text = value as string ?? "";
        if (TableList().Match(text) is { Success: true } list)
        {
            return string.Join(list.Groups[1].Value, Render($"${{{list.Groups[2].Value}}}"),
                Canonical.ForEachResource(RenderTraversal($"{list.Groups[3].Value}.{list.Groups[4].Value}", EachResource)));
        }

        return Choice().Match(text) is { Success: true } choice
            ? Canonical.Choice(Condition(choice.Groups[1].Value), Render($"${{{choice.Groups[2].Value}}}"), choice.Groups[3].Value)
            : Render(value);
    }

    private object? Single(string type) => _module.Resources(type).Single().Body;

    // Each variable that a validation holds to can(regex("…", var.x)), with that pattern.
    private Dictionary<string, string> ParameterPatterns() => _module.Blocks("variable")
        .SelectMany(variable => variable.Body.At("validation").Items()
            .Select(validation => RegexValidation().Match(validation.At("condition") as string ?? ""))
            .Where(match => match.Success && match.Groups[2].Value == variable.Name)
            .Select(match => (variable.Name, Pattern: WholeValue(HclEscape().Replace(match.Groups[1].Value, "$1")))))
        .ToDictionary(variable => variable.Name, variable => variable.Pattern, StringComparer.Ordinal);

    // Each variable that a validation holds to var.x >= min && var.x <= max, as min..max.
    private Dictionary<string, string> ParameterRanges() => _module.Blocks("variable")
        .SelectMany(variable => variable.Body.At("validation").Items()
            .Select(validation => RangeValidation().Match(validation.At("condition") as string ?? ""))
            .Where(match => match.Success && match.Groups[1].Value == variable.Name && match.Groups[3].Value == variable.Name)
            .Select(match => (variable.Name, Range: $"{match.Groups[2].Value}..{match.Groups[4].Value}")))
        .ToDictionary(variable => variable.Name, variable => variable.Range, StringComparer.Ordinal);

    // Each variable that a validation holds to contains([…], var.x), with those values.
    private Dictionary<string, IReadOnlyList<string>> ParameterChoices() => _module.Blocks("variable")
        .SelectMany(variable => variable.Body.At("validation").Items()
            .Select(validation => ChoiceValidation().Match(validation.At("condition") as string ?? ""))
            .Where(match => match.Success && match.Groups[2].Value == variable.Name)
            .Select(match => (variable.Name, Choices: (IReadOnlyList<string>)[.. match.Groups[1].Value.Split(',').Select(choice => choice.Trim().Trim('"'))])))
        .ToDictionary(variable => variable.Name, variable => variable.Choices, StringComparer.Ordinal);

    // access_log_settings as a block (always), or as a dynamic block that exists on a condition.
    private (string When, object? Settings) AccessLogSettings(object? stage) =>
        stage.At("dynamic", "access_log_settings") is { } dynamic
            ? (When(dynamic.Items().Single().At("for_each")), Block(dynamic.Items().Single(), "content"))
            : (Canonical.Always, Block(stage, "access_log_settings"));

    /// <summary>The condition of a <c>count</c> or <c>for_each</c> (nothing: always) as an expression.</summary>
    private string When(object? countOrForEach) => countOrForEach switch
    {
        null => Canonical.Always,
        "${local.resources}" => Canonical.EachResource,
        string text when ForEachResourceWhen().Match(text) is { Success: true } match => $"{Canonical.EachResource} && {Condition(match.Groups[1].Value)}",
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
            ? IndexPattern().Replace(match.Groups[1].Value.Replace("[each.key]", "", StringComparison.Ordinal), "").Split('.')
            : throw new InvalidDataException($"{Tree.Describe(reference)} is not a plain reference.");

    // What is not there is empty, as in the facts of the other format.
    private string RenderOptional(object? node) => node is null ? "" : Render(node);

    private List<string> RenderAll(object? node) => [.. node.Items().Select(item => Render(item))];

    private string Render(object? node, IReadOnlyDictionary<string, string>? each = null) => node is string text
        ? SimpleTraversal().Replace(text.Replace("[each.key]", "", StringComparison.Ordinal),
            match => RenderTraversal(IndexPattern().Replace(match.Groups[1].Value, ""), each))
        : throw new InvalidDataException($"The facts reader does not render {Tree.Describe(node)}.");

    private string RenderTraversal(string path, IReadOnlyDictionary<string, string>? each = null)
    {
        if (Context.TryGetValue(path, out var context))
        {
            return context;
        }

        if (path.StartsWith("each.", StringComparison.Ordinal))
        {
            return each?.TryGetValue(path, out var bound) == true
                ? (bound.StartsWith("${", StringComparison.Ordinal) && each != EachResource ? Render(bound) : bound)
                : throw new InvalidDataException($"{path} outside a block for each of something.");
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
            ("random_password", "result") => Canonical.Attribute(name, "value"),
            _ when NameArguments.TryGetValue(type, out var argument) && (attribute == argument || attribute == "name"
                || (attribute == "id" && type is "aws_dynamodb_table" or "aws_cloudwatch_log_group" or "aws_iam_role")) => NameOf(type, name, each),
            _ => Canonical.Attribute(name, attribute),
        };
    }

    private string NameOf(string type, string name, IReadOnlyDictionary<string, string>? each = null) =>
        _module.Resource(type, name).Body.At(NameArguments[type]) is { } value ? Render(value, each) : Canonical.Attribute(name, "name");

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

    [GeneratedRegex(@"^\$\{(.+) \? local\.resources : \{\}\}$")]
    private static partial Regex ForEachResourceWhen();

    [GeneratedRegex(@"^\$\{toset\(\[(.*)\]\)\}$")]
    private static partial Regex SetOfStrings();

    [GeneratedRegex(@"""([^""]*)""")]
    private static partial Regex StringLiteral();

    // join(",", concat([main], values(each_resource_table)[*].name))
    [GeneratedRegex(@"^\$\{join\(""(.)"", concat\(\[([a-z0-9_.]+)\], values\(([a-z0-9_]+\.[a-z0-9_]+)\)\[\*\]\.([a-z0-9_]+)\)\)\}$")]
    private static partial Regex TableList();

    // condition ? reference : "literal"
    [GeneratedRegex(@"^\$\{(.+) \? ([a-z0-9_.\[\]]+) : (""[^""]*"")\}$")]
    private static partial Regex Choice();

    // can(regex("pattern", var.x)), the pattern as written in HCL.
    [GeneratedRegex(@"^\$\{can\(regex\(""((?:[^""\\]|\\.)*)"", var\.([a-z0-9_]+)\)\)\}$")]
    private static partial Regex RegexValidation();

    [GeneratedRegex(@"^\$\{var\.([a-z0-9_]+) >= ([0-9.]+) && var\.([a-z0-9_]+) <= ([0-9.]+)\}$")]
    private static partial Regex RangeValidation();

    [GeneratedRegex(@"^\$\{contains\(\[([^\]]*)\], var\.([a-z0-9_]+)\)\}$")]
    private static partial Regex ChoiceValidation();

    // An escape in an HCL string: \\ is \, \"  is ".
    [GeneratedRegex(@"\\(.)")]
    private static partial Regex HclEscape();

}
