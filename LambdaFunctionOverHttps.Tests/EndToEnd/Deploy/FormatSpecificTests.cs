using FluentAssertions;
using LambdaFunctionOverHttps.Tests.EndToEnd.Deploy.Model;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.Deploy;

/// <summary>
/// What each format says in its own way, so that <see cref="DeploymentFacts"/> cannot hold it: when the
/// stage gets a new deployment, and what becomes of the account's logging role when the deployment goes.
/// </summary>
[Category("Deploy")]
public class FormatSpecificTests
{
    [Test]
    public void CloudFormation_serves_a_deployment_that_waits_for_every_method_and_one_with_the_gateway_responses_when_origins_are_set()
    {
        var resources = DeploymentFormats.Template()["Resources"].Entries();
        string[] OfType(string type) => [.. resources.Where(resource => resource.Value.At("Type") as string == type).Select(resource => resource.Key)];
        var deployments = OfType("AWS::ApiGateway::Deployment").ToDictionary(name => resources[name].At("Condition") as string ?? Canonical.Always);
        var stage = resources[OfType("AWS::ApiGateway::Stage").Single()];

        deployments.Keys.Should().BeEquivalentTo(["HasAllowedOrigins", "HasNoAllowedOrigins"]);
        DeploymentFormats.Template()["Conditions"].At("HasNoAllowedOrigins").Should()
            .BeEquivalentTo(new Dictionary<string, object?> { ["Fn::Not"] = new List<object?> { new Dictionary<string, object?> { ["Condition"] = "HasAllowedOrigins" } } });
        stage.At("Properties", "DeploymentId").Should().BeEquivalentTo(new Dictionary<string, object?>
        {
            ["Fn::If"] = new List<object?>
            {
                "HasAllowedOrigins",
                new Dictionary<string, object?> { ["Ref"] = deployments["HasAllowedOrigins"] },
                new Dictionary<string, object?> { ["Ref"] = deployments["HasNoAllowedOrigins"] },
            },
        });
        resources[deployments["HasNoAllowedOrigins"]].At("DependsOn").Items().Should().BeEquivalentTo(OfType("AWS::ApiGateway::Method"));
        resources[deployments["HasAllowedOrigins"]].At("DependsOn").Items().Should()
            .BeEquivalentTo([.. OfType("AWS::ApiGateway::Method"), .. OfType("AWS::ApiGateway::GatewayResponse")],
                "a deployment is a snapshot: what it does not wait for may be missing from it");
    }

    [Test]
    public async Task Terraform_redeploys_whenever_a_method_an_integration_or_a_gateway_response_changes()
    {
        var module = await DeploymentFormats.TerraformModuleAsync();
        var trigger = (string)module.Resources("aws_api_gateway_deployment").Single().Body.At("triggers", "redeployment")!;
        var watched = module.References.Where(reference => reference.Expression == trigger).Select(reference => reference.Reference);
        var shaping = module.Blocks("resource")
            .Where(block => block.Type is "aws_api_gateway_resource" or "aws_api_gateway_method" or "aws_api_gateway_integration" or "aws_api_gateway_gateway_response")
            .Select(block => $"{block.Type}.{block.Name}");

        watched.Should().BeEquivalentTo(shaping);
    }

    // Lambda refuses Active tracing to a role that may not call xray:PutTraceSegments, so the function
    // must not be created or updated before the statement is in place.
    [Test]
    public void CloudFormation_s_function_waits_for_the_X_Ray_statement_which_is_in_its_role_s_own_policy()
    {
        var resources = DeploymentFormats.Template()["Resources"].Entries();
        var function = resources.Values.Single(resource => resource.At("Type") as string == "AWS::Lambda::Function");
        var role = resources[(string)function.At("Properties", "Role", "Fn::GetAtt").Items()[0]!];
        var statements = role.At("Properties", "Policies").Items().SelectMany(policy => policy.At("PolicyDocument", "Statement").Items());

        statements.Select(statement => statement.At("Fn::If").Items().ElementAtOrDefault(1).At("Action")).Should()
            .ContainSingle(actions => actions.Items().Contains("xray:PutTraceSegments"), "the role's inline policy is created with the role, which the function waits for");
    }

    [Test]
    public async Task Terraform_s_function_waits_for_the_policy_that_holds_the_X_Ray_statement()
    {
        var module = await DeploymentFormats.TerraformModuleAsync();
        var function = module.Resources("aws_lambda_function").Single().Body;
        var holding = module.Resources("aws_iam_role_policy")
            .Where(policy => module.References.Any(reference => reference.Expression == (string)policy.Body.At("policy")! && reference.Reference.StartsWith("data.aws_iam_policy_document.", StringComparison.Ordinal)
                && module.Data("aws_iam_policy_document", reference.Reference.Split('.')[2]).Body.At("dynamic", "statement").Items()
                    .Any(statement => statement.At("content").Items().Single().At("actions").Items().Contains("xray:PutTraceSegments"))))
            .Select(policy => $"${{aws_iam_role_policy.{policy.Name}}}");

        holding.Should().ContainSingle();
        function.At("depends_on").Items().Should().Contain(holding.Single());
    }

    [Test]
    public void CloudFormation_keeps_the_logging_role_it_created_since_the_account_still_names_it_when_the_stack_is_gone()
    {
        var resources = DeploymentFormats.Template()["Resources"].Entries();
        var account = resources.Values.Single(resource => resource.At("Type") as string == "AWS::ApiGateway::Account");
        var role = resources[(string)account.At("Properties", "CloudWatchRoleArn", "Fn::GetAtt").Items()[0]!];

        role.At("DeletionPolicy").Should().Be("Retain");
        role.At("UpdateReplacePolicy").Should().Be("Retain");
    }

    [Test]
    public async Task Terraform_resets_the_account_s_logging_role_before_it_destroys_the_role_with_a_provider_that_can()
    {
        var module = await DeploymentFormats.TerraformModuleAsync();
        var account = module.Resources("aws_api_gateway_account").Single().Body;
        var provider = module.Files["versions.tf"].At("terraform").Items().Single().At("required_providers").Items().Single().At("aws", "version");

        account.At("reset_on_delete").Should().Be("true");
        account.At("cloudwatch_role_arn").Should().Be("${aws_iam_role.api_gateway_logging_role[0].arn}",
            "the reference makes terraform destroy reset the setting before it deletes the role");
        provider.Should().Be("~> 5.87", "reset_on_delete is in the 5.x provider from 5.87 on and gone in 6.0, where destroy always resets");
    }
}
