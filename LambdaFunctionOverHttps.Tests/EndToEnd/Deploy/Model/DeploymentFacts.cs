namespace LambdaFunctionOverHttps.Tests.EndToEnd.Deploy.Model;

/// <summary>
/// What a deployment creates, read from the CloudFormation template or the Terraform module into
/// one shape, so that one set of assertions covers both and the two cannot drift apart.
/// </summary>
/// <remarks>
/// Values are strings in a shared vocabulary (<see cref="Canonical"/>): literals as written,
/// <c>${var.table_name}</c> for a parameter or variable, <c>${function_role.arn}</c> for another
/// resource's attribute, and <c>${region}</c>, <c>${account}</c>, <c>${partition}</c>,
/// <c>${url_suffix}</c> for the account's context. Each reader turns its format's references into it.
/// What exists only on a condition says when (<see cref="Canonical.Always"/> for always) as an
/// expression over the parameters: <c>${var.allowed_origins} != ""</c>,
/// <c>${var.access_logging} || ${var.create_api_gateway_logging_role}</c>.
/// What the deployment makes once for each entry of <c>resources</c> is <see cref="PerResource"/>, in
/// terms of that entry: <c>${resource.route}</c>, <c>${resource.table}</c>, <c>${resource.key}</c>,
/// <c>${resource.key_type}</c> (S or N), and <c>${resource_table.arn}</c> for its own resources.
/// A parameter's choices are its <c>AllowedValues</c> (a validation <c>contains([…], var.x)</c>), but for
/// a true/false parameter, which is a bool variable in Terraform.
/// A parameter's range is <c>min..max</c> (<c>MinValue</c>/<c>MaxValue</c>, or a validation
/// <c>var.x &gt;= min &amp;&amp; var.x &lt;= max</c>), either side empty when it has none.
/// </remarks>
internal sealed record DeploymentFacts(
    IReadOnlyDictionary<string, string?> ParameterDefaults,
    IReadOnlyDictionary<string, string> ParameterPatterns,
    IReadOnlyDictionary<string, string> ParameterRanges,
    IReadOnlyDictionary<string, IReadOnlyList<string>> ParameterChoices,
    TableFacts Table,
    FunctionFacts Function,
    RoleFacts FunctionRole,
    ApiFacts Api,
    AlarmTopicFacts AlarmTopic,
    IReadOnlyList<AlarmFacts> Alarms,
    DashboardFacts Dashboard,
    IReadOnlyDictionary<string, string> Outputs,
    ResourceFacts PerResource,
    SecretFacts PagingTokenSecret);

/// <summary>What each entry of <c>resources</c> gets: its table, what the function may do there, and its change pipe.</summary>
internal sealed record ResourceFacts(string When, TableFacts Table, string StreamViewType, PolicyFacts FunctionPolicy, PipeFacts Pipe);

internal sealed record PolicyFacts(string Role, IReadOnlyList<PolicyStatement> Statements);

/// <summary>An EventBridge Pipe from a table's stream to a target, with the role it runs as.</summary>
internal sealed record PipeFacts(
    string When, string Source, string StartingPosition, string BatchSize, string Target, string InputTemplate,
    string RoleTrustedService, IReadOnlyList<PolicyStatement> RoleStatements);

/// <summary>A random secret the deployment generates.</summary>
internal sealed record SecretFacts(string When, string Length, string LettersAndDigitsOnly);

internal sealed record TableFacts(
    string Name, string HashKey, string HashKeyType, string BillingMode, string EncryptionEnabled,
    string PointInTimeRecovery, string DeletionProtection);

internal sealed record FunctionFacts(
    string Name, string Runtime, string Handler, IReadOnlyList<string> Architectures, string MemorySize,
    string Timeout, string Role, IReadOnlyDictionary<string, string> Environment, string LogGroupName,
    string LogRetentionDays, string TracingMode);

internal sealed record RoleFacts(
    string Name, string TrustedService, IReadOnlyList<string> ManagedPolicies, IReadOnlyList<PolicyStatement> Statements);

/// <summary>A statement of a policy; <paramref name="When"/> says when the policy holds it (a condition, or always).</summary>
internal sealed record PolicyStatement(string Effect, IReadOnlyList<string> Actions, IReadOnlyList<string> Resources, string When = Canonical.Always);

internal sealed record ApiFacts(
    string Name, IReadOnlyList<string> Paths, IReadOnlyList<MethodFacts> Methods, string StageName,
    AccessLogFacts AccessLog, AccountLoggingRoleFacts AccountLoggingRole, IReadOnlyList<MethodThrottleFacts> MethodThrottles,
    UsagePlanFacts UsagePlan, IReadOnlyList<InvokePermissionFacts> InvokePermissions,
    IReadOnlyList<GatewayResponseFacts> GatewayResponses, string TracingWhen);

internal sealed record MethodFacts(
    string Path, string HttpMethod, string Authorization, string ApiKeyRequired, string IntegrationType, string IntegrationHttpMethod,
    string IntegrationUri);

internal sealed record AccessLogFacts(string When, string Destination, IReadOnlyList<string> Fields);

/// <summary>A role the deployment creates and sets as API Gateway's account-wide CloudWatch role.</summary>
internal sealed record AccountLoggingRoleFacts(string When, string TrustedService, IReadOnlyList<string> ManagedPolicies);

/// <summary>A stage-wide throttle on one method, as <c>resource/METHOD</c>.</summary>
internal sealed record MethodThrottleFacts(string MethodPath, string RateLimit, string BurstLimit);

/// <summary>An answer API Gateway makes itself (not the function), with the headers it adds.</summary>
internal sealed record GatewayResponseFacts(string ResponseType, string When, IReadOnlyDictionary<string, string> Headers);

internal sealed record UsagePlanFacts(
    string ApiId, string Stage, string RateLimit, string BurstLimit, string QuotaLimit, string QuotaPeriod,
    string KeyType, string Key);

internal sealed record InvokePermissionFacts(string Action, string FunctionName, string Principal, string SourceArn);

internal sealed record AlarmTopicFacts(string EmailProtocol, string EmailEndpoint);

/// <summary>
/// An alarm on one metric (<paramref name="Namespace"/>, <paramref name="MetricName"/>, …) or on
/// <paramref name="Queries"/> (metric math or a Metrics Insights query; the metric's fields are then empty).
/// </summary>
internal sealed record AlarmFacts(
    string Name, string Namespace, string MetricName, string Statistic, IReadOnlyDictionary<string, string> Dimensions,
    string Threshold, string ComparisonOperator, IReadOnlyList<string> Actions, IReadOnlyList<AlarmQueryFacts> Queries,
    string Period, string EvaluationPeriods, string DatapointsToAlarm, string TreatMissingData);

/// <summary>One query of an alarm on queries: an expression, its period, and whether the alarm watches it.</summary>
internal sealed record AlarmQueryFacts(string Id, string Expression, string Period, string ReturnData);

/// <summary>A CloudWatch dashboard: its name and its body, JSON written compactly (<see cref="Canonical.Json"/>).</summary>
internal sealed record DashboardFacts(string Name, string Body);
