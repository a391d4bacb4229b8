using System.Text.RegularExpressions;
using FluentAssertions;
using LambdaFunctionOverHttps.Logging;
using LambdaFunctionOverHttps.Tests.EndToEnd.Deploy.Model;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.Deploy;

/// <summary>
/// What the deployment creates, asserted once and run against both the CloudFormation template and
/// the Terraform module, so that neither can drift from this nor from the other.
/// </summary>
[Category("Deploy")]
[TestFixtureSource(typeof(DeploymentFormats), nameof(DeploymentFormats.Both))]
public class DeploymentFactsTests(string format)
{
    private const string TableArn = "${table.arn}";
    private static readonly string FunctionLogGroup = "/aws/lambda/" + Canonical.Variable("function_name");
    private static readonly PolicyStatement XRayStatement = ObservabilityDeploymentTests.XRayStatement;

    private DeploymentFacts _facts = null!;

    private static bool IsXRayStatement(PolicyStatement statement) =>
        statement.Effect == XRayStatement.Effect && statement.Actions.SequenceEqual(XRayStatement.Actions)
        && statement.Resources.SequenceEqual(XRayStatement.Resources) && statement.When == XRayStatement.When;

    [OneTimeSetUp]
    public async Task Read() => _facts = await DeploymentFormats.FactsAsync(format);

    [Test]
    public void The_table_has_an_id_string_hash_key_on_demand_billing_encryption_and_point_in_time_recovery()
    {
        _facts.Table.Should().BeEquivalentTo(new TableFacts(
            Name: Canonical.Variable("table_name"), HashKey: "id", HashKeyType: "S", BillingMode: "PAY_PER_REQUEST",
            EncryptionEnabled: "true", PointInTimeRecovery: "true", DeletionProtection: Canonical.Variable("deletion_protection")));
    }

    [Test]
    public void The_table_name_defaults_to_lambda_apigateway_and_deletion_protection_to_on()
    {
        _facts.ParameterDefaults.Should().Contain("table_name", "lambda-apigateway").And.Contain("deletion_protection", "true");
    }

    [Test]
    public void The_function_runs_the_bootstrap_that_package_sh_builds_on_provided_al2023()
    {
        var package = AotPackage.FromPackageScript();

        _facts.Function.Runtime.Should().Be("provided.al2023");
        package.GlibcCeiling.Should().Be("GLIBC_2.34", "provided.al2023 has glibc 2.34, so package.sh must check against it");
        _facts.Function.Handler.Should().Be(package.Executable);
        _facts.Function.Architectures.Should().Equal(package.Architecture);
    }

    [Test]
    public void The_function_memory_timeout_and_log_retention_are_parameters()
    {
        _facts.Function.MemorySize.Should().Be(Canonical.Variable("memory_size"));
        _facts.Function.Timeout.Should().Be(Canonical.Variable("timeout"));
        _facts.Function.LogGroupName.Should().Be(FunctionLogGroup);
        _facts.Function.LogRetentionDays.Should().Be(Canonical.Variable("log_retention_days"));
        _facts.ParameterDefaults.Should().Contain("memory_size", "256").And.Contain("timeout", "10").And.Contain("log_retention_days", "30");
    }

    [Test]
    public void The_function_uses_its_table_as_TABLE_NAME_and_may_use_it_and_each_resource_table_and_no_other()
    {
        _facts.Function.Environment.Should().Contain(new Dictionary<string, string>
        {
            ["TABLE_NAME"] = Canonical.Variable("table_name"),
            ["ALLOWED_TABLES"] = Canonical.Variable("table_name") + "," + Canonical.ForEachResource("${resource.table}"),
            ["ALLOWED_ORIGINS"] = Canonical.Variable("allowed_origins"),
        });
    }

    [Test]
    public void The_function_is_told_its_own_timeout_in_FUNCTION_TIMEOUT_SECONDS()
    {
        // The managed runtime's handler learns its deadline from nothing else.
        _facts.Function.Environment.Should().Contain("FUNCTION_TIMEOUT_SECONDS", _facts.Function.Timeout);
    }

    [Test]
    public void The_function_s_environment_holds_only_what_the_function_reads()
    {
        _facts.Function.Environment.Keys.Should().BeEquivalentTo(
            "TABLE_NAME", "ALLOWED_TABLES", "ALLOWED_ORIGINS", "FUNCTION_TIMEOUT_SECONDS", "RESOURCES", "NEXT_TOKEN_SECRET", MetricsNamespace.Variable);
    }

    [Test]
    public void The_function_role_allows_the_item_calls_and_batches_on_its_table_reads_of_its_indexes_and_log_writes_to_its_own_log_group_and_nothing_else()
    {
        _facts.Function.Role.Should().Be("${function_role.arn}");
        _facts.FunctionRole.TrustedService.Should().Be("lambda.amazonaws.com");
        _facts.FunctionRole.ManagedPolicies.Should().BeEmpty("a managed policy such as AWSLambdaBasicExecutionRole allows every log group");
        _facts.FunctionRole.Statements.Should().BeEquivalentTo(new[]
        {
            new PolicyStatement(
                "Allow",
                ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Scan", "dynamodb:Query", "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:DescribeTable"],
                [TableArn]),
            new PolicyStatement("Allow", ["dynamodb:Query", "dynamodb:Scan"], [TableArn + "/index/*"]),
            new PolicyStatement("Allow", ["logs:CreateLogStream", "logs:PutLogEvents"], [Canonical.LogGroupArn(FunctionLogGroup) + ":*"]),
            XRayStatement,
        });
    }

    [Test]
    public void The_log_retention_is_one_CloudWatch_Logs_accepts()
    {
        _facts.ParameterChoices["log_retention_days"].Should().Contain(_facts.ParameterDefaults["log_retention_days"]).And.HaveCount(22);
    }

    [Test]
    public void No_role_statement_has_a_wildcard_action_or_resource()
    {
        var statements = _facts.FunctionRole.Statements.Concat(_facts.PerResource.FunctionPolicy.Statements)
            .Concat(_facts.PerResource.Pipe.RoleStatements).ToList();

        statements.SelectMany(statement => statement.Actions).Should().NotContain(action => action.Contains('*', StringComparison.Ordinal));
        // The * allowed are the log group ARN's :* suffix, which means "this group's log streams", the
        // table ARN's /index/* suffix, which means "this table's indexes", and the X-Ray statement's
        // resource: X-Ray accepts no other for PutTraceSegments and PutTelemetryRecords, which name no
        // resource, and the statement holds these two actions alone.
        statements.Where(statement => !IsXRayStatement(statement)).SelectMany(statement => statement.Resources)
            .Select(resource => resource.EndsWith(":*", StringComparison.Ordinal) ? resource[..^2] : resource)
            .Select(resource => resource == TableArn + "/index/*" ? TableArn : resource)
            .Should().NotContain(resource => resource.Contains('*', StringComparison.Ordinal));
    }

    [Test]
    public void The_role_is_named_after_the_table()
    {
        _facts.FunctionRole.Name.Should().Be(Canonical.Variable("table_name") + "-role");
    }

    [Test]
    public void The_API_is_named_after_the_function_with_the_envelope_the_routes_and_health_as_Lambda_proxy_integrations()
    {
        var api = _facts.Api;

        api.Name.Should().Be(Canonical.Variable("function_name") + "-DynamoDBOperations", "a function name is unique in its region, so the API's is too");
        api.Paths.Should().Equal("/dynamodbmanager", "/health", "/{route}", "/{route}/{id}");
        api.Methods.Select(method => $"{method.HttpMethod} {method.Path}").Should().BeEquivalentTo(
            "POST /dynamodbmanager", "OPTIONS /dynamodbmanager",
            "GET /{route}", "POST /{route}", "PUT /{route}", "OPTIONS /{route}",
            "GET /{route}/{id}", "PUT /{route}/{id}", "PATCH /{route}/{id}", "DELETE /{route}/{id}", "OPTIONS /{route}/{id}",
            "GET /health", "OPTIONS /health");
        api.Methods.Should().OnlyContain(method => method.IntegrationType == "AWS_PROXY" && method.IntegrationUri == Canonical.LambdaInvokeUri("${function.arn}"));
        api.Methods.Should().OnlyContain(method => method.IntegrationHttpMethod == "POST",
            "Lambda is invoked with POST whatever the client's method; anything else is a 500");
        api.StageName.Should().Be("Prod");
    }

    [Test]
    public void Every_method_but_the_preflights_requires_an_API_key_under_a_usage_plan_with_throttle_and_quota_parameters()
    {
        _facts.Api.Methods.Should().OnlyContain(method => method.Authorization == "NONE");
        _facts.Api.Methods.Where(method => method.HttpMethod != "OPTIONS").Should().OnlyContain(method => method.ApiKeyRequired == "true");
        _facts.Api.UsagePlan.Should().BeEquivalentTo(new UsagePlanFacts(
            ApiId: "${rest_api.id}", Stage: "Prod", RateLimit: Canonical.Variable("throttle_rate_limit"),
            BurstLimit: Canonical.Variable("throttle_burst_limit"), QuotaLimit: Canonical.Variable("quota_limit"),
            QuotaPeriod: "DAY", KeyType: "API_KEY", Key: "${api_key.id}"));
    }

    [Test]
    public void OPTIONS_needs_no_API_key_as_browsers_send_preflights_without_one_and_the_stage_throttles_it_at_the_plan_s_rates()
    {
        var options = _facts.Api.Methods.Where(method => method.HttpMethod == "OPTIONS").ToList();

        options.Select(method => method.Path).Should().BeEquivalentTo(_facts.Api.Paths, "a page calls every path through a preflight");
        options.Should().OnlyContain(method => method.Authorization == "NONE" && method.ApiKeyRequired == "false");
        _facts.Api.MethodThrottles.Should().BeEquivalentTo(_facts.Api.Paths.Select(path => new MethodThrottleFacts(
            path[1..] + "/OPTIONS", Canonical.Variable("throttle_rate_limit"), Canonical.Variable("throttle_burst_limit"))));
    }

    [Test]
    public void API_Gateway_may_invoke_the_function_only_from_this_API_s_methods_each_on_its_own_path()
    {
        // A path variable is a * in the ARN, so /{route} is /* and /{route}/{id} is /*/*.
        string ArnPath(string path) => string.Join('/', path.Split('/').Select(part => part.StartsWith('{') ? "*" : part));

        _facts.Api.InvokePermissions.Should().BeEquivalentTo(_facts.Api.Methods.Select(method => new InvokePermissionFacts(
            Action: "lambda:InvokeFunction", FunctionName: "${function.arn}", Principal: "apigateway.amazonaws.com",
            SourceArn: Canonical.ExecutionArn("${rest_api.id}") + $"/*/{method.HttpMethod}{ArnPath(method.Path)}")));
    }

    [Test]
    public void Allowed_origins_default_to_none_and_reach_the_function_as_ALLOWED_ORIGINS()
    {
        _facts.ParameterDefaults.Should().Contain("allowed_origins", "");
        _facts.Function.Environment.Should().Contain("ALLOWED_ORIGINS", Canonical.Variable("allowed_origins"));
    }

    [TestCase("", true)]
    [TestCase("*", true)]
    [TestCase("https://app.example.com", true)]
    [TestCase("https://app.example.com,http://localhost:5173", true)]
    [TestCase("http://[::1]:3000", true)]
    [TestCase("https://app.example.com/", false)]
    [TestCase("https://app.example.com/console", false)]
    [TestCase("https://a.example, https://b.example", false)]
    [TestCase("*,https://app.example.com", false)]
    [TestCase("app.example.com", false)]
    [TestCase("https://app.example.com,", false)]
    public void Allowed_origins_the_function_could_not_read_are_refused_before_anything_is_deployed(string origins, bool accepted)
    {
        Regex.IsMatch(origins, _facts.ParameterPatterns["allowed_origins"], RegexOptions.None, TimeSpan.FromSeconds(1)).Should().Be(accepted);
    }

    [Test]
    public void With_allowed_origins_API_Gateway_s_own_4XX_and_5XX_answers_carry_CORS_headers_and_without_them_none()
    {
        var headers = new Dictionary<string, string>
        {
            ["gatewayresponse.header.Access-Control-Allow-Origin"] = "method.request.header.Origin",
            ["gatewayresponse.header.Access-Control-Expose-Headers"] = "'x-amzn-ErrorType,x-amzn-RequestId'",
            ["gatewayresponse.header.Vary"] = "'Origin'",
        };
        var whenOriginsAreSet = Canonical.Variable("allowed_origins") + " != \"\"";

        _facts.Api.GatewayResponses.Should().BeEquivalentTo(new[]
        {
            new GatewayResponseFacts("DEFAULT_4XX", whenOriginsAreSet, headers),
            new GatewayResponseFacts("DEFAULT_5XX", whenOriginsAreSet, headers),
        });
    }

    [Test]
    public void The_Prod_stage_writes_JSON_access_logs_to_a_log_group_of_its_own_when_the_account_has_a_logging_role()
    {
        _facts.Api.AccessLog.When.Should().Be(Canonical.Variable("access_logging") + " || " + Canonical.Variable("create_api_gateway_logging_role"),
            "an account without API Gateway's CloudWatch role refuses a stage with access logging");
        _facts.Api.AccessLog.Destination.Should().Be(Canonical.LogGroupArn("/aws/apigateway/${rest_api.id}/Prod"));
        _facts.Api.AccessLog.Fields.Should().Contain(["$context.requestId", "$context.status", "$context.identity.apiKeyId",
            "$context.integration.error", "$context.error.message"]);
    }

    [Test]
    public void The_account_wide_API_Gateway_logging_role_is_left_alone_unless_asked_for()
    {
        _facts.ParameterDefaults.Should().Contain("create_api_gateway_logging_role", "false").And.Contain("access_logging", "false");
        _facts.Api.AccountLoggingRole.Should().BeEquivalentTo(new AccountLoggingRoleFacts(
            When: Canonical.Variable("create_api_gateway_logging_role"), TrustedService: "apigateway.amazonaws.com",
            ManagedPolicies: [$"arn:{Canonical.Partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"]));
    }

    [Test]
    public void Alarms_on_function_errors_throttles_and_p99_duration_and_on_API_5XX_notify_the_alarm_topic()
    {
        var function = new Dictionary<string, string> { ["FunctionName"] = Canonical.Variable("function_name") };

        _facts.Alarms.Where(alarm => alarm.Queries.Count == 0).Select(alarm => (alarm.Namespace, alarm.MetricName, alarm.Statistic)).Should().BeEquivalentTo(new[]
        {
            ("AWS/Lambda", "Errors", "Sum"), ("AWS/Lambda", "Throttles", "Sum"), ("AWS/Lambda", "Duration", "p99"),
            ("AWS/ApiGateway", "5XXError", "Sum"),
        });
        _facts.Alarms.Where(alarm => alarm.Namespace == "AWS/Lambda").Should().OnlyContain(alarm => alarm.Dimensions.SequenceEqual(function));
        _facts.Alarms.Single(alarm => alarm.MetricName == "5XXError").Dimensions.Should()
            .Equal(new Dictionary<string, string> { ["ApiName"] = _facts.Api.Name, ["Stage"] = "Prod" }, "the alarm must watch this API, not every API of that name in the region");
        _facts.Alarms.Single(alarm => alarm.MetricName == "Duration").Threshold.Should().Be(Canonical.Variable("duration_p99_threshold_ms"));
        _facts.Alarms.Should().OnlyContain(alarm => alarm.Actions.SequenceEqual(new[] { "${alarm_topic.arn}" }));
    }

    [Test]
    public void The_optional_alarm_email_subscribes_to_the_topic()
    {
        _facts.AlarmTopic.Should().Be(new AlarmTopicFacts("email", Canonical.Variable("alarm_email")));
        _facts.ParameterDefaults.Should().Contain("alarm_email", "");
    }

    [Test]
    public void The_outputs_are_the_API_URL_the_API_key_id_the_function_the_table_the_change_topic_and_the_dashboard()
    {
        _facts.Outputs.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["api_url"] = Canonical.StageUrl("${rest_api.id}", "Prod") + "/dynamodbmanager",
            ["api_key_id"] = "${api_key.id}",
            ["function_name"] = Canonical.Variable("function_name"),
            ["table_name"] = Canonical.Variable("table_name"),
            ["change_topic_arn"] = "${change_topic.arn}",
            ["dashboard_url"] = $"https://{Canonical.Region}.console.aws.amazon.com/cloudwatch/home?region={Canonical.Region}#dashboards/dashboard/{_facts.Dashboard.Name}",
        });
    }

    [Test]
    public void The_dotnet_lambda_tools_defaults_target_the_deployed_function_role_and_table()
    {
        var tools = LambdaToolsDefaults.Read();
        string Deployed(string value) => Canonical.WithDefaults(value, _facts.ParameterDefaults);

        tools.FunctionName.Should().Be(Deployed(_facts.Function.Name));
        tools.FunctionRole.Should().Be(Deployed(_facts.FunctionRole.Name));
        tools.Architecture.Should().Be(_facts.Function.Architectures.Single());
        tools.MemorySize.Should().Be(Deployed(_facts.Function.MemorySize));
        tools.Timeout.Should().Be(Deployed(_facts.Function.Timeout));
        tools.Environment.Should().Equal(_facts.Function.Environment.ToDictionary(variable => variable.Key, variable => Canonical.WithoutResources(Deployed(variable.Value))),
            "dotnet lambda deploy-function deploys the function alone, without resources");
    }
}
