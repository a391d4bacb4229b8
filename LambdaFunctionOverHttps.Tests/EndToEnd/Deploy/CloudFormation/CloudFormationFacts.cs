using System.Globalization;
using System.Text.RegularExpressions;
using FluentAssertions;
using LambdaFunctionOverHttps.Tests.EndToEnd.Deploy.Model;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.Deploy.CloudFormation;

/// <summary>Reads <see cref="DeploymentFacts"/> from a CloudFormation template.</summary>
/// <remarks>
/// Intrinsics become the shared vocabulary: <c>Ref TableName</c> (a parameter) is
/// <c>${var.table_name}</c>; <c>Ref</c> of a resource is what CloudFormation returns for its type,
/// and a name is followed to the value it was given; <c>Fn::GetAtt LogGroup.Arn</c> is the group's
/// ARN with CloudFormation's <c>:*</c>; other attributes are <c>${logical_id.attribute}</c>.
/// Conditions become expressions: <c>Fn::Equals [Ref P, "true"]</c> (a "true"/"false" parameter) is
/// <c>${var.p}</c>, other comparisons are <c>a == b</c> or <c>a != b</c>, <c>Fn::Or</c> is <c>||</c>.
/// The entries of Resources, padded with commas so that every slot has one (<c>Fn::Split</c> of
/// <c>${Resources},,,,</c>), are each <see cref="Canonical.ResourceEntry"/>, which <c>Fn::Split</c> and
/// <c>Fn::Select</c> then take apart; a slot's condition (its entry is not empty) is
/// <see cref="Canonical.EachResource"/>, and a slot's resources lose the slot's number from their names.
/// </remarks>
internal sealed partial class CloudFormationFacts
{
    // Ref of these types returns the resource's name, which is set by this property.
    private static readonly Dictionary<string, string> NameProperties = new(StringComparer.Ordinal)
    {
        ["AWS::DynamoDB::Table"] = "TableName",
        ["AWS::Lambda::Function"] = "FunctionName",
        ["AWS::Logs::LogGroup"] = "LogGroupName",
        ["AWS::IAM::Role"] = "RoleName",
        ["AWS::ApiGateway::Stage"] = "StageName",
        ["AWS::CloudWatch::Dashboard"] = "DashboardName",
    };

    private static readonly Dictionary<string, string> PseudoParameters = new(StringComparer.Ordinal)
    {
        ["AWS::Region"] = Canonical.Region,
        ["AWS::AccountId"] = Canonical.Account,
        ["AWS::Partition"] = Canonical.Partition,
        ["AWS::URLSuffix"] = Canonical.UrlSuffix,
    };

    private readonly IReadOnlyDictionary<string, object?> _template;
    private readonly IReadOnlyDictionary<string, object?> _parameters;
    private readonly IReadOnlyDictionary<string, object?> _conditions;
    private readonly IReadOnlyDictionary<string, object?> _resources;

    private CloudFormationFacts(IReadOnlyDictionary<string, object?> template)
    {
        _template = template;
        _parameters = template.At("Parameters").Entries();
        _conditions = template.At("Conditions").Entries();
        _resources = template.At("Resources").Entries();
    }

    public static DeploymentFacts Read(IReadOnlyDictionary<string, object?> template) => new CloudFormationFacts(template).Facts();

    private DeploymentFacts Facts()
    {
        var function = Properties("AWS::Lambda::Function");
        var role = _resources[ResourceOf(function.At("Role"))].At("Properties");
        var functionName = Render(function.At("FunctionName"));
        var functionLogGroup = _resources.Values
            .Where(resource => resource.At("Type") as string == "AWS::Logs::LogGroup")
            .Select(resource => resource.At("Properties"))
            .Single(group => Render(group.At("LogGroupName")) == $"/aws/lambda/{functionName}");
        var stage = Properties("AWS::ApiGateway::Stage");
        var (accessLogWhen, accessLog) = Conditional(stage.At("AccessLogSetting"));
        var account = Resource("AWS::ApiGateway::Account");
        var accountRole = _resources[ResourceOf(account.At("Properties", "CloudWatchRoleArn"))].At("Properties");
        var plan = Properties("AWS::ApiGateway::UsagePlan");
        var planKey = Properties("AWS::ApiGateway::UsagePlanKey");
        var subscription = Properties("AWS::SNS::Subscription");
        var dashboard = Properties("AWS::CloudWatch::Dashboard");
        var table = _resources.Values.Single(resource => resource.At("Type") as string == "AWS::DynamoDB::Table" && resource.At("Condition") is null).At("Properties");
        var hashKey = Render(table.At("KeySchema").Items().Single(key => key.At("KeyType") as string == "HASH").At("AttributeName"));

        return new DeploymentFacts(
            _parameters.ToDictionary(parameter => Canonical.SnakeCase(parameter.Key), parameter => parameter.Value.At("Default") as string),
            // CloudFormation matches AllowedPattern against the whole value.
            _parameters.Where(parameter => parameter.Value.At("AllowedPattern") is string)
                .ToDictionary(parameter => Canonical.SnakeCase(parameter.Key), parameter => $"^(?:{parameter.Value.At("AllowedPattern")})$"),
            _parameters.Where(parameter => parameter.Value.At("MinValue") is not null || parameter.Value.At("MaxValue") is not null)
                .ToDictionary(parameter => Canonical.SnakeCase(parameter.Key), parameter => $"{parameter.Value.At("MinValue")}..{parameter.Value.At("MaxValue")}"),
            _parameters.Where(parameter => parameter.Value.At("AllowedValues") is not null && !Tree.SameAs(parameter.Value.At("AllowedValues"), new List<object?> { "true", "false" }))
                .ToDictionary(parameter => Canonical.SnakeCase(parameter.Key), IReadOnlyList<string> (parameter) => RenderAll(parameter.Value.At("AllowedValues"))),
            new TableFacts(
                Render(table.At("TableName")),
                hashKey,
                Render(table.At("AttributeDefinitions").Items().Single(attribute => Render(attribute.At("AttributeName")) == hashKey).At("AttributeType")),
                Render(table.At("BillingMode")),
                Render(table.At("SSESpecification", "SSEEnabled")),
                Render(table.At("PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled")),
                Render(table.At("DeletionProtectionEnabled"))),
            new FunctionFacts(
                functionName,
                Render(function.At("Runtime")),
                Render(function.At("Handler")),
                RenderAll(function.At("Architectures")),
                Render(function.At("MemorySize")),
                Render(function.At("Timeout")),
                Render(function.At("Role")),
                RenderMap(function.At("Environment", "Variables")),
                Render(functionLogGroup.At("LogGroupName")),
                Render(functionLogGroup.At("RetentionInDays")),
                Render(function.At("TracingConfig", "Mode"))),
            new RoleFacts(
                Render(role.At("RoleName")),
                Render(role.At("AssumeRolePolicyDocument", "Statement").Items().Single().At("Principal", "Service")),
                RenderAll(role.At("ManagedPolicyArns")),
                [.. role.At("Policies").Items().SelectMany(policy => Statements(policy.At("PolicyDocument")))]),
            new ApiFacts(
                Render(Properties("AWS::ApiGateway::RestApi").At("Name")),
                [.. _resources.Where(resource => resource.Value.At("Type") as string == "AWS::ApiGateway::Resource")
                    .Select(resource => PathOf(resource.Key)).Order(StringComparer.Ordinal)],
                [.. AllProperties("AWS::ApiGateway::Method")
                    .Select(method => new MethodFacts(
                        PathOf((string)method.At("ResourceId", "Ref")!),
                        Render(method.At("HttpMethod")),
                        Render(method.At("AuthorizationType")),
                        Render(method.At("ApiKeyRequired")),
                        Render(method.At("Integration", "Type")),
                        Render(method.At("Integration", "IntegrationHttpMethod")),
                        Render(method.At("Integration", "Uri"))))
                    .OrderBy(method => method.Path, StringComparer.Ordinal).ThenBy(method => method.HttpMethod, StringComparer.Ordinal)],
                Render(stage.At("StageName")),
                new AccessLogFacts(accessLogWhen, Render(accessLog.At("DestinationArn")), AccessLogFields(Render(accessLog.At("Format")))),
                new AccountLoggingRoleFacts(
                    When(account.At("Condition")),
                    Render(accountRole.At("AssumeRolePolicyDocument", "Statement").Items().Single().At("Principal", "Service")),
                    RenderAll(accountRole.At("ManagedPolicyArns"))),
                [.. stage.At("MethodSettings").Items().Where(setting => setting.At("ThrottlingRateLimit") is not null)
                    .Select(setting => new MethodThrottleFacts(
                        // "/~1a~1b" is the path /a/b (a JSON pointer's escapes); Terraform writes a/b/METHOD.
                        $"{Render(setting.At("ResourcePath"))[1..].Replace("~1", "/", StringComparison.Ordinal).TrimStart('/')}/{Render(setting.At("HttpMethod"))}",
                        Render(setting.At("ThrottlingRateLimit")),
                        Render(setting.At("ThrottlingBurstLimit"))))],
                new UsagePlanFacts(
                    Render(plan.At("ApiStages").Items().Single().At("ApiId")),
                    Render(plan.At("ApiStages").Items().Single().At("Stage")),
                    Render(plan.At("Throttle", "RateLimit")),
                    Render(plan.At("Throttle", "BurstLimit")),
                    Render(plan.At("Quota", "Limit")),
                    Render(plan.At("Quota", "Period")),
                    Render(planKey.At("KeyType")),
                    Render(planKey.At("KeyId"))),
                [.. AllProperties("AWS::Lambda::Permission")
                    .Select(permission => new InvokePermissionFacts(
                        Render(permission.At("Action")),
                        Render(permission.At("FunctionName")),
                        Render(permission.At("Principal")),
                        Render(permission.At("SourceArn"))))
                    .OrderBy(permission => permission.SourceArn, StringComparer.Ordinal)],
                [.. _resources.Values.Where(resource => resource.At("Type") as string == "AWS::ApiGateway::GatewayResponse")
                    .Select(response => new GatewayResponseFacts(
                        Render(response.At("Properties", "ResponseType")),
                        When(response.At("Condition")),
                        RenderMap(response.At("Properties", "ResponseParameters"))))
                    .OrderBy(response => response.ResponseType, StringComparer.Ordinal)],
                Switch(stage.At("TracingEnabled"))),
            new AlarmTopicFacts(Render(subscription.At("Protocol")), Render(subscription.At("Endpoint"))),
            _resources.Values.Where(resource => resource.At("Type") as string == "AWS::CloudWatch::Alarm")
                .Select(resource => resource.At("Properties"))
                .Select(alarm => new AlarmFacts(
                    Render(alarm.At("AlarmName")),
                    RenderOptional(alarm.At("Namespace")),
                    RenderOptional(alarm.At("MetricName")),
                    RenderOptional(alarm.At("Statistic") ?? alarm.At("ExtendedStatistic")),
                    alarm.At("Dimensions").Items().ToDictionary(dimension => Render(dimension.At("Name")), dimension => Render(dimension.At("Value"))),
                    Render(alarm.At("Threshold")),
                    Render(alarm.At("ComparisonOperator")),
                    RenderAll(alarm.At("AlarmActions")),
                    [.. alarm.At("Metrics").Items().Select(query => new AlarmQueryFacts(
                        Render(query.At("Id")), Render(query.At("Expression")), RenderOptional(query.At("Period")), RenderOptional(query.At("ReturnData"))))],
                    RenderOptional(alarm.At("Period")),
                    Render(alarm.At("EvaluationPeriods")),
                    RenderOptional(alarm.At("DatapointsToAlarm")),
                    RenderOptional(alarm.At("TreatMissingData"))))
                .OrderBy(alarm => alarm.Name, StringComparer.Ordinal)
                .ToList(),
            new DashboardFacts(Render(dashboard.At("DashboardName")), Canonical.Json(Render(dashboard.At("DashboardBody")))),
            _template.At("Outputs").Entries().ToDictionary(output => Canonical.SnakeCase(output.Key), output => Render(output.Value.At("Value"))),
            PerResource(),
            PagingTokenSecret());
    }

    // Every slot must say the same of its entry: one of them is what each resource gets.
    private ResourceFacts PerResource()
    {
        var slots = _resources.Where(resource => resource.Value.At("Type") as string == "AWS::DynamoDB::Table" && resource.Value.At("Condition") is not null)
            .Select(resource => resource.Key).Order(StringComparer.Ordinal).ToList();
        var facts = slots.Select(SlotFacts).ToList();
        if (facts.Count == 0)
        {
            throw new InvalidDataException("The template has no resource slots.");
        }

        facts.Skip(1).Should().AllBeEquivalentTo(facts[0], "every slot of Resources must get the same as the first");
        return facts[0];
    }

    private ResourceFacts SlotFacts(string tableName)
    {
        var slot = tableName[^1..];
        var table = _resources[tableName];
        var properties = table.At("Properties");
        var hashKey = Render(properties.At("KeySchema").Items().Single(key => key.At("KeyType") as string == "HASH").At("AttributeName"));
        var policy = _resources[$"ResourceTablePolicy{slot}"];
        var pipe = _resources[$"ChangePipe{slot}"];
        var pipeRole = _resources[ResourceOf(pipe.At("Properties", "RoleArn"))];
        return new ResourceFacts(
            When(table.At("Condition")),
            new TableFacts(
                Render(properties.At("TableName")),
                hashKey,
                Render(properties.At("AttributeDefinitions").Items().Single(attribute => Render(attribute.At("AttributeName")) == hashKey).At("AttributeType")),
                Render(properties.At("BillingMode")),
                Render(properties.At("SSESpecification", "SSEEnabled")),
                Render(properties.At("PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled")),
                Render(properties.At("DeletionProtectionEnabled"))),
            Render(properties.At("StreamSpecification", "StreamViewType")),
            new PolicyFacts(
                When(policy.At("Condition")) == When(table.At("Condition")) ? RenderAll(policy.At("Properties", "Roles")).Single() : "only sometimes",
                Statements(policy.At("Properties", "PolicyDocument"))),
            new PipeFacts(
                When(pipe.At("Condition")),
                Render(pipe.At("Properties", "Source")),
                Render(pipe.At("Properties", "SourceParameters", "DynamoDBStreamParameters", "StartingPosition")),
                Render(pipe.At("Properties", "SourceParameters", "DynamoDBStreamParameters", "BatchSize")),
                Render(pipe.At("Properties", "Target")),
                Render(pipe.At("Properties", "TargetParameters", "InputTemplate")),
                When(pipeRole.At("Condition")) == When(pipe.At("Condition"))
                    ? Render(pipeRole.At("Properties", "AssumeRolePolicyDocument", "Statement").Items().Single().At("Principal", "Service"))
                    : "a role that is not always there",
                [.. pipeRole.At("Properties", "Policies").Items().SelectMany(item => Statements(item.At("PolicyDocument")))]));
    }

    private SecretFacts PagingTokenSecret()
    {
        var secret = Resource("AWS::SecretsManager::Secret");
        var generate = secret.At("Properties", "GenerateSecretString");
        return new SecretFacts(When(secret.At("Condition")), Render(generate.At("PasswordLength")),
            generate.At("ExcludePunctuation") as string == "true" && generate.At("IncludeSpace") is null ? "true" : "false");
    }

    // A statement that is Fn::If [condition, statement, AWS::NoValue] is there only when the condition holds.
    private List<PolicyStatement> Statements(object? document) =>
        [.. document.At("Statement").Items().Select(Conditional)
            .Select(found => new PolicyStatement(
                Render(found.Value.At("Effect")), RenderAll(found.Value.At("Action")), RenderAll(found.Value.At("Resource")), found.When))];

    // When a Boolean property is true: always ("true"), on a condition (Fn::If [condition, true, false]), or never.
    private string Switch(object? node) => node switch
    {
        "true" => Canonical.Always,
        null or "false" => Canonical.Never,
        _ when node.At("Fn::If") is IReadOnlyList<object?> { Count: 3 } choice && choice[1] as string == "true" && choice[2] as string == "false" => When(choice[0]),
        _ => throw new InvalidDataException($"The facts reader does not read {Tree.Describe(node)} as a switch."),
    };

    // The path of an API Gateway resource: its parents' path parts, from the API's root.
    private string PathOf(string resource)
    {
        var properties = _resources[resource].At("Properties");
        var parent = properties.At("ParentId");
        var parentPath = parent.At("Ref") is string parentResource ? PathOf(parentResource) : "";
        return $"{parentPath}/{Render(properties.At("PathPart"))}";
    }

    /// <summary>The fields of the JSON access log format, by the <c>$context</c> variable each logs.</summary>
    public static IReadOnlyList<string> AccessLogFields(string format) =>
        [.. ContextVariable().Matches(format).Select(match => match.Value).Order(StringComparer.Ordinal)];

    private object? Properties(string type) => Resource(type).At("Properties");

    private object? Resource(string type) => _resources.Values.Single(resource => resource.At("Type") as string == type);

    private IEnumerable<object?> AllProperties(string type) =>
        _resources.Values.Where(resource => resource.At("Type") as string == type).Select(resource => resource.At("Properties"));

    // A property that is Fn::If [condition, value, AWS::NoValue] is there only when the condition holds.
    private (string When, object? Value) Conditional(object? node) =>
        node.At("Fn::If") is IReadOnlyList<object?> { Count: 3 } choice && choice[2].At("Ref") as string == "AWS::NoValue"
            ? (When(choice[0]), choice[1])
            : (Canonical.Always, node);

    /// <summary>A resource's or Fn::If's condition (a name, or nothing for always) as an expression.</summary>
    private string When(object? condition) => condition is string name ? RenderCondition(_conditions[name]) : Canonical.Always;

    private string RenderCondition(object? node) => node switch
    {
        IReadOnlyDictionary<string, object?> map when map.At("Condition") is string name => RenderCondition(_conditions[name]),
        IReadOnlyDictionary<string, object?> map when map.At("Fn::Equals") is IReadOnlyList<object?> { Count: 2 } equals =>
            equals[1] as string == "true" ? Render(equals[0]) : $"{RenderOperand(equals[0])} == {RenderOperand(equals[1])}",
        IReadOnlyDictionary<string, object?> map when map.At("Fn::Not") is IReadOnlyList<object?> { Count: 1 } not
            && not[0].At("Fn::Equals") is IReadOnlyList<object?> { Count: 2 } equals =>
            Render(equals[0]) == Canonical.ResourceEntry && equals[1] as string == "" ? Canonical.EachResource
            : $"{RenderOperand(equals[0])} != {RenderOperand(equals[1])}",
        IReadOnlyDictionary<string, object?> map when map.At("Fn::Or") is IReadOnlyList<object?> any => string.Join(" || ", any.Select(RenderCondition)),
        IReadOnlyDictionary<string, object?> map when map.At("Fn::And") is IReadOnlyList<object?> all => string.Join(" && ", all.Select(RenderCondition)),
        _ => throw new InvalidDataException($"The facts reader does not render the condition {Tree.Describe(node)}."),
    };

    // A literal in a comparison is quoted, as in Terraform: ${var.allowed_origins} != "".
    private string RenderOperand(object? node) => node is string literal ? $"\"{literal}\"" : Render(node);

    private static string ResourceOf(object? getAtt) => (string)getAtt.At("Fn::GetAtt").Items()[0]!;

    // What is not there is empty, as in the facts of the other format.
    private string RenderOptional(object? node) => node is null ? "" : Render(node);

    private List<string> RenderAll(object? node) => [.. node.Items().Select(Render)];

    private Dictionary<string, string> RenderMap(object? node) =>
        node.Entries().ToDictionary(entry => entry.Key, entry => Render(entry.Value), StringComparer.Ordinal);

    private string Render(object? node) => node switch
    {
        string text => text,
        IReadOnlyDictionary<string, object?> map when map.At("Fn::Select") is IReadOnlyList<object?> { Count: 2 } select =>
            RenderList(select[1])[int.Parse(Render(select[0]), CultureInfo.InvariantCulture)],
        IReadOnlyDictionary<string, object?> map when map.At("Fn::Join") is IReadOnlyList<object?> { Count: 2 } join =>
            string.Join(Render(join[0]), RenderItems(join[1])),
        IReadOnlyDictionary<string, object?> map when map.At("Fn::If") is IReadOnlyList<object?> { Count: 3 } choice =>
            Canonical.Choice(When(choice[0]), Render(choice[1]), RenderOperand(choice[2])),
        IReadOnlyDictionary<string, object?> map when map.At("Fn::Sub") is IReadOnlyList<object?> { Count: 2 } sub && sub[0] is string text =>
            RenderSub(text, sub[1].Entries()),
        IReadOnlyDictionary<string, object?> map when map.At("Ref") is string target => RenderRef(target),
        IReadOnlyDictionary<string, object?> map when map.At("Fn::GetAtt") is IReadOnlyList<object?> { Count: 2 } getAtt =>
            RenderGetAtt((string)getAtt[0]!, (string)getAtt[1]!),
        IReadOnlyDictionary<string, object?> map when map.At("Fn::Sub") is string text => RenderSub(text, new Dictionary<string, object?>()),
        _ => throw new InvalidDataException($"The facts reader does not render {Tree.Describe(node)}."),
    };

    // ${Name}, ${Resource.Attribute} and ${!Literal} in an Fn::Sub text, or a variable of its own.
    private string RenderSub(string text, IReadOnlyDictionary<string, object?> variables) => SecretValue(SubVariable().Replace(text, match =>
        match.Groups[1].Value is var name && variables.TryGetValue(name, out var value) ? Render(value)
        : name.StartsWith('!') ? $"${{{name[1..]}}}"
        : name.IndexOf('.', StringComparison.Ordinal) is > 0 and var dot && !name.StartsWith("AWS::", StringComparison.Ordinal)
            ? RenderGetAtt(name[..dot], name[(dot + 1)..])
            : RenderRef(name)));

    // Fn::Split of a string; the entries of Resources (padded with commas) are each an entry.
    private List<string> RenderList(object? node)
    {
        if (node.At("Fn::Split") is not IReadOnlyList<object?> { Count: 2 } split)
        {
            throw new InvalidDataException($"The facts reader does not render the list {Tree.Describe(node)}.");
        }

        var separator = Render(split[0]);
        var text = Render(split[1]);
        var resources = Canonical.Variable("resources");
        return text.StartsWith(resources, StringComparison.Ordinal) && separator == ","
            ? [.. text.Split(',').Select(_ => Canonical.ResourceEntry)]
            : [.. text.Split(separator)];
    }

    // A list's items; one that is there for each resource (Fn::If [slot condition, x, ""], one per
    // slot) once, as such.
    private List<string> RenderItems(object? list)
    {
        var items = list.Items().Select(item => item.At("Fn::If") is IReadOnlyList<object?> { Count: 3 } choice
            && When(choice[0]) == Canonical.EachResource && choice[2] as string == ""
                ? Canonical.ForEachResource(Render(choice[1]))
                : Render(item)).ToList();
        return [.. items.Where((item, index) => !(index > 0 && item == items[index - 1] && item.EndsWith(" for each resource", StringComparison.Ordinal)))];
    }

    // {{resolve:secretsmanager:<secret>:SecretString}} is the secret's value, resolved at deploy time.
    private static string SecretValue(string text) => SecretReference().Replace(text, "${$1.value}");

    private string RenderRef(string target)
    {
        if (PseudoParameters.TryGetValue(target, out var pseudo))
        {
            return pseudo;
        }

        if (_parameters.ContainsKey(target))
        {
            return Canonical.Variable(Canonical.SnakeCase(target));
        }

        var type = (string)_resources[target].At("Type")!;
        return NameProperties.ContainsKey(type) ? NameOf(target)
            : type == "AWS::SNS::Topic" ? Canonical.Attribute(Id(target), "arn")
            : Canonical.Attribute(Id(target), "id");
    }

    private string RenderGetAtt(string resource, string attribute) =>
        _resources[resource].At("Type") as string == "AWS::Logs::LogGroup" && attribute == "Arn"
            ? Canonical.LogGroupArn(NameOf(resource)) + ":*"
            : Canonical.Attribute(Id(resource), Canonical.SnakeCase(attribute));

    // A resource's name in the shared vocabulary: a slot's resource without the slot's number.
    private string Id(string resource) =>
        _resources[resource].At("Condition") is not null && char.IsAsciiDigit(resource[^1])
            ? Canonical.SnakeCase(resource[..^1])
            : Canonical.SnakeCase(resource);

    private string NameOf(string resource)
    {
        var type = (string)_resources[resource].At("Type")!;
        return _resources[resource].At("Properties", NameProperties[type]) is { } name
            ? Render(name)
            : Canonical.Attribute(Id(resource), "name");
    }

    [GeneratedRegex(@"\$\{([^}]+)\}")]
    private static partial Regex SubVariable();

    [GeneratedRegex(@"^\{\{resolve:secretsmanager:\$\{([a-z0-9_]+)\.id\}:SecretString\}\}$")]
    private static partial Regex SecretReference();

    [GeneratedRegex(@"\$context\.[A-Za-z.]+[A-Za-z]")]
    private static partial Regex ContextVariable();
}
