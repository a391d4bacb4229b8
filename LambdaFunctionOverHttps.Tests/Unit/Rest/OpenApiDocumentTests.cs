using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using LambdaFunctionOverHttps.Configuration;
using LambdaFunctionOverHttps.OpenApi;
using LambdaFunctionOverHttps.Operations;
using LambdaFunctionOverHttps.Rest;
using LambdaFunctionOverHttps.Tests.Support;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using NUnit.Framework;
using Document = LambdaFunctionOverHttps.OpenApi.OpenApiDocument;
using Reader = Microsoft.OpenApi.OpenApiDocument;

namespace LambdaFunctionOverHttps.Tests.Unit.Rest;

/// <summary>
/// The OpenAPI document the function builds, read back and validated by Microsoft.OpenApi, and held
/// against what the function serves: every route it serves is described, and every path and method
/// described is served.
/// </summary>
public class OpenApiDocumentTests
{
    private const string Resources = "product=products:id,customers=customer_ids:id,orders=orders:orderId:N";

    [TestCase(Resources)]
    [TestCase("")]
    public void The_document_is_valid_OpenAPI_3_1_by_Microsoft_OpenApi(string resources)
    {
        var (document, diagnostic) = Read(Text(resources));

        diagnostic!.Errors.Should().BeEmpty();
        diagnostic.SpecificationVersion.Should().Be(OpenApiSpecVersion.OpenApi3_1);
        document!.Validate(ValidationRuleSet.GetDefaultRuleSet()).Should().BeEmpty();
    }

    [Test]
    public void The_validator_reports_a_broken_reference_and_a_missing_required_field()
    {
        // Guards the test above against passing because the library accepts anything.
        var document = JsonNode.Parse(Text(Resources))!.AsObject();
        document["paths"]!["/product/{id}"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"] = "#/components/schemas/nothing";
        document["info"]!.AsObject().Remove("title");

        var (read, diagnostic) = Read(document.ToJsonString());

        diagnostic!.Errors.Concat(read!.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? []).Should().NotBeEmpty();
    }

    [Test]
    public void Every_route_the_function_serves_is_in_the_document_with_its_methods_and_nothing_else()
    {
        var served = RestRouter.Routes(Parse(Resources)).SelectMany(route => route.Methods.Select(method => $"{method} {route.Path}"))
            .Append("POST /dynamodbmanager");

        Described(Text(Resources)).Should().BeEquivalentTo(served);
    }

    [Test]
    public async Task Every_path_and_method_in_the_document_is_served_and_any_other_method_is_refused()
    {
        var dynamoDb = CannedDynamoDb.Answering("""{"Item":{"id":{"S":"1"},"orderId":{"N":"1"}},"Items":[],"Count":0,"ScannedCount":0}""");
        var function = TestFunction.Against(dynamoDb, RestEvents.Variables(Resources));
        var described = Described(Text(Resources));

        foreach (var path in described.Select(entry => entry.Split(' ')[1]).Distinct().Where(path => path != "/dynamodbmanager"))
        {
            foreach (var method in new[] { "GET", "POST", "PUT", "PATCH", "DELETE" })
            {
                var body = path.StartsWith("/orders", StringComparison.Ordinal) ? """{"orderId":1}""" : """{"id":"1"}""";
                var answer = await function.InvokeAsync(RestEvents.Rest(method, path.Replace("{id}", "1", StringComparison.Ordinal), body));
                var errorType = answer.BodyText.Length == 0 ? null : answer.Body.TryGetProperty("errorType", out var type) ? type.GetString() : null;
                if (described.Contains($"{method} {path}"))
                {
                    errorType.Should().NotBe("RouteNotFound", $"{method} {path}").And.NotBe("MethodNotAllowed", $"{method} {path}");
                }
                else
                {
                    errorType.Should().Be("MethodNotAllowed", $"{method} {path} is not in the document, so it is not served");
                }
            }
        }
    }

    [Test]
    public void Every_operation_has_its_envelope_and_answer_and_every_payload_parameter_a_type()
    {
        var schemas = JsonNode.Parse(Text(""))!["components"]!["schemas"]!.AsObject();

        foreach (var (name, operation) in KnownOperations.ByName)
        {
            EnvelopeSchemas.Answers.Should().ContainKey(name, "each operation's answer is described");
            schemas.Should().ContainKey($"envelope-{name}").And.ContainKey($"answer-{name}");
            foreach (var parameter in operation.Parameters ?? [])
            {
                EnvelopeSchemas.Parameters.Should().ContainKey(parameter, $"{name}'s payload parameter {parameter} needs a type in the document");
            }

            var payload = schemas[$"envelope-{name}"]!["properties"]!["payload"]!;
            (payload["properties"]?.AsObject().Select(property => property.Key) ?? []).Should().Equal(operation.Parameters ?? []);
        }
    }

    [Test]
    public void A_number_keys_id_is_described_as_a_number_written_as_JSON_writes_it()
    {
        var document = JsonNode.Parse(Text(Resources))!;

        var id = document["paths"]!["/orders/{id}"]!["parameters"]![0]!;

        ((string)id["schema"]!["pattern"]!).Should().Be(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$");
        ((string)document["components"]!["schemas"]!["item-orders"]!["properties"]!["orderId"]!["type"]!).Should().Be("number");
    }

    private static RestResources Parse(string resources) =>
        RestResources.Parse(resources, RestEvents.Secret, TablePolicy.AnyTable);

    private static string Text(string resources) => Encoding.UTF8.GetString(Document.Write(Parse(resources), "http://127.0.0.1:3000"));

    private static ReadResult Read(string text) => Reader.Parse(text, "json", new OpenApiReaderSettings());

    private static HashSet<string> Described(string text) =>
        JsonDocument.Parse(text).RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Where(member => member.Name != "parameters").Select(method => $"{method.Name.ToUpperInvariant()} {path.Name}"))
            .ToHashSet();
}
