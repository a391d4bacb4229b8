using FluentAssertions;
using LambdaFunctionOverHttps.Operations;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Unit;

/// <summary>
/// batchRead's projection: the key attributes a caller's ProjectionExpression leaves out are added
/// under placeholders of their own, so each item can be matched to its key, and only those are
/// taken out again; the caller's own names are kept and never changed.
/// </summary>
public class KeyProjectionTests
{
    [Test]
    public void Without_a_projection_every_attribute_comes_back_and_nothing_is_added()
    {
        var names = new Dictionary<string, string> { ["#n"] = "name" };

        var (projection, sentNames, added) = KeyProjection.WithKeys(null, names, ["id"]);

        projection.Should().BeNull();
        sentNames.Should().BeSameAs(names);
        added.Should().BeEmpty();
    }

    [TestCase("id, price", null)]
    [TestCase("price,id", null)]
    [TestCase("#k, price", "#k")]
    [TestCase("price, #k.part", "#k")]
    public void A_projection_that_names_the_key_by_name_or_placeholder_is_sent_as_it_is(string projection, string? placeholder)
    {
        var names = placeholder is null ? null : new Dictionary<string, string> { [placeholder] = "id" };

        var (sent, sentNames, added) = KeyProjection.WithKeys(projection, names, ["id"]);

        sent.Should().Be(projection);
        sentNames.Should().BeSameAs(names);
        added.Should().BeEmpty();
    }

    [TestCase("price")]
    [TestCase("price, tags[0]")]
    [TestCase("info.id")]
    [TestCase("identity")]
    public void Key_attributes_the_projection_leaves_out_are_added_under_a_placeholder_and_reported_to_be_taken_out(string projection)
    {
        var (sent, sentNames, added) = KeyProjection.WithKeys(projection, null, ["id"]);

        sent.Should().Be(projection + ", #batchKey");
        sentNames.Should().Equal(new Dictionary<string, string> { ["#batchKey"] = "id" });
        added.Should().Equal("id");
    }

    [Test]
    public void Each_missing_key_attribute_gets_a_placeholder_no_caller_name_uses_and_the_caller_s_names_are_left_unchanged()
    {
        var names = new Dictionary<string, string> { ["#batchKey"] = "price", ["#batchKey0"] = "size" };

        var (sent, sentNames, added) = KeyProjection.WithKeys("#batchKey, #batchKey0", names, ["pk", "sk"]);

        sent.Should().Be("#batchKey, #batchKey0, #batchKey1, #batchKey2");
        sentNames.Should().Equal(new Dictionary<string, string>
        {
            ["#batchKey"] = "price",
            ["#batchKey0"] = "size",
            ["#batchKey1"] = "pk",
            ["#batchKey2"] = "sk",
        });
        added.Should().Equal("pk", "sk");
        names.Should().HaveCount(2, "the caller's names are copied, not changed");
    }

    [Test]
    public void Only_the_key_attributes_that_are_missing_are_added()
    {
        var (sent, sentNames, added) = KeyProjection.WithKeys("sk, price", new Dictionary<string, string> { ["#p"] = "price" }, ["pk", "sk"]);

        sent.Should().Be("sk, price, #batchKey");
        sentNames.Should().Equal(new Dictionary<string, string> { ["#p"] = "price", ["#batchKey"] = "pk" });
        added.Should().Equal("pk");
    }
}
