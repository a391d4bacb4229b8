using System.Buffers.Text;
using System.Security.Cryptography;
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

    // Tokens this API's secret signed, but not for this route as it is configured now.
    [TestCase("""{"v":2,"x":1}""", "The nextToken was issued by another version of this API: ")]
    [TestCase("""{"v":1,"r":"orders","t":"products","k":{"id":{"S":"k42"}}}""", "The nextToken belongs to GET /orders, not GET /product: a page's token only continues its own route; ")]
    [TestCase("""{"v":1,"r":"product","t":"stock","k":{"id":{"S":"k42"}}}""", "The nextToken was issued when /product read another table: ")]
    public void A_signed_token_of_another_version_route_or_table_is_a_400_that_says_which(string payload, string message)
    {
        var bytes = Encoding.UTF8.GetBytes(payload);
        var token = Base64Url.EncodeToString([.. bytes, .. HMACSHA256.HashData(Secret, bytes)]);

        var (start, problem) = NextToken.Read(Secret, Products, token);

        start.Should().BeNull();
        problem!.StatusCode.Should().Be(400);
        problem.ErrorMessage.Should().Be(message + "start again from the first page, without nextToken.");
    }

    // Too long, or too short to hold a signature, is refused unread; anything else that decodes is refused by its signature.
    [TestCase(NextToken.MaxLength + 1, "The nextToken is not one this API issued: ")]
    [TestCase(NextToken.MaxLength, "The nextToken is not one this API issued, or it was changed (tokens also end when NEXT_TOKEN_SECRET changes): ")]
    [TestCase(43, "The nextToken is not one this API issued: ")]
    [TestCase(44, "The nextToken is not one this API issued, or it was changed (tokens also end when NEXT_TOKEN_SECRET changes): ")]
    public void A_token_that_is_too_long_or_shorter_than_a_signature_is_refused_before_its_signature_is_checked(int characters, string message)
    {
        // 43 base64url characters are 32 bytes, a signature and no document; 44 are 33 bytes.
        var (start, problem) = NextToken.Read(Secret, Products, new string('A', characters));

        start.Should().BeNull();
        problem!.ErrorMessage.Should().Be(message + "start again from the first page, without nextToken.");
    }
}
