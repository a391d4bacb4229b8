using FluentAssertions;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.EndToEnd;

/// <summary>
/// Keeps the three categories covering the project, each its folder: a new fixture in none of them
/// would run with <c>dotnet test</c> but never with a <c>--filter TestCategory=…</c>. This check
/// belongs to every subset, so it carries all three.
/// </summary>
[Category("LocalStack")]
[Category("Deploy")]
[Category("Packaging")]
public class FixtureCategoryTests
{
    [Test]
    public void Every_fixture_carries_the_category_of_its_folder() =>
        FixtureCategories.Missing(typeof(FixtureCategoryTests).Assembly, "LambdaFunctionOverHttps.Tests.EndToEnd", "LocalStack", "Deploy", "Packaging")
            .Should().BeEmpty();
}
