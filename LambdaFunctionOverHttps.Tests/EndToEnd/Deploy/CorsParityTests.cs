using System.Text.Json;
using FluentAssertions;
using LambdaFunctionOverHttps.Tests.EndToEnd.Deploy.Model;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.Deploy;

/// <summary>
/// A browser sees the same CORS answers from the local stack and from AWS. In both, the preflight
/// and every answer of the function come from the function's own policy (the local front forwards
/// OPTIONS to it, which <c>HttpFrontTests</c> checks answer for answer); on AWS the template must
/// therefore send OPTIONS to the function, and API Gateway's own error answers must carry what the
/// function's answers carry.
/// </summary>
[Category("Deploy")]
[TestFixtureSource(typeof(DeploymentFormats), nameof(DeploymentFormats.Both))]
public class CorsParityTests(string format)
{
    private const string Origin = "https://app.example.com";

    private DeploymentFacts _facts = null!;

    [OneTimeSetUp]
    public async Task Read() => _facts = await DeploymentFormats.FactsAsync(format);

    [Test]
    public void A_preflight_on_every_path_reaches_the_function_without_an_API_key_with_the_origins_of_the_one_parameter()
    {
        foreach (var path in _facts.Api.Paths)
        {
            var call = _facts.Api.Methods.First(method => method.Path == path && method.HttpMethod != "OPTIONS");
            var options = _facts.Api.Methods.Single(method => method.Path == path && method.HttpMethod == "OPTIONS");

            options.Should().BeEquivalentTo(call with { HttpMethod = "OPTIONS", ApiKeyRequired = "false" },
                $"the local stack's preflight answer is the function's, so on AWS OPTIONS {path} must reach the same function the same way");
        }

        _facts.Function.Environment.Should().Contain("ALLOWED_ORIGINS", Canonical.Variable("allowed_origins"));
    }

    [Test]
    public async Task API_Gateway_s_own_errors_carry_the_CORS_headers_the_function_s_answers_carry()
    {
        var function = TestFunction.Against(CannedDynamoDb.Answering("{}"), allowedOrigins: Origin);
        var answer = await function.InvokeAsync($$"""
            {"httpMethod":"POST","headers":{"Origin":"{{Origin}}"},"requestContext":{"stage":"Prod"},"body":"{\"operation\":\"ping\"}"}
            """);
        var functionHeaders = CorsHeaders(answer.Json.GetProperty("headers").EnumerateObject()
            .Select(header => (header.Name, header.Value.GetString()!)));

        foreach (var response in _facts.Api.GatewayResponses)
        {
            var gatewayHeaders = CorsHeaders(response.Headers.Select(header =>
                (header.Key["gatewayresponse.header.".Length..], header.Value == "method.request.header.Origin" ? Origin : header.Value.Trim('\''))));

            gatewayHeaders.Should().BeEquivalentTo(functionHeaders, $"{response.ResponseType} is what the page reads when API Gateway refuses a request itself");
        }

        _facts.Api.GatewayResponses.Select(response => response.ResponseType).Should().BeEquivalentTo("DEFAULT_4XX", "DEFAULT_5XX");
    }

    /// <summary>The CORS headers and Vary, names and list members compared without case, as HTTP does.</summary>
    private static Dictionary<string, string[]> CorsHeaders(IEnumerable<(string Name, string Value)> headers) => headers
        .Where(header => header.Name.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase)
            || header.Name.Equals("Vary", StringComparison.OrdinalIgnoreCase))
        .ToDictionary(
            header => header.Name.ToLowerInvariant(),
            header => header.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(value => value.ToLowerInvariant()).Order(StringComparer.Ordinal).ToArray());
}
