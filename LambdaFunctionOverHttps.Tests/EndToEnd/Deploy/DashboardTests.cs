using System.Text.Json;
using System.Text.RegularExpressions;
using FluentAssertions;
using LambdaFunctionOverHttps.Tests.EndToEnd.Deploy.Model;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.Deploy;

/// <summary>
/// The CloudWatch dashboard, read from both formats: valid JSON whose widgets chart what an operator
/// needs, each metric one that exists (ours as the function's code names them, AWS's as documented)
/// with the dimensions of this deployment's API, function and table.
/// </summary>
[Category("Deploy")]
[TestFixtureSource(typeof(DeploymentFormats), nameof(DeploymentFormats.Both))]
public partial class DashboardTests(string format)
{
    private static readonly string Ours = Canonical.Variable("metrics_namespace");

    // The AWS metrics a dashboard may chart, with the dimension set each is published with (the
    // services' metric documentation): a misspelt name or a missing dimension charts nothing.
    private static readonly Dictionary<(string Namespace, string Metric), string[]> AwsMetrics = new()
    {
        [("AWS/ApiGateway", "Count")] = ["ApiName", "Stage"],
        [("AWS/ApiGateway", "4XXError")] = ["ApiName", "Stage"],
        [("AWS/ApiGateway", "5XXError")] = ["ApiName", "Stage"],
        [("AWS/ApiGateway", "Latency")] = ["ApiName", "Stage"],
        [("AWS/ApiGateway", "IntegrationLatency")] = ["ApiName", "Stage"],
        [("AWS/Lambda", "Invocations")] = ["FunctionName"],
        [("AWS/Lambda", "Duration")] = ["FunctionName"],
        [("AWS/Lambda", "Errors")] = ["FunctionName"],
        [("AWS/Lambda", "Throttles")] = ["FunctionName"],
        [("AWS/Lambda", "ConcurrentExecutions")] = ["FunctionName"],
        [("AWS/DynamoDB", "ConsumedReadCapacityUnits")] = ["TableName"],
        [("AWS/DynamoDB", "ConsumedWriteCapacityUnits")] = ["TableName"],
        [("AWS/DynamoDB", "ThrottledRequests")] = ["Operation", "TableName"],
    };

    private DeploymentFacts _facts = null!;
    private JsonElement _widgets;

    [OneTimeSetUp]
    public async Task Read()
    {
        _facts = await DeploymentFormats.FactsAsync(format);
        using var body = JsonDocument.Parse(_facts.Dashboard.Body);
        _widgets = body.RootElement.GetProperty("widgets").Clone();
    }

    [Test]
    public void The_dashboard_is_named_after_the_function_and_the_region_since_dashboard_names_are_the_account_s()
    {
        _facts.Dashboard.Name.Should().Be($"{Canonical.Variable("function_name")}-{Canonical.Region}");
    }

    [Test]
    public void Every_widget_shows_the_deployment_s_region()
    {
        _widgets.EnumerateArray().Should().NotBeEmpty()
            .And.OnlyContain(widget => widget.GetProperty("properties").GetProperty("region").GetString() == Canonical.Region);
    }

    [Test]
    public void Every_metric_a_widget_charts_exists_with_the_dimensions_of_this_API_function_and_table()
    {
        var charted = Charted().ToList();

        charted.Should().NotBeEmpty();
        foreach (var metric in charted)
        {
            if (metric.Namespace == Ours)
            {
                metric.Name.Should().BeOneOf(EmbeddedMetrics.Names, "the function writes no other metric");
                EmbeddedMetrics.AllDimensionSets.Should().Contain(set => set.Order().SequenceEqual(metric.Dimensions.Keys.Order()),
                    "{0} is charted by {1}, a dimension set the function does not write", metric.Name, string.Join(",", metric.Dimensions.Keys));
                continue;
            }

            AwsMetrics.Should().ContainKey((metric.Namespace, metric.Name));
            metric.Dimensions.Keys.Should().BeEquivalentTo(AwsMetrics[(metric.Namespace, metric.Name)], "{0} {1} is published with these dimensions", metric.Namespace, metric.Name);
            foreach (var (dimension, value) in metric.Dimensions.Where(dimension => dimension.Value is not null))
            {
                value.Should().Be(dimension switch
                {
                    "ApiName" => _facts.Api.Name,
                    "Stage" => _facts.Api.StageName,
                    "FunctionName" => _facts.Function.Name,
                    "TableName" => _facts.Table.Name,
                    _ => "a dimension the dashboard does not filter on",
                });
            }
        }
    }

    [Test]
    public void The_dashboard_charts_the_API_the_function_the_table_and_every_metric_of_ours_by_operation()
    {
        var charted = Charted().Select(metric => metric.Namespace == Ours
            ? $"ours {metric.Name} {metric.Statistic} by {string.Join(",", metric.Dimensions.Keys.Order(StringComparer.Ordinal))}"
            : $"{metric.Namespace} {metric.Name} {metric.Statistic}").ToHashSet();
        var byOperation = string.Join(",", EmbeddedMetrics.EveryLineDimensions);

        charted.Should().Contain([
            "AWS/ApiGateway Count Sum", "AWS/ApiGateway 4XXError Sum", "AWS/ApiGateway 5XXError Sum",
            "AWS/ApiGateway Latency p50", "AWS/ApiGateway Latency p99",
            "AWS/Lambda Duration p50", "AWS/Lambda Duration p99", "AWS/Lambda Errors Sum", "AWS/Lambda Throttles Sum",
            "AWS/Lambda ConcurrentExecutions Maximum",
            "AWS/DynamoDB ConsumedReadCapacityUnits Sum", "AWS/DynamoDB ConsumedWriteCapacityUnits Sum", "AWS/DynamoDB ThrottledRequests Sum",
            $"ours ColdStart Sum by {byOperation}",
            $"ours Duration SampleCount by {byOperation}", $"ours Duration p99 by {byOperation}", $"ours DynamoDbTime p99 by {byOperation}",
            $"ours ClientErrors Sum by {byOperation}", $"ours Faults Sum by {byOperation}", $"ours Throttles Sum by {byOperation}",
            $"ours ConsumedReadCapacity Sum by {byOperation}", $"ours ConsumedWriteCapacity Sum by {byOperation}",
        ]);
        charted.Should().Contain(metric => metric.StartsWith("ours ConsumedReadCapacity Sum by ", StringComparison.Ordinal) && metric.EndsWith("Table", StringComparison.Ordinal),
            "the capacity of the resource tables, which have no widget of their own, shows by table");
    }

    [Test]
    public void A_Logs_Insights_widget_takes_the_init_duration_percentiles_from_the_REPORT_lines_of_the_function_s_log_group()
    {
        // Init duration is no metric: Lambda writes it only in a cold start's REPORT line.
        var query = _widgets.EnumerateArray().Where(widget => widget.GetProperty("type").GetString() == "log")
            .Select(widget => widget.GetProperty("properties").GetProperty("query").GetString()!).Single();

        query.Should().StartWith($"SOURCE '{_facts.Function.LogGroupName}' |");
        query.Should().Contain("filter @type = \"REPORT\"").And.Contain("pct(@initDuration, 50)").And.Contain("pct(@initDuration, 99)");
    }

    // Every metric the widgets chart: a metric's own line, or each SEARCH of an expression, with its
    // statistic (the line's, else the widget's) and dimensions (a SEARCH's values are null unless it
    // filters on them).
    private IEnumerable<ChartedMetric> Charted()
    {
        foreach (var widget in _widgets.EnumerateArray().Where(widget => widget.GetProperty("type").GetString() == "metric"))
        {
            var properties = widget.GetProperty("properties");
            var widgetStatistic = properties.TryGetProperty("stat", out var stat) ? stat.GetString() : null;
            foreach (var line in properties.GetProperty("metrics").EnumerateArray().Select(line => line.EnumerateArray().ToList()))
            {
                if (line[0].ValueKind == JsonValueKind.Object)
                {
                    foreach (Match search in Search().Matches(line[0].GetProperty("expression").GetString()!))
                    {
                        var filters = Filter().Matches(search.Groups["filters"].Value).ToDictionary(filter => filter.Groups[1].Value, filter => filter.Groups[2].Value);
                        yield return new ChartedMetric(
                            search.Groups["namespace"].Value, filters["MetricName"], search.Groups["statistic"].Value,
                            search.Groups["dimensions"].Value.Split(',').ToDictionary(name => name, name => filters.GetValueOrDefault(name)));
                    }

                    continue;
                }

                var options = line[^1].ValueKind == JsonValueKind.Object ? line[^1] : (JsonElement?)null;
                var names = line.Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!).ToList();
                yield return new ChartedMetric(
                    names[0], names[1],
                    options?.TryGetProperty("stat", out var own) == true ? own.GetString()! : widgetStatistic ?? "",
                    names.Skip(2).Chunk(2).ToDictionary(pair => pair[0], string? (pair) => pair[1]));
            }
        }
    }

    private sealed record ChartedMetric(string Namespace, string Name, string Statistic, IReadOnlyDictionary<string, string?> Dimensions);

    // SEARCH('{"namespace",Dimension,…} Name="value" …', 'statistic', period)
    [GeneratedRegex(@"SEARCH\('\{""?(?<namespace>[^"",]+)""?,(?<dimensions>[A-Za-z,]+)\}(?<filters>[^']*)', '(?<statistic>[A-Za-z0-9]+)', [0-9]+\)")]
    private static partial Regex Search();

    [GeneratedRegex(@"([A-Za-z]+)=""([^""]*)""")]
    private static partial Regex Filter();
}
