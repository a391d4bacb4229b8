using System.Security.Cryptography;
using System.Text.Json;
using FluentAssertions;
using LambdaFunctionOverHttps.Tests.EndToEnd.Deploy.Model;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.Deploy.Scripts;

/// <summary>deploy/aws/deploy.sh against the stub AWS CLI: the calls it makes, in order, with which arguments.</summary>
[Category("Deploy")]
public class DeployScriptTests : StubAwsTests
{
    [Test]
    public async Task A_first_deploy_creates_the_bucket_uploads_the_zip_deploys_the_stack_and_reads_the_outputs()
    {
        var deployed = await Aws.RunAsync("deploy.sh");

        deployed.ExitCode.Should().Be(0, deployed.Stderr);
        Aws.Commands.Should().Equal(
            "sts get-caller-identity", "cloudformation describe-stacks", "s3api head-bucket", "s3api create-bucket",
            "s3api put-public-access-block", "s3 cp", "apigateway get-account", "cloudformation deploy",
            "cloudformation describe-stacks", "apigateway get-api-key");
        Aws.Call("s3api create-bucket").Should().ContainInOrder("--bucket", Bucket).And.ContainInOrder("--create-bucket-configuration", "LocationConstraint=eu-west-1");
        Aws.Call("s3api put-public-access-block").Should().Contain("BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true");
        var key = $"dynamodbmanager/lambda-aot-{Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Aws.Zip)))[..16]}.zip";
        Aws.Call("s3 cp").Should().ContainInOrder("cp", Aws.Zip, $"s3://{Bucket}/{key}");
        Aws.Call("apigateway get-api-key").Should().ContainInOrder("--api-key", "k1e2y3i4d5").And.Contain("--include-value");

        var deploy = Aws.Call("cloudformation deploy");
        deploy.Should().ContainInOrder("--stack-name", "dynamodbmanager").And.ContainInOrder("--region", "eu-west-1")
            .And.ContainInOrder("--template-file", RepositoryRoot.Combine("deploy", "aws", "template.yaml"))
            .And.Contain("--no-fail-on-empty-changeset");
        Overrides(deploy).Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["CodeS3Bucket"] = Bucket,
            ["CodeS3Key"] = key,
            ["AccessLogging"] = "false",
        }, "a setting the user did not give keeps the template's default, and the stub's account has no API Gateway logging role");
    }

    [Test]
    public async Task The_deploy_prints_where_the_dashboard_is()
    {
        var deployed = await Aws.RunAsync("deploy.sh");

        deployed.ExitCode.Should().Be(0, deployed.Stderr);
        DeploymentFormats.Template()["Outputs"].Entries().Should().ContainKey("DashboardUrl");
        deployed.Stdout.Should().Contain(
            "  dashboard    https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards/dashboard/LambdaFunctionOverHttps-eu-west-1\n");
    }

    [Test]
    public async Task The_deploy_acknowledges_the_named_IAM_role_and_the_transform_the_template_has()
    {
        await Aws.RunAsync("deploy.sh");

        var namedRoles = DeploymentFormats.Template()["Resources"].Entries().Values
            .Where(resource => resource.At("Type") as string == "AWS::IAM::Role" && resource.At("Properties", "RoleName") is not null);
        namedRoles.Should().NotBeEmpty("the function's role is named so that aws-lambda-tools-defaults.json can use it");
        DeploymentFormats.Template()["Transform"].Should().Be("AWS::LanguageExtensions", "CloudFormation expands Fn::ForEach only when told it may");
        Aws.Call("cloudformation deploy").Should().ContainInOrder("--capabilities", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND");
    }

    [Test]
    public async Task With_resources_the_deploy_prints_a_curl_of_the_first_route_and_how_to_subscribe_to_changes()
    {
        var deployed = await Aws.RunAsync("deploy.sh", "--resources", "product=products:id,customers=customer_ids:id", "--notifications", "true");

        deployed.ExitCode.Should().Be(0, deployed.Stderr);
        Overrides(Aws.Call("cloudformation deploy")).Should().Contain("Resources", "product=products:id,customers=customer_ids:id")
            .And.Contain("Notifications", "true");
        deployed.Stdout.Should().Contain("""curl -sS "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/Prod/product" -H "x-api-key: stubApiKeyValue0123456789abcdefghijklmn" """.TrimEnd())
            .And.Contain("aws sns subscribe --topic-arn arn:aws:sns:eu-west-1:123456789012:dynamodbmanager-ChangeTopic-1A2B3C");
    }

    [Test]
    public async Task An_update_without_resources_keeps_and_prints_the_stack_s_and_an_empty_value_removes_them()
    {
        Aws.StackExists("UPDATE_COMPLETE", deletionProtection: false, resources: "orders=orders:orderId:N");
        Aws.BucketExists();

        var kept = await Aws.RunAsync("deploy.sh");
        var removed = await Aws.RunAsync("deploy.sh", "--resources", "");

        kept.Stdout.Should().Contain("/Prod/orders\"");
        Overrides(Aws.Calls.Where(call => string.Join(' ', call.Take(2)) == "cloudformation deploy").First()).Should().NotContainKey("Resources");
        Overrides(Aws.Calls.Where(call => string.Join(' ', call.Take(2)) == "cloudformation deploy").Last()).Should().Contain("Resources", "");
        removed.Stdout.Should().NotContain("REST routes");
    }

    [Test]
    public async Task The_resource_tables_a_deploy_reports_are_those_template_yaml_creates()
    {
        await Aws.RunAsync("deploy.sh", "--resources", "product=products:id,orders=orders:orderId:N");

        Aws.HasResourceTable("products").Should().BeTrue();
        Aws.HasResourceTable("orders").Should().BeTrue("the stub creates what the template's slots create, which destroy.sh then looks for");
    }

    [Test]
    public async Task The_deploy_prints_the_API_URL_the_API_key_and_how_to_read_it_and_fills_a_Postman_environment()
    {
        var deployed = await Aws.RunAsync("deploy.sh");

        deployed.Stdout.Should().Contain("https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/Prod/dynamodbmanager")
            .And.Contain("aws apigateway get-api-key --api-key k1e2y3i4d5 --include-value --region eu-west-1 --query value --output text")
            .And.MatchRegex(@"baseUrl\s+https://a1b2c3d4e5\.execute-api\.eu-west-1\.amazonaws\.com/Prod\n")
            .And.MatchRegex(@"apiKey\s+stubApiKeyValue0123456789abcdefghijklmn\n");
        using var postman = JsonDocument.Parse(File.ReadAllText(Aws.PostmanEnvironment));
        postman.RootElement.GetProperty("values").EnumerateArray()
            .ToDictionary(value => value.GetProperty("key").GetString()!, value => value.GetProperty("value").GetString()!)
            .Should().Equal(new Dictionary<string, string>
            {
                ["baseUrl"] = "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/Prod",
                ["apiKey"] = "stubApiKeyValue0123456789abcdefghijklmn",
            });
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(Aws.PostmanEnvironment).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite, "the file holds the API key");
        }
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Settings_given_as_flags_or_environment_variables_become_the_template_s_parameters(bool asFlags)
    {
        string[] arguments = ["--parameter", "MemorySize=512"];
        if (asFlags)
        {
            arguments = [.. arguments, "--stack-name", "demo", "--region", "eu-central-1", "--table-name", "orders",
                "--alarm-email", "ops@example.com", "--deletion-protection", "false", "--bucket", "my-zips",
                "--allowed-origins", "https://app.example.com,http://localhost:5173", "--resources", "product=products:id", "--notifications", "true",
                "--tracing", "Active", "--metrics-namespace", "Team/Orders", "--fault-rate-threshold", "0.05"];
        }
        else
        {
            Aws.Environment["STACK_NAME"] = "demo";
            Aws.Environment["AWS_REGION"] = "eu-central-1";
            Aws.Environment["TABLE_NAME"] = "orders";
            Aws.Environment["ALARM_EMAIL"] = "ops@example.com";
            Aws.Environment["DELETION_PROTECTION"] = "false";
            Aws.Environment["ARTIFACT_BUCKET"] = "my-zips";
            Aws.Environment["ALLOWED_ORIGINS"] = "https://app.example.com,http://localhost:5173";
            Aws.Environment["RESOURCES"] = "product=products:id";
            Aws.Environment["NOTIFICATIONS"] = "true";
            Aws.Environment["TRACING"] = "Active";
            Aws.Environment["METRICS_NAMESPACE"] = "Team/Orders";
            Aws.Environment["FAULT_RATE_THRESHOLD"] = "0.05";
        }

        Aws.BucketExists();

        var deployed = await Aws.RunAsync("deploy.sh", arguments);

        deployed.ExitCode.Should().Be(0, deployed.Stderr);
        var deploy = Aws.Call("cloudformation deploy");
        deploy.Should().ContainInOrder("--stack-name", "demo").And.ContainInOrder("--region", "eu-central-1");
        var overrides = Overrides(deploy);
        overrides.Should().Contain("TableName", "orders").And.Contain("AlarmEmail", "ops@example.com")
            .And.Contain("DeletionProtection", "false").And.Contain("MemorySize", "512").And.Contain("CodeS3Bucket", "my-zips")
            .And.Contain("AllowedOrigins", "https://app.example.com,http://localhost:5173")
            .And.Contain("Resources", "product=products:id").And.Contain("Notifications", "true")
            .And.Contain("Tracing", "Active").And.Contain("MetricsNamespace", "Team/Orders").And.Contain("FaultRateThreshold", "0.05");
        overrides["CodeS3Key"].Should().StartWith("demo/");
        overrides.Keys.Should().BeSubsetOf(DeploymentFormats.Template()["Parameters"].Entries().Keys, "every override must be a template parameter");
    }

    [Test]
    public async Task An_update_reuses_the_bucket_and_keeps_the_stack_s_choice_of_access_logging()
    {
        Aws.StackExists("UPDATE_COMPLETE", deletionProtection: true, accessLogging: "false");
        Aws.BucketExists();
        Aws.Environment["STUB_AWS_LOGGING_ROLE"] = $"arn:aws:iam::{StubAws.Account}:role/apigateway-logs";

        var deployed = await Aws.RunAsync("deploy.sh");

        deployed.ExitCode.Should().Be(0, deployed.Stderr);
        Aws.Commands.Should().NotContain(["s3api create-bucket", "apigateway get-account"]);
        Overrides(Aws.Call("cloudformation deploy")).Keys.Should().BeEquivalentTo(["CodeS3Bucket", "CodeS3Key"]);
    }

    [Test]
    public async Task An_update_of_a_stack_from_before_AccessLogging_keeps_its_access_logs_when_the_account_has_a_logging_role()
    {
        Aws.StackExists("UPDATE_COMPLETE", deletionProtection: true, accessLogging: null);
        Aws.Environment["STUB_AWS_LOGGING_ROLE"] = $"arn:aws:iam::{StubAws.Account}:role/apigateway-logs";

        await Aws.RunAsync("deploy.sh");

        Overrides(Aws.Call("cloudformation deploy")).Should().Contain("AccessLogging", "true");
    }

    [Test]
    public async Task An_account_that_has_an_API_Gateway_logging_role_gets_access_logs_and_no_second_role()
    {
        Aws.Environment["STUB_AWS_LOGGING_ROLE"] = $"arn:aws:iam::{StubAws.Account}:role/apigateway-logs";

        var deployed = await Aws.RunAsync("deploy.sh");

        Overrides(Aws.Call("cloudformation deploy")).Should().Contain("AccessLogging", "true").And.NotContainKey("CreateApiGatewayLoggingRole");
        deployed.Stdout.Should().NotContain("Access logs are off");
    }

    [Test]
    public async Task An_account_without_a_logging_role_is_left_alone_and_told_how_to_get_access_logs()
    {
        var deployed = await Aws.RunAsync("deploy.sh");

        Overrides(Aws.Call("cloudformation deploy")).Should().Contain("AccessLogging", "false").And.NotContainKey("CreateApiGatewayLoggingRole");
        deployed.Stdout.Should().Contain("Access logs are off").And.Contain("--parameter CreateApiGatewayLoggingRole=true");
    }

    [TestCase("CreateApiGatewayLoggingRole", "true", null)]
    [TestCase("CreateApiGatewayLoggingRole", "true", "arn:aws:iam::123456789012:role/apigateway-logs")]
    [TestCase("AccessLogging", "false", "arn:aws:iam::123456789012:role/apigateway-logs")]
    [TestCase("AccessLogging", "true", null)]
    public async Task A_logging_parameter_the_user_gives_wins_over_what_the_script_would_choose(string parameter, string value, string? accountRole)
    {
        Aws.Environment["STUB_AWS_LOGGING_ROLE"] = accountRole;

        var deployed = await Aws.RunAsync("deploy.sh", "--parameter", $"{parameter}={value}");

        deployed.ExitCode.Should().Be(0, deployed.Stderr);
        AllOverrides(Aws.Call("cloudformation deploy")).Where(pair => pair.Key is "CreateApiGatewayLoggingRole" or "AccessLogging")
            .Should().Equal([new KeyValuePair<string, string>(parameter, value)], "the user's parameter alone reaches CloudFormation");
        Aws.Commands.Should().NotContain("apigateway get-account", "nothing is left to choose");
    }

    [Test]
    public async Task In_us_east_1_the_bucket_is_created_without_a_location_constraint()
    {
        Aws.Environment["AWS_REGION"] = "us-east-1";

        await Aws.RunAsync("deploy.sh");

        Aws.Call("s3api create-bucket").Should().ContainInOrder("--bucket", $"dynamodbmanager-artifacts-{StubAws.Account}-us-east-1")
            .And.NotContain("--create-bucket-configuration");
    }

    [Test]
    public async Task Without_a_region_setting_the_CLI_s_configured_region_is_used()
    {
        Aws.Environment["AWS_REGION"] = "";
        Aws.Environment["STUB_AWS_CONFIGURED_REGION"] = "ap-southeast-2";

        await Aws.RunAsync("deploy.sh");

        Aws.Call("cloudformation deploy").Should().ContainInOrder("--region", "ap-southeast-2");
    }

    [Test]
    public async Task A_failed_deploy_prints_why_each_resource_failed()
    {
        Aws.Environment["STUB_AWS_DEPLOY_FAILS"] = "1";

        var deployed = await Aws.RunAsync("deploy.sh");

        deployed.ExitCode.Should().Be(2);
        Aws.Commands.Should().EndWith(["cloudformation deploy", "cloudformation describe-stack-events"]);
        deployed.Stderr.Should().Contain("Table already exists: lambda-apigateway").And.Contain("did not deploy");
    }

    [Test]
    public async Task A_stack_whose_create_rolled_back_is_not_updated_and_destroy_is_suggested()
    {
        Aws.StackExists("ROLLBACK_COMPLETE", deletionProtection: true);

        var deployed = await Aws.RunAsync("deploy.sh");

        deployed.ExitCode.Should().Be(2);
        Aws.Commands.Should().NotContain("cloudformation deploy").And.NotContain("s3 cp");
        deployed.Stderr.Should().Contain("deploy/aws/destroy.sh --stack-name dynamodbmanager --region eu-west-1");
    }

    [Test]
    public async Task A_missing_zip_stops_the_deploy_before_anything_is_uploaded()
    {
        Aws.Environment["LAMBDA_ZIP"] = "/nonexistent/lambda-aot.zip";

        var deployed = await Aws.RunAsync("deploy.sh");

        deployed.ExitCode.Should().Be(2);
        deployed.Stderr.Should().Contain("no zip at /nonexistent/lambda-aot.zip");
        Aws.Commands.Should().NotContain(["s3 cp", "cloudformation deploy"]);
    }

    private static Dictionary<string, string> Overrides(string[] deploy) =>
        AllOverrides(deploy).ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);

    // Every KEY=VALUE given, in order, a key given twice included.
    private static List<KeyValuePair<string, string>> AllOverrides(string[] deploy) =>
        [.. deploy.SkipWhile(argument => argument != "--parameter-overrides").Skip(1).TakeWhile(argument => !argument.StartsWith("--", StringComparison.Ordinal))
            .Select(pair => pair.Split('=', 2)).Select(pair => new KeyValuePair<string, string>(pair[0], pair[1]))];
}
