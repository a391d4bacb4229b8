using FluentAssertions;
using LambdaFunctionOverHttps.Tests.EndToEnd.Deploy.Model;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.Deploy.Terraform;

/// <summary>
/// deploy/terraform read by a real HCL parser, and the reference check against modules that
/// <c>terraform validate</c> would refuse.
/// </summary>
[Category("Deploy")]
public class TerraformModuleTests
{
    private string _folder = "";

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("tf-module-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task The_module_parses_and_every_name_it_references_is_declared_and_every_variable_used()
    {
        var module = await DeploymentFormats.TerraformModuleAsync();

        module.Files.Keys.Should().Contain(["versions.tf", "variables.tf", "outputs.tf"]);
        module.References.Should().NotBeEmpty();
        TerraformReferenceCheck.Problems(module).Should().BeEmpty();
    }

    [Test]
    public async Task The_module_pins_the_AWS_provider_and_a_Terraform_version()
    {
        var module = await DeploymentFormats.TerraformModuleAsync();
        var settings = module.Files["versions.tf"].At("terraform").Items().Single();

        settings.At("required_version").Should().Be(">= 1.5.0", "the module uses features of Terraform 1.5");
        settings.At("required_providers").Items().Single().At("aws", "source").Should().Be("hashicorp/aws");
        settings.At("required_providers").Items().Single().At("random", "source").Should().Be("hashicorp/random", "random_password makes the paging tokens' key");
    }

    [Test]
    public async Task The_check_reports_undeclared_names_missing_instance_keys_and_unused_variables()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "main.tf"), """
            variable "used" {}
            variable "unused" {}
            resource "aws_sns_topic" "counted" {
              count = 1
              name  = var.used
            }
            resource "aws_sns_topic" "single" {
              name = "${var.missing}-${aws_sns_topic.counted.arn}"
            }
            output "a" { value = aws_sns_topic.nope.arn }
            output "b" { value = aws_sns_topic.single[0].arn }
            output "c" { value = data.aws_region.current.name }
            output "d" { value = aws_sns_topic.counted[0].arn }
            """);

        var problems = TerraformReferenceCheck.Problems(await TerraformModule.LoadAsync(_folder));

        problems.Should().HaveCount(6).And.Satisfy(
            problem => problem.Contains("var.missing", StringComparison.Ordinal) && problem.EndsWith("no such variable", StringComparison.Ordinal),
            problem => problem.Contains("aws_sns_topic.counted.arn", StringComparison.Ordinal) && problem.EndsWith("needs an index, e.g. [0]", StringComparison.Ordinal),
            problem => problem.Contains("aws_sns_topic.nope.arn", StringComparison.Ordinal) && problem.EndsWith("no such resource", StringComparison.Ordinal),
            problem => problem.Contains("aws_sns_topic.single.0.arn", StringComparison.Ordinal) && problem.EndsWith("takes no index", StringComparison.Ordinal),
            problem => problem.Contains("data.aws_region.current.name", StringComparison.Ordinal) && problem.EndsWith("no such data source", StringComparison.Ordinal),
            problem => problem == "variable unused: declared but never used");
    }

    [Test]
    public async Task The_references_of_a_template_with_quotes_and_backslashes_in_its_text_are_found()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "main.tf"), """
            variable "route" {}
            output "message" { value = "{\"route\": \"${var.route}\", \"path\": \"a\\b\"}" }
            """);

        var module = await TerraformModule.LoadAsync(_folder);

        module.References.Select(reference => reference.Reference).Should().Equal("var.route");
        TerraformReferenceCheck.Problems(module).Should().BeEmpty();
    }

    [Test]
    public async Task A_syntax_error_is_reported_with_the_parser_s_message()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "broken.tf"), "resource \"aws_sns_topic\" \"t\" {\n  name = \n}\n");

        var load = () => TerraformModule.LoadAsync(_folder);

        (await load.Should().ThrowAsync<InvalidDataException>()).Which.Message.Should().Contain("broken.tf:2");
    }
}
