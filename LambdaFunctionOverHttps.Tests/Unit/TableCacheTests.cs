using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using FluentAssertions;
using LambdaFunctionOverHttps.DynamoDb;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Unit;

/// <summary>Document Model tables are built once per name and declared key, and the cache stays bounded.</summary>
public class TableCacheTests
{
    private static DynamoDbAccess NewAccess() =>
        new(DynamoDbClientFactory.Create("http://127.0.0.1:9", new BasicAWSCredentials("test", "test"), CannedDynamoDb.Answering("{}")));

    private static Dictionary<string, AttributeValue> Key(params (string Name, AttributeValue Value)[] attributes) =>
        attributes.ToDictionary(attribute => attribute.Name, attribute => attribute.Value);

    [Test]
    public void The_same_table_and_key_shape_reuses_one_table_and_a_different_shape_gets_its_own()
    {
        var access = NewAccess();

        var first = access.TableForKey("orders", Key(("id", new AttributeValue { S = "a" })));
        var again = access.TableForKey("orders", Key(("id", new AttributeValue { S = "b" })));
        var numericKey = access.TableForKey("orders", Key(("id", new AttributeValue { N = "1" })));
        var withRange = access.TableForKey("orders", Key(("id", new AttributeValue { S = "a" }), ("at", new AttributeValue { N = "2" })));
        var forPut = access.TableForItem("orders", Key(("id", new AttributeValue { S = "a" }), ("note", new AttributeValue { S = "x" })));

        again.Should().BeSameAs(first);
        numericKey.Should().NotBeSameAs(first);
        withRange.Should().NotBeSameAs(first);
        withRange.RangeKeys.Should().Equal("at");
        forPut.Should().BeSameAs(first, "PutItem declares the item's first attribute, here the same as the key");
        access.CachedTables.Should().Be(3);
    }

    [Test]
    public void Callers_cycling_through_table_names_cannot_grow_the_cache_past_its_bound()
    {
        var access = NewAccess();

        for (var i = 0; i < DynamoDbAccess.MaxCachedTables + 100; i++)
        {
            var table = access.TableForKey($"table-{i}", Key(("id", new AttributeValue { S = "a" })));
            table.TableName.Should().Be($"table-{i}");
        }

        access.CachedTables.Should().Be(DynamoDbAccess.MaxCachedTables);
    }

    [Test]
    public void A_key_of_more_than_two_attributes_is_a_caller_bug_here_because_the_payload_reader_refuses_it_first()
    {
        var access = NewAccess();

        var act = () => access.TableForKey("orders", Key(("a", new AttributeValue { S = "1" }), ("b", new AttributeValue { S = "2" }), ("c", new AttributeValue { S = "3" })));

        act.Should().Throw<ArgumentOutOfRangeException>();
        access.CachedTables.Should().Be(0);
    }
}
