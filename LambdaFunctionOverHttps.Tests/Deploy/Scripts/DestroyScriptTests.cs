using FluentAssertions;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Deploy.Scripts;

/// <summary>deploy/aws/destroy.sh against the stub AWS CLI.</summary>
public class DestroyScriptTests
{
    private const string Bucket = $"dynamodbmanager-artifacts-{StubAws.Account}-eu-west-1";

    private StubAws _aws = null!;

    [SetUp]
    public void CreateStub() => _aws = new StubAws();

    [TearDown]
    public void DeleteStub() => _aws.Dispose();

    [Test]
    public async Task Destroy_deletes_the_stack_waits_for_it_then_deletes_the_stack_s_zips_and_the_bucket_deploy_created()
    {
        _aws.StackExists("UPDATE_COMPLETE", deletionProtection: false);
        _aws.BucketExists();

        var destroyed = await _aws.RunAsync("destroy.sh");

        destroyed.ExitCode.Should().Be(0, destroyed.Stderr);
        _aws.Commands.Should().Equal(
            "sts get-caller-identity", "cloudformation describe-stacks", "cloudformation delete-stack", "cloudformation wait",
            "s3api head-bucket", "s3 rm", "s3api list-objects-v2", "s3api delete-bucket");
        _aws.Call("cloudformation delete-stack").Should().ContainInOrder("--stack-name", "dynamodbmanager").And.ContainInOrder("--region", "eu-west-1");
        _aws.Call("cloudformation wait").Should().ContainInOrder("wait", "stack-delete-complete", "--stack-name", "dynamodbmanager");
        _aws.Call("s3 rm").Should().ContainInOrder("rm", $"s3://{Bucket}/dynamodbmanager/", "--recursive");
        _aws.Call("s3api delete-bucket").Should().ContainInOrder("--bucket", Bucket);
        _aws.HasStack.Should().BeFalse();
        _aws.HasBucket.Should().BeFalse();
    }

    [Test]
    public async Task Destroy_run_again_finds_nothing_left_and_succeeds()
    {
        _aws.StackExists("CREATE_COMPLETE", deletionProtection: false);
        _aws.BucketExists();
        (await _aws.RunAsync("destroy.sh")).ExitCode.Should().Be(0);

        var again = await _aws.RunAsync("destroy.sh");

        again.ExitCode.Should().Be(0, again.Stderr);
        again.Stdout.Should().Contain("No stack dynamodbmanager in eu-west-1: nothing to delete");
        _aws.Commands.Skip(8).Should().Equal("sts get-caller-identity", "cloudformation describe-stacks", "s3api head-bucket");
    }

    [Test]
    public async Task Destroy_keeps_a_table_with_deletion_protection_and_says_how_to_release_it()
    {
        _aws.StackExists("CREATE_COMPLETE", deletionProtection: true);

        var destroyed = await _aws.RunAsync("destroy.sh");

        destroyed.ExitCode.Should().Be(2);
        destroyed.Stderr.Should().Contain("aws dynamodb update-table --table-name lambda-apigateway --no-deletion-protection-enabled --region eu-west-1");
        _aws.Commands.Should().NotContain("cloudformation delete-stack");
        _aws.HasStack.Should().BeTrue();
    }

    [Test]
    public async Task Destroy_deletes_a_stack_whose_create_rolled_back_even_with_deletion_protection_set()
    {
        _aws.StackExists("ROLLBACK_COMPLETE", deletionProtection: true);

        var destroyed = await _aws.RunAsync("destroy.sh");

        destroyed.ExitCode.Should().Be(0, destroyed.Stderr);
        _aws.Commands.Should().Contain("cloudformation delete-stack");
    }

    [Test]
    public async Task Destroy_leaves_a_bucket_of_the_user_s_own_and_deletes_only_the_stack_s_zips()
    {
        _aws.StackExists("CREATE_COMPLETE", deletionProtection: false);
        _aws.BucketExists();

        var destroyed = await _aws.RunAsync("destroy.sh", "--bucket", "my-zips", "--stack-name", "demo");

        destroyed.ExitCode.Should().Be(0, destroyed.Stderr);
        _aws.Call("s3 rm").Should().Contain("s3://my-zips/demo/");
        _aws.Commands.Should().NotContain("s3api delete-bucket");
    }

    [Test]
    public async Task A_failed_delete_prints_why_each_resource_failed()
    {
        _aws.StackExists("CREATE_COMPLETE", deletionProtection: false);
        _aws.Environment["STUB_AWS_WAIT_FAILS"] = "1";

        var destroyed = await _aws.RunAsync("destroy.sh");

        destroyed.ExitCode.Should().Be(2);
        _aws.Commands.Should().EndWith(["cloudformation wait", "cloudformation describe-stack-events"]);
        destroyed.Stderr.Should().Contain("was not deleted");
    }
}
