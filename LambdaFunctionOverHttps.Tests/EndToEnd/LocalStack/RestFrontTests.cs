using System.Net;
using System.Text;
using System.Text.Json;
using DynamoDbManager.Local.Http;
using DynamoDbManager.Local.Options;
using DynamoDbManager.Local.Startup;
using FluentAssertions;
using LambdaFunctionOverHttps.Configuration;
using LambdaFunctionOverHttps.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.LocalStack;

/// <summary>The local stack's parts for REST routes: which paths the front forwards, the event it builds, the options, tables and secret.</summary>
[Category("LocalStack")]
public class RestFrontTests
{
    [TestCase("/product")]
    [TestCase("/product/1")]
    [TestCase("/health")]
    public void Without_REST_routes_only_the_envelope_resource_exists(string path)
    {
        GatewayRoute.Match(path).Should().BeNull();
        GatewayRoute.Match("/Prod/dynamodbmanager", restRoutes: true)!.IsEnvelope.Should().BeTrue();
    }

    [TestCase("/product", "/{route}", "/product", "product", null)]
    [TestCase("/Prod/product/", "/{route}", "/product/", "product", null)]
    [TestCase("/Prod/product/a%2Fb%20c", "/{route}/{id}", "/product/a%2Fb%20c", "product", "a/b c")]
    [TestCase("/anything/7", "/{route}/{id}", "/anything/7", "anything", "7")]
    [TestCase("/Prod/health", "/health", "/health", null, null)]
    public void With_REST_routes_the_path_variable_resources_take_any_route_as_API_Gateway_does(string path, string resource, string eventPath, string? route, string? id)
    {
        var matched = GatewayRoute.Match(path, restRoutes: true)!;

        matched.Resource.Should().Be(resource);
        matched.Path.Should().Be(eventPath);
        matched.PathParameters?.GetValueOrDefault("route").Should().Be(route);
        matched.PathParameters?.GetValueOrDefault("id").Should().Be(id);
    }

    [TestCase("/")]
    [TestCase("/a/b/c")]
    [TestCase("/product//")]
    public void Paths_deeper_than_an_item_have_no_resource(string path) =>
        GatewayRoute.Match(path, restRoutes: true).Should().BeNull();

    [Test]
    public async Task The_event_for_an_item_has_its_resource_raw_path_and_decoded_path_parameters_and_the_function_answers_it()
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "PUT";
        context.Request.Path = "/Prod/product/a/b";
        context.Features.Get<IHttpRequestFeature>()!.RawTarget = "/Prod/product/a%2Fb?x";
        context.Request.Host = new HostString("127.0.0.1", 3000);
        context.Connection.RemoteIpAddress = IPAddress.Loopback;
        var route = GatewayRoute.Match(ProxyEventBuilder.RawPath(context.Request), restRoutes: true)!;

        var bytes = ProxyEventBuilder.Build(context, route, """{"v":1}"""u8, "req-1", apiKey: null);
        var proxyEvent = JsonDocument.Parse(bytes).RootElement;

        proxyEvent.GetProperty("resource").GetString().Should().Be("/{route}/{id}");
        proxyEvent.GetProperty("path").GetString().Should().Be("/product/a%2Fb");
        proxyEvent.GetProperty("pathParameters").GetRawText().Should().Be("""{"route":"product","id":"a/b"}""");
        proxyEvent.GetProperty("requestContext").GetProperty("path").GetString().Should().Be("/Prod/product/a%2Fb");
        proxyEvent.GetProperty("requestContext").GetProperty("resourcePath").GetString().Should().Be("/{route}/{id}");

        var answer = await TestFunction.Against(CannedDynamoDb.Answering("{}"), RestEvents.Variables("product=products:id"))
            .InvokeAsync(Encoding.UTF8.GetString(bytes));
        answer.StatusCode.Should().Be(201, answer.Text);
        answer.Header("Location").Should().Be("/Prod/product/a%2Fb", "the stage the caller used, and the id escaped as one segment");
    }

    [Test]
    public void Resources_come_from_the_option_or_else_RESOURCES_and_are_checked_as_the_function_checks_them()
    {
        OptionsParser.Parse(["--resources", "product=products:id"], _ => null).Options!.Resources.Should().Be("product=products:id");
        OptionsParser.Parse([], name => name == "RESOURCES" ? " orders=orders:orderId:N " : null).Options!.Resources.Should().Be("orders=orders:orderId:N");
        OptionsParser.Parse(["--resources=a=bbb:c"], name => name == "RESOURCES" ? "x=yyy:z" : null).Options!.Resources.Should().Be("a=bbb:c");
        OptionsParser.Parse(["--resources"], _ => null).Error.Should().StartWith("--resources needs the routes");
        OptionsParser.Parse(["--resources", "health=products:id"], _ => null).Error.Should().Contain("the route \"health\" is taken");
    }

    [Test]
    public void Each_resource_table_is_created_with_its_own_key_beside_the_templates_table()
    {
        var resources = RestResources.Parse("product=products:id,orders=orders:orderId:N,again=orders:orderId:N", RestEvents.Secret, TablePolicy.AnyTable);

        TableBootstrap.TablesFor(null, resources).Should().Equal(
            new TableSpec("lambda-apigateway", "id", NumericKey: false),
            new TableSpec("products", "id", NumericKey: false),
            new TableSpec("orders", "orderId", NumericKey: true));
    }

    [Test]
    public void A_secret_is_made_for_the_run_unless_one_is_set_and_none_without_routes()
    {
        var made = new Dictionary<string, string?>();
        var kept = new Dictionary<string, string?> { ["NEXT_TOKEN_SECRET"] = RestEvents.Secret };
        var none = new Dictionary<string, string?> { ["RESOURCES"] = "from the shell" };

        RestEnvironment.Apply("product=products:id", made.GetValueOrDefault, (name, value) => made[name] = value).Should().BeTrue();
        RestEnvironment.Apply("product=products:id", kept.GetValueOrDefault, (name, value) => kept[name] = value).Should().BeFalse();
        RestEnvironment.Apply(null, none.GetValueOrDefault, (name, value) => none[name] = value).Should().BeFalse();

        made["RESOURCES"].Should().Be("product=products:id");
        made["NEXT_TOKEN_SECRET"].Should().MatchRegex("^[A-Za-z0-9_-]{64}$");
        kept["NEXT_TOKEN_SECRET"].Should().Be(RestEvents.Secret);
        none["RESOURCES"].Should().BeNull();
        none.Should().NotContainKey("NEXT_TOKEN_SECRET");
    }
}
