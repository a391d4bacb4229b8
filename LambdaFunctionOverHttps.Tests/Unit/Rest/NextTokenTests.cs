using System.Text;
using Amazon.DynamoDBv2.Model;
using FluentAssertions;
using LambdaFunctionOverHttps.Configuration;
using LambdaFunctionOverHttps.Rest;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Unit.Rest;

/// <summary>A page's token continues its own route with the key it was issued under, and nothing else.</summary>
public class NextTokenTests
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("a-test-secret-of-at-least-32-characters!");
    private static readonly RestResource Products = new("product", "products", "id", NumericKey: false);

    [Test]
    public void A_token_reads_back_as_the_start_key_it_was_issued_for()
    {
        var token = NextToken.Issue(Secret, Products, new() { ["id"] = new AttributeValue { S = "k42" } });

        var (start, problem) = NextToken.Read(Secret, Products, token);

        problem.Should().BeNull();
        start!["id"].S.Should().Be("k42");
    }

    // RESOURCES changed between the pages: the route's key is now another attribute, or a number.
    [TestCase("sku", false)]
    [TestCase("id", true)]
    public void A_token_issued_before_the_route_s_key_changed_is_a_400_that_says_so(string keyAttribute, bool numeric)
    {
        var token = NextToken.Issue(Secret, Products, new() { ["id"] = new AttributeValue { S = "k42" } });

        var (start, problem) = NextToken.Read(Secret, Products with { KeyAttribute = keyAttribute, NumericKey = numeric }, token);

        start.Should().BeNull();
        problem!.StatusCode.Should().Be(400);
        problem.ErrorMessage.Should().Be("The nextToken was issued when /product had another key: start again from the first page, without nextToken.");
    }
}
