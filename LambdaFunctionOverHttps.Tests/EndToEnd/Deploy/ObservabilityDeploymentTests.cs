using System.Text.RegularExpressions;
using FluentAssertions;
using LambdaFunctionOverHttps.Logging;
using LambdaFunctionOverHttps.Tests.EndToEnd.Deploy.Model;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.Deploy;

/// <summary>
/// What the deployment gives operators to watch it by, asserted once and run against both formats: the
/// metrics namespace, X-Ray tracing and its IAM, and the alarms on our metrics (the dashboard has
/// <see cref="DashboardTests"/>).
/// </summary>
[Category("Deploy")]
[TestFixtureSource(typeof(DeploymentFormats), nameof(DeploymentFormats.Both))]
public partial class ObservabilityDeploymentTests(string format)
{
    // Exactly these two actions on *, exactly while tracing is Active.
    internal static readonly PolicyStatement XRayStatement = new(
        "Allow", ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], ["*"], Canonical.Variable("tracing") + " == \"Active\"");

    private DeploymentFacts _facts = null!;

    [OneTimeSetUp]
    public async Task Read() => _facts = await DeploymentFormats.FactsAsync(format);

    [Test]
    public void The_function_writes_its_metrics_to_the_metrics_namespace_parameter_which_defaults_to_the_function_s_own_default()
    {
        _facts.Function.Environment.Should().Contain(MetricsNamespace.Variable, Canonical.Variable("metrics_namespace"));
        _facts.ParameterDefaults.Should().Contain("metrics_namespace", MetricsNamespace.Default);
    }

    [TestCase("DynamoDbManager", true)]
    [TestCase("Team/DynamoDbManager", true)]
    [TestCase("a", true)]
    [TestCase("A", true)]
    [TestCase("AW", true)]
    [TestCase("AWS", true)]
    [TestCase("AWSome/Metrics", true)]
    [TestCase("AWx/Metrics", true)]
    [TestCase("my app:prod#1 v2.0_x-y", true)]
    [TestCase("AWS/Lambda", false)]
    [TestCase("", false)]
    [TestCase(" ", false)]
    [TestCase("Dynamo\"Db", false)]
    [TestCase("Dynamo,Db", false)]
    [TestCase("Dynamo{Db}", false)]
    public void A_metrics_namespace_is_refused_before_anything_is_deployed_unless_the_function_accepts_it(string value, bool accepted)
    {
        var matches = Regex.IsMatch(value, _facts.ParameterPatterns["metrics_namespace"], RegexOptions.None, TimeSpan.FromSeconds(1));
        var parse = () => MetricsNamespace.Parse(value);

        matches.Should().Be(accepted);
        if (matches)
        {
            parse.Should().NotThrow("a namespace the function refuses fails every invocation");
        }
    }

    [Test]
    public void A_metrics_namespace_of_255_characters_is_accepted_and_one_of_256_refused_as_CloudWatch_does()
    {
        var pattern = _facts.ParameterPatterns["metrics_namespace"];

        Regex.IsMatch(new string('n', 255), pattern, RegexOptions.None, TimeSpan.FromSeconds(1)).Should().BeTrue();
        Regex.IsMatch("AWSx" + new string('n', 251), pattern, RegexOptions.None, TimeSpan.FromSeconds(1)).Should().BeTrue();
        Regex.IsMatch(new string('n', 256), pattern, RegexOptions.None, TimeSpan.FromSeconds(1)).Should().BeFalse();
        Regex.IsMatch("AWSx" + new string('n', 252), pattern, RegexOptions.None, TimeSpan.FromSeconds(1)).Should().BeFalse();
    }

    [Test]
    public void X_Ray_tracing_is_a_parameter_off_by_default_that_turns_on_the_function_s_and_the_stage_s_tracing_together()
    {
        var tracing = Canonical.Variable("tracing");

        _facts.ParameterDefaults.Should().Contain("tracing", "PassThrough", "X-Ray bills per trace: tracing is asked for");
        _facts.Function.TracingMode.Should().Be(tracing, "Lambda's TracingConfig mode is Active or PassThrough, the parameter's values");
        _facts.Api.TracingWhen.Should().Be(tracing + " == \"Active\"");
    }

    [TestCase("Active", true)]
    [TestCase("PassThrough", false)]
    public void With_tracing_Active_the_function_and_the_stage_trace_and_the_role_may_send_segments_and_with_PassThrough_none_of_it(string tracing, bool traces)
    {
        var parameters = new Dictionary<string, string> { ["tracing"] = tracing };

        _facts.ParameterChoices["tracing"].Should().Equal("PassThrough", "Active");
        _facts.Function.TracingMode.Should().Be(Canonical.Variable("tracing"));
        Holds(_facts.Api.TracingWhen, parameters).Should().Be(traces);
        _facts.FunctionRole.Statements.Where(statement => Holds(statement.When, parameters))
            .SelectMany(statement => statement.Actions).Where(action => action.StartsWith("xray:", StringComparison.Ordinal))
            .Should().BeEquivalentTo(traces ? XRayStatement.Actions : []);
    }

    [Test]
    public void The_function_may_send_X_Ray_segments_only_while_tracing_is_Active()
    {
        _facts.FunctionRole.Statements.Where(statement => statement.Actions.Any(action => action.StartsWith("xray:", StringComparison.Ordinal)))
            .Should().BeEquivalentTo(new[] { XRayStatement }, "a role that may not send segments makes Lambda refuse Active tracing, and one that may needs no more than these");
        _facts.Api.TracingWhen.Should().Be(XRayStatement.When, "the statement is there exactly when something traces");
    }

    [Test]
    public void The_p99_duration_threshold_is_a_parameter_of_at_most_API_Gateway_s_29_seconds()
    {
        _facts.ParameterDefaults.Should().Contain("duration_p99_threshold_ms", "3000");
        _facts.ParameterRanges.Should().Contain("duration_p99_threshold_ms", "1..29000");
    }

    [Test]
    public void The_fault_rate_alarm_watches_the_share_of_requests_answered_with_a_5xx_in_the_metrics_namespace()
    {
        var alarm = _facts.Alarms.Single(alarm => alarm.Queries.Count > 0);
        var query = alarm.Queries.Single();
        var select = MetricsInsightsQuery().Match(query.Expression);

        alarm.Name.Should().Be(Canonical.Variable("function_name") + "-fault-rate");
        select.Success.Should().BeTrue("the alarm reads one Metrics Insights query, not {0}", query.Expression);
        // Each line's Faults is 1 for a 5xx and 0 otherwise: their average is faults per request.
        select.Groups["function"].Value.Should().Be("AVG");
        select.Groups["metric"].Value.Should().Be("Faults").And.BeOneOf(EmbeddedMetrics.Names);
        select.Groups["namespace"].Value.Should().Be(Canonical.Variable("metrics_namespace"));
        select.Groups["dimensions"].Value.Split(", ").Should().Equal(EmbeddedMetrics.EveryLineDimensions,
            "SCHEMA matches an exact dimension set: the one every line has counts each request once");
        query.ReturnData.Should().Be("true");
        query.Period.Should().Be("300");
        alarm.Threshold.Should().Be(Canonical.Variable("fault_rate_threshold"));
        alarm.ComparisonOperator.Should().Be("GreaterThanThreshold");
        alarm.TreatMissingData.Should().Be("notBreaching", "no requests is no faults");
        (alarm.EvaluationPeriods, alarm.DatapointsToAlarm).Should().Be(("3", "2"));
        _facts.ParameterDefaults.Should().Contain("fault_rate_threshold", "0.01");
        _facts.ParameterRanges.Should().Contain("fault_rate_threshold", "0..1");
    }

    // Whether a condition of the facts holds for these parameters: always, never, or var == "value".
    private static bool Holds(string when, Dictionary<string, string> parameters) =>
        when == Canonical.Always
        || (when != Canonical.Never && (Equality().Match(when) is { Success: true } equality
            ? parameters[equality.Groups[1].Value] == equality.Groups[2].Value
            : throw new InvalidDataException($"The test does not evaluate {when}.")));

    [GeneratedRegex(@"^\$\{var\.([a-z0-9_]+)\} == ""([^""]*)""$")]
    private static partial Regex Equality();

    [GeneratedRegex(@"^SELECT (?<function>[A-Z]+)\((?<metric>[A-Za-z]+)\) FROM SCHEMA\(""(?<namespace>[^""]+)"", (?<dimensions>[A-Za-z, ]+)\)$")]
    private static partial Regex MetricsInsightsQuery();
}
