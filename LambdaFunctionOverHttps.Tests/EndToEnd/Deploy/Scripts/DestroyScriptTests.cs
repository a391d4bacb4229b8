using FluentAssertions;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.Deploy.Scripts;

/// <summary>deploy/aws/destroy.sh against the stub AWS CLI.</summary>
[Category("Deploy")]
public class DestroyScriptTests : StubAwsTests
{
    [Test]
    public async Task Destroy_deletes_the_stack_waits_for_it_then_deletes_the_stack_s_zips_and_the_bucket_deploy_created()
    {
        Aws.StackExists("UPDATE_COMPLETE", deletionProtection: false);
        Aws.BucketExists();

        var destroyed = await Aws.RunAsync("destroy.sh");

        destroyed.ExitCode.Should().Be(0, destroyed.Stderr);
        Aws.Commands.Should().Equal(
            "sts get-caller-identity", "cloudformation describe-stacks", "dynamodb describe-table", "cloudformation delete-stack",
            "cloudformation wait", "s3api head-bucket", "s3 rm", "s3api list-objects-v2", "s3api delete-bucket");
        Aws.Call("dynamodb describe-table").Should().ContainInOrder("--table-name", "lambda-apigateway").And.ContainInOrder("--region", "eu-west-1");
        Aws.Call("cloudformation delete-stack").Should().ContainInOrder("--stack-name", "dynamodbmanager").And.ContainInOrder("--region", "eu-west-1");
        Aws.Call("cloudformation wait").Should().ContainInOrder("wait", "stack-delete-complete", "--stack-name", "dynamodbmanager");
        Aws.Call("s3 rm").Should().ContainInOrder("rm", $"s3://{Bucket}/dynamodbmanager/", "--recursive");
        Aws.Call("s3api delete-bucket").Should().ContainInOrder("--bucket", Bucket);
        Aws.HasStack.Should().BeFalse();
        Aws.HasBucket.Should().BeFalse();
    }

    [Test]
    public async Task Destroy_run_again_finds_nothing_left_and_succeeds()
    {
        Aws.StackExists("CREATE_COMPLETE", deletionProtection: false);
        Aws.BucketExists();
        (await Aws.RunAsync("destroy.sh")).ExitCode.Should().Be(0);

        var again = await Aws.RunAsync("destroy.sh");

        again.ExitCode.Should().Be(0, again.Stderr);
        again.Stdout.Should().Contain("No stack dynamodbmanager in eu-west-1: nothing to delete");
        Aws.Commands.Skip(9).Should().Equal("sts get-caller-identity", "cloudformation describe-stacks", "s3api head-bucket");
    }

    [Test]
    public async Task Destroy_keeps_a_table_with_deletion_protection_and_says_how_to_release_it()
    {
        Aws.StackExists("CREATE_COMPLETE", deletionProtection: true);

        var destroyed = await Aws.RunAsync("destroy.sh");

        destroyed.ExitCode.Should().Be(2);
        destroyed.Stderr.Should().Contain("aws dynamodb update-table --table-name lambda-apigateway --no-deletion-protection-enabled --region eu-west-1");
        Aws.Commands.Should().NotContain("cloudformation delete-stack");
        Aws.HasStack.Should().BeTrue();
        Aws.HasTable.Should().BeTrue();
    }

    [Test]
    public async Task Following_the_printed_steps_deletes_a_table_that_had_deletion_protection()
    {
        Aws.StackExists("CREATE_COMPLETE", deletionProtection: true);
        Aws.BucketExists();
        var refused = await Aws.RunAsync("destroy.sh");
        var step = refused.Stderr.Split('\n').Select(line => line.Trim()).Single(line => line.StartsWith("aws ", StringComparison.Ordinal));

        var released = await Aws.RunCommandLineAsync(step);
        var destroyed = await Aws.RunAsync("destroy.sh");

        released.ExitCode.Should().Be(0, released.Stderr);
        destroyed.ExitCode.Should().Be(0, destroyed.Stderr);
        Aws.HasStack.Should().BeFalse("the stack's DeletionProtection parameter still says true, but the table's own setting is what counts");
        Aws.HasTable.Should().BeFalse();
        Aws.HasBucket.Should().BeFalse();
    }

    [Test]
    public async Task Destroy_keeps_a_table_whose_protection_was_turned_on_outside_the_stack()
    {
        Aws.StackExists("UPDATE_COMPLETE", deletionProtection: false);
        (await Aws.RunCommandLineAsync("aws dynamodb update-table --table-name lambda-apigateway --deletion-protection-enabled --region eu-west-1")).ExitCode.Should().Be(0);

        var destroyed = await Aws.RunAsync("destroy.sh");

        destroyed.ExitCode.Should().Be(2);
        destroyed.Stderr.Should().Contain("table lambda-apigateway has deletion protection");
        Aws.Commands.Should().NotContain("cloudformation delete-stack");
    }

    [Test]
    public async Task Destroy_keeps_protected_resource_tables_too_and_says_how_to_release_each()
    {
        Aws.StackExists("CREATE_COMPLETE", deletionProtection: true, resources: "product=products:id,orders=orders:orderId:N");
        (await Aws.RunCommandLineAsync("aws dynamodb update-table --table-name lambda-apigateway --no-deletion-protection-enabled --region eu-west-1")).ExitCode.Should().Be(0);

        var destroyed = await Aws.RunAsync("destroy.sh");

        destroyed.ExitCode.Should().Be(2);
        destroyed.Stderr.Should().Contain("aws dynamodb update-table --table-name products --no-deletion-protection-enabled --region eu-west-1")
            .And.Contain("aws dynamodb update-table --table-name orders --no-deletion-protection-enabled --region eu-west-1")
            .And.NotContain("--table-name lambda-apigateway");
        Aws.Commands.Should().NotContain("cloudformation delete-stack");
    }

    [Test]
    public async Task Following_the_printed_steps_deletes_the_resource_tables_with_the_stack()
    {
        Aws.StackExists("CREATE_COMPLETE", deletionProtection: true, resources: "product=products:id,orders=orders:orderId:N");
        var refused = await Aws.RunAsync("destroy.sh");
        var steps = refused.Stderr.Split('\n').Select(line => line.Trim()).Where(line => line.StartsWith("aws ", StringComparison.Ordinal)).ToList();

        foreach (var step in steps)
        {
            (await Aws.RunCommandLineAsync(step)).ExitCode.Should().Be(0);
        }

        var destroyed = await Aws.RunAsync("destroy.sh");

        steps.Should().HaveCount(3);
        destroyed.ExitCode.Should().Be(0, destroyed.Stderr);
        Aws.HasStack.Should().BeFalse();
        Aws.HasResourceTable("products").Should().BeFalse();
    }

    [Test]
    public async Task Destroy_deletes_a_stack_whose_create_rolled_back_even_with_deletion_protection_set()
    {
        Aws.StackExists("ROLLBACK_COMPLETE", deletionProtection: true);

        var destroyed = await Aws.RunAsync("destroy.sh");

        destroyed.ExitCode.Should().Be(0, destroyed.Stderr);
        Aws.Commands.Should().Contain("cloudformation delete-stack");
    }

    [Test]
    public async Task Destroy_leaves_a_bucket_of_the_user_s_own_and_deletes_only_the_stack_s_zips()
    {
        Aws.StackExists("CREATE_COMPLETE", deletionProtection: false);
        Aws.BucketExists();

        var destroyed = await Aws.RunAsync("destroy.sh", "--bucket", "my-zips", "--stack-name", "demo");

        destroyed.ExitCode.Should().Be(0, destroyed.Stderr);
        Aws.Call("s3 rm").Should().Contain("s3://my-zips/demo/");
        Aws.Commands.Should().NotContain("s3api delete-bucket");
    }

    [Test]
    public async Task A_failed_delete_prints_why_each_resource_failed()
    {
        Aws.StackExists("CREATE_COMPLETE", deletionProtection: false);
        Aws.Environment["STUB_AWS_WAIT_FAILS"] = "1";

        var destroyed = await Aws.RunAsync("destroy.sh");

        destroyed.ExitCode.Should().Be(2);
        Aws.Commands.Should().EndWith(["cloudformation wait", "cloudformation describe-stack-events"]);
        destroyed.Stderr.Should().Contain("was not deleted");
    }
}
