using FluentAssertions;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.Deploy;

/// <summary>The CloudFormation template and the Terraform module, compared with each other.</summary>
[Category("Deploy")]
public class CrossFormatTests
{
    // Only CloudFormation takes the zip from S3; only Terraform uploads it itself and picks a region.
    private static readonly string[] CloudFormationOnly = ["code_s3_bucket", "code_s3_key"];
    private static readonly string[] TerraformOnly = ["lambda_zip", "region"];

    [Test]
    public async Task Both_formats_describe_the_same_deployment()
    {
        var cloudFormation = await DeploymentFormats.FactsAsync(DeploymentFormats.CloudFormation);
        var terraform = await DeploymentFormats.FactsAsync(DeploymentFormats.Terraform);

        terraform.Should().BeEquivalentTo(cloudFormation, options => options.Excluding(facts => facts.ParameterDefaults));
    }

    [Test]
    public async Task The_Terraform_variables_are_the_template_parameters_with_the_same_defaults()
    {
        var parameters = (await DeploymentFormats.FactsAsync(DeploymentFormats.CloudFormation)).ParameterDefaults;
        var variables = (await DeploymentFormats.FactsAsync(DeploymentFormats.Terraform)).ParameterDefaults;

        variables.Where(variable => !TerraformOnly.Contains(variable.Key)).Should()
            .BeEquivalentTo(parameters.Where(parameter => !CloudFormationOnly.Contains(parameter.Key)));
    }

    [Test]
    public async Task Terraform_uploads_the_zip_that_package_sh_builds()
    {
        var zip = (await DeploymentFormats.FactsAsync(DeploymentFormats.Terraform)).ParameterDefaults["lambda_zip"]!;

        Path.GetFullPath(Path.Combine(DeploymentFormats.TerraformFolder, zip)).Should()
            .Be(RepositoryRoot.Combine(AotPackage.FromPackageScript().ZipPath.Split('/')));
    }
}
