using LambdaFunctionOverHttps.Tests.EndToEnd.Deploy.CloudFormation;
using LambdaFunctionOverHttps.Tests.EndToEnd.Deploy.Model;
using LambdaFunctionOverHttps.Tests.EndToEnd.Deploy.Terraform;
using LambdaFunctionOverHttps.Tests.Support;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.Deploy;

/// <summary>The two descriptions of the deployment, each read once per test run.</summary>
internal static class DeploymentFormats
{
    public const string CloudFormation = "CloudFormation";
    public const string Terraform = "Terraform";

    private static readonly Lazy<Task<TerraformModule>> Module = new(() => Deploy.Terraform.TerraformModule.LoadAsync(TerraformFolder));

    public static string TemplatePath => RepositoryRoot.Combine("deploy", "aws", "template.yaml");

    public static string TerraformFolder => RepositoryRoot.Combine("deploy", "terraform");

    /// <summary>The TestCaseSource of the assertions that both formats must pass.</summary>
    public static IEnumerable<string> Both => [CloudFormation, Terraform];

    public static IReadOnlyDictionary<string, object?> Template() => CloudFormationTemplate.Load(TemplatePath);

    public static Task<TerraformModule> TerraformModuleAsync() => Module.Value;

    public static async Task<DeploymentFacts> FactsAsync(string format) => format switch
    {
        CloudFormation => CloudFormationFacts.Read(Template()),
        Terraform => TerraformFacts.Read(await TerraformModuleAsync()),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Not a deployment format."),
    };
}
