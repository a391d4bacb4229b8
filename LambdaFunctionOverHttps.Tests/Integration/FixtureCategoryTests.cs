using FluentAssertions;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Integration;

/// <summary>Keeps <c>--filter TestCategory=Dynalite</c> meaning the whole project.</summary>
[Category("Dynalite")]
public class FixtureCategoryTests
{
    [Test]
    public void Every_fixture_carries_the_Dynalite_category() =>
        FixtureCategories.Missing(typeof(FixtureCategoryTests).Assembly, "LambdaFunctionOverHttps.Tests.Integration", "Dynalite")
            .Should().BeEmpty();
}
