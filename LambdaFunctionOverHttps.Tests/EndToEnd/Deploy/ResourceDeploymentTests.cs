using System.Text.RegularExpressions;
using FluentAssertions;
using LambdaFunctionOverHttps.Tests.EndToEnd.Deploy.Model;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.Deploy;

/// <summary>
/// What each entry of <c>resources</c> (route=table:key[:N]) gets, asserted once and run against both
/// formats: its table, what the function may do there, its paging secret and its change notifications.
/// </summary>
[Category("Deploy")]
[TestFixtureSource(typeof(DeploymentFormats), nameof(DeploymentFormats.Both))]
public class ResourceDeploymentTests(string format)
{
    private const string ResourceTableArn = "${resource_table.arn}";
    private const string StreamArn = "${resource_table.stream_arn}";
    private const string ChangeTopicArn = "${change_topic.arn}";

    private DeploymentFacts _facts = null!;

    [OneTimeSetUp]
    public async Task Read() => _facts = await DeploymentFormats.FactsAsync(format);

    [Test]
    public void There_are_no_resources_and_no_notifications_unless_asked_for()
    {
        _facts.ParameterDefaults.Should().Contain("resources", "").And.Contain("notifications", "false");
    }

    [Test]
    public void Each_resource_gets_a_table_named_and_keyed_by_its_entry_on_demand_encrypted_recoverable_protected_with_a_keys_only_stream()
    {
        _facts.PerResource.When.Should().Be(Canonical.EachResource);
        _facts.PerResource.Table.Should().BeEquivalentTo(new TableFacts(
            Name: "${resource.table}", HashKey: "${resource.key}", HashKeyType: "${resource.key_type}", BillingMode: "PAY_PER_REQUEST",
            EncryptionEnabled: "true", PointInTimeRecovery: "true", DeletionProtection: Canonical.Variable("deletion_protection")));
        _facts.PerResource.StreamViewType.Should().Be("KEYS_ONLY", "a change names its key; no item's data leaves the table");
    }

    [Test]
    public void The_function_may_take_only_the_routes_actions_and_only_on_each_resource_table()
    {
        _facts.PerResource.FunctionPolicy.Should().BeEquivalentTo(new PolicyFacts(_facts.FunctionRole.Name,
        [
            new PolicyStatement("Allow", ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Scan"], [ResourceTableArn]),
        ]));
    }

    [Test]
    public void The_function_is_told_the_resources_and_a_paging_secret_that_exists_only_with_resources()
    {
        var withResources = Canonical.Variable("resources") + " != \"\"";

        _facts.Function.Environment.Should().Contain("RESOURCES", Canonical.Variable("resources"))
            .And.Contain("NEXT_TOKEN_SECRET", Canonical.Choice(withResources, "${paging_token_secret.value}", "\"\""));
        _facts.PagingTokenSecret.Should().Be(new SecretFacts(withResources, Length: "64", LettersAndDigitsOnly: "true"),
            "the function needs at least 32 characters, and a key the template passes through text should need no escaping");
    }

    [Test]
    public void With_notifications_a_pipe_sends_each_change_of_a_resource_table_to_the_change_topic()
    {
        _facts.PerResource.Pipe.Should().BeEquivalentTo(new
        {
            When = Canonical.EachResource + " && " + Canonical.Variable("notifications"),
            Source = StreamArn,
            StartingPosition = "LATEST",
            BatchSize = "1",
            Target = ChangeTopicArn,
        });
    }

    [Test]
    public void A_change_message_names_the_change_the_route_the_table_and_the_key()
    {
        var template = _facts.PerResource.Pipe.InputTemplate;
        // What EventBridge Pipes would send for an INSERT into the products table of the product route.
        var message = template.Replace("<$.eventName>", "INSERT", StringComparison.Ordinal).Replace("<$.eventID>", "c81e728d9d4c2f636f067f89cc14862c", StringComparison.Ordinal)
            .Replace("<$.dynamodb.Keys>", """{"id": {"S": "42"}}""", StringComparison.Ordinal)
            .Replace("${resource.route}", "product", StringComparison.Ordinal).Replace("${resource.table}", "products", StringComparison.Ordinal);

        using var json = System.Text.Json.JsonDocument.Parse(message);
        json.RootElement.GetProperty("change").GetString().Should().Be("INSERT");
        json.RootElement.GetProperty("route").GetString().Should().Be("product");
        json.RootElement.GetProperty("table").GetString().Should().Be("products");
        json.RootElement.GetProperty("key").GetProperty("id").GetProperty("S").GetString().Should().Be("42");
        json.RootElement.GetProperty("eventId").GetString().Should().NotBeEmpty();
    }

    [Test]
    public void A_pipe_s_role_may_only_read_its_table_s_stream_and_publish_to_the_change_topic()
    {
        _facts.PerResource.Pipe.RoleTrustedService.Should().Be("pipes.amazonaws.com");
        _facts.PerResource.Pipe.RoleStatements.Should().BeEquivalentTo(new[]
        {
            new PolicyStatement("Allow", ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"], [StreamArn]),
            new PolicyStatement("Allow", ["sns:Publish"], [ChangeTopicArn]),
        });
    }

    [TestCase("")]
    [TestCase("product=products:id,customers=customer_ids:id,orders=orders:orderId:N")]
    public void The_function_accepts_the_environment_the_deployment_gives_it(string resources)
    {
        var tables = resources.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(entry => entry.Split('=')[1].Split(':')[0]);
        var parameters = new Dictionary<string, string?>(_facts.ParameterDefaults) { ["resources"] = resources };
        // What CloudFormation or Terraform would resolve: the parameters, each resource's table, and the secret.
        string Deployed(string value)
        {
            var resolved = Canonical.WithDefaults(value, parameters)
                .Replace(Canonical.ForEachResource("${resource.table}"), string.Join(',', tables), StringComparison.Ordinal)
                .Replace("${paging_token_secret.value}", new string('k', 64), StringComparison.Ordinal);
            return Regex.Match(resolved, "^\"?(.*?)\"? != \"\" \\? (.*) : \"(.*)\"$") is { Success: true } choice
                ? (choice.Groups[1].Value != "" ? choice.Groups[2].Value : choice.Groups[3].Value)
                : resolved;
        }

        var environment = _facts.Function.Environment.ToDictionary(variable => variable.Key, variable => Deployed(variable.Value));
        var settings = () => LambdaFunctionOverHttps.Configuration.FunctionSettings.FromVariables(name => environment.GetValueOrDefault(name));

        environment["ALLOWED_TABLES"].Split(',', StringSplitOptions.RemoveEmptyEntries).Should().BeEquivalentTo(["lambda-apigateway", .. tables]);
        environment["NEXT_TOKEN_SECRET"].Should().HaveLength(resources == "" ? 0 : 64);
        settings.Should().NotThrow("a function that refuses its configuration fails every invocation");
    }

    [TestCase("", true)]
    [TestCase("product=products:id", true)]
    [TestCase("product=products:id,customers=customer_ids:id,orders=orders:orderId:N", true)]
    [TestCase("a=aaa:k,b=bbb:k,c=ccc:k,d=ddd:k,e=eee:k", true)]
    [TestCase("a=aaa:k,b=bbb:k,c=ccc:k,d=ddd:k,e=eee:k,f=fff:k", false)]
    [TestCase("product=products:id:S", false)]
    [TestCase("product=products", false)]
    [TestCase("product=pr:id", false)]
    [TestCase("product=products:id, orders=orders:orderId:N", false)]
    [TestCase("product=products:id,", false)]
    [TestCase("/product=products:id", false)]
    public void Resources_the_slots_could_not_hold_are_refused_before_anything_is_deployed(string resources, bool accepted)
    {
        Regex.IsMatch(resources, _facts.ParameterPatterns["resources"], RegexOptions.None, TimeSpan.FromSeconds(1)).Should().Be(accepted);
    }
}
