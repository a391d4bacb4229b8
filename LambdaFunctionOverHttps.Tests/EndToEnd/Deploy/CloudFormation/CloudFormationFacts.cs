using System.Text.RegularExpressions;
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
        var apiResource = Properties("AWS::ApiGateway::Resource");
        var stage = Properties("AWS::ApiGateway::Stage");
        var (accessLogWhen, accessLog) = Conditional(stage.At("AccessLogSetting"));
        var account = Resource("AWS::ApiGateway::Account");
        var accountRole = _resources[ResourceOf(account.At("Properties", "CloudWatchRoleArn"))].At("Properties");
        var plan = Properties("AWS::ApiGateway::UsagePlan");
        var planKey = Properties("AWS::ApiGateway::UsagePlanKey");
        var subscription = Properties("AWS::SNS::Subscription");
        var table = Properties("AWS::DynamoDB::Table");
        var hashKey = Render(table.At("KeySchema").Items().Single(key => key.At("KeyType") as string == "HASH").At("AttributeName"));

        return new DeploymentFacts(
            _parameters.ToDictionary(parameter => Canonical.SnakeCase(parameter.Key), parameter => parameter.Value.At("Default") as string),
            // CloudFormation matches AllowedPattern against the whole value.
            _parameters.Where(parameter => parameter.Value.At("AllowedPattern") is string)
                .ToDictionary(parameter => Canonical.SnakeCase(parameter.Key), parameter => $"^(?:{parameter.Value.At("AllowedPattern")})$"),
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
                Render(functionLogGroup.At("RetentionInDays"))),
            new RoleFacts(
                Render(role.At("RoleName")),
                Render(role.At("AssumeRolePolicyDocument", "Statement").Items().Single().At("Principal", "Service")),
                RenderAll(role.At("ManagedPolicyArns")),
                role.At("Policies").Items().SelectMany(policy => policy.At("PolicyDocument", "Statement").Items())
                    .Select(statement => new PolicyStatement(Render(statement.At("Effect")), RenderAll(statement.At("Action")), RenderAll(statement.At("Resource"))))
                    .ToList()),
            new ApiFacts(
                Render(Properties("AWS::ApiGateway::RestApi").At("Name")),
                Render(apiResource.At("ParentId")),
                Render(apiResource.At("PathPart")),
                [.. AllProperties("AWS::ApiGateway::Method")
                    .Select(method => new MethodFacts(
                        Render(method.At("HttpMethod")),
                        Render(method.At("AuthorizationType")),
                        Render(method.At("ApiKeyRequired")),
                        Render(method.At("Integration", "Type")),
                        Render(method.At("Integration", "IntegrationHttpMethod")),
                        Render(method.At("Integration", "Uri"))))
                    .OrderBy(method => method.HttpMethod, StringComparer.Ordinal)],
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
                    .OrderBy(response => response.ResponseType, StringComparer.Ordinal)]),
            new AlarmTopicFacts(Render(subscription.At("Protocol")), Render(subscription.At("Endpoint"))),
            _resources.Values.Where(resource => resource.At("Type") as string == "AWS::CloudWatch::Alarm")
                .Select(resource => resource.At("Properties"))
                .Select(alarm => new AlarmFacts(
                    Render(alarm.At("AlarmName")),
                    Render(alarm.At("Namespace")),
                    Render(alarm.At("MetricName")),
                    Render(alarm.At("Statistic") ?? alarm.At("ExtendedStatistic")),
                    alarm.At("Dimensions").Items().ToDictionary(dimension => Render(dimension.At("Name")), dimension => Render(dimension.At("Value"))),
                    Render(alarm.At("Threshold")),
                    Render(alarm.At("ComparisonOperator")),
                    RenderAll(alarm.At("AlarmActions"))))
                .OrderBy(alarm => alarm.Name, StringComparer.Ordinal)
                .ToList(),
            _template.At("Outputs").Entries().ToDictionary(output => Canonical.SnakeCase(output.Key), output => Render(output.Value.At("Value"))));
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
            && not[0].At("Fn::Equals") is IReadOnlyList<object?> { Count: 2 } equals => $"{RenderOperand(equals[0])} != {RenderOperand(equals[1])}",
        IReadOnlyDictionary<string, object?> map when map.At("Fn::Or") is IReadOnlyList<object?> any => string.Join(" || ", any.Select(RenderCondition)),
        IReadOnlyDictionary<string, object?> map when map.At("Fn::And") is IReadOnlyList<object?> all => string.Join(" && ", all.Select(RenderCondition)),
        _ => throw new InvalidDataException($"The facts reader does not render the condition {Tree.Describe(node)}."),
    };

    // A literal in a comparison is quoted, as in Terraform: ${var.allowed_origins} != "".
    private string RenderOperand(object? node) => node is string literal ? $"\"{literal}\"" : Render(node);

    private static string ResourceOf(object? getAtt) => (string)getAtt.At("Fn::GetAtt").Items()[0]!;

    private List<string> RenderAll(object? node) => [.. node.Items().Select(Render)];

    private Dictionary<string, string> RenderMap(object? node) =>
        node.Entries().ToDictionary(entry => entry.Key, entry => Render(entry.Value), StringComparer.Ordinal);

    private string Render(object? node) => node switch
    {
        string text => text,
        IReadOnlyDictionary<string, object?> map when map.At("Ref") is string target => RenderRef(target),
        IReadOnlyDictionary<string, object?> map when map.At("Fn::GetAtt") is IReadOnlyList<object?> { Count: 2 } getAtt =>
            RenderGetAtt((string)getAtt[0]!, (string)getAtt[1]!),
        IReadOnlyDictionary<string, object?> map when map.At("Fn::Sub") is string text => SubVariable().Replace(text, match =>
            match.Groups[1].Value is var name && name.StartsWith('!') ? $"${{{name[1..]}}}"
            : name.IndexOf('.', StringComparison.Ordinal) is > 0 and var dot && !name.StartsWith("AWS::", StringComparison.Ordinal)
                ? RenderGetAtt(name[..dot], name[(dot + 1)..])
                : RenderRef(name)),
        _ => throw new InvalidDataException($"The facts reader does not render {Tree.Describe(node)}."),
    };

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
            : type == "AWS::SNS::Topic" ? Canonical.Attribute(Canonical.SnakeCase(target), "arn")
            : Canonical.Attribute(Canonical.SnakeCase(target), "id");
    }

    private string RenderGetAtt(string resource, string attribute) =>
        _resources[resource].At("Type") as string == "AWS::Logs::LogGroup" && attribute == "Arn"
            ? Canonical.LogGroupArn(NameOf(resource)) + ":*"
            : Canonical.Attribute(Canonical.SnakeCase(resource), Canonical.SnakeCase(attribute));

    private string NameOf(string resource)
    {
        var type = (string)_resources[resource].At("Type")!;
        return _resources[resource].At("Properties", NameProperties[type]) is { } name
            ? Render(name)
            : Canonical.Attribute(Canonical.SnakeCase(resource), "name");
    }

    [GeneratedRegex(@"\$\{([^}]+)\}")]
    private static partial Regex SubVariable();

    [GeneratedRegex(@"\$context\.[A-Za-z.]+[A-Za-z]")]
    private static partial Regex ContextVariable();
}
