using FluentAssertions;
using LambdaFunctionOverHttps.Values;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Unit;

/// <summary>Numbers compared as DynamoDB compares them, and refused where DynamoDB refuses them.</summary>
public class DynamoDbNumberTests
{
    [TestCase("1E0", "1", "1.0", "10E-1", "0.1e1", "+1", "1.000000000000000000000000000000000000000000000")]
    [TestCase("-12E1", "-120", "-1.2E2", "-120.00", "-0.00012e6")]
    [TestCase("0", "0", "-0", "0.000", "0E99999999999999999999")]
    [TestCase("5E-1", "0.5", ".5", "+.5", "5E-1", "50e-2")]
    [TestCase("5E0", "5", "5.", "5.e0")]
    [TestCase("12345678901234567890123456789012345678E0", "12345678901234567890123456789012345678", "1.2345678901234567890123456789012345678E37")]
    public void Forms_of_one_number_have_one_canonical_form(string canonical, params string[] forms)
    {
        forms.Select(form => DynamoDbNumber.Canonical(form, out _)).Distinct().Should().Equal(canonical);
    }

    [TestCase("1", "2")]
    [TestCase("1", "-1")]
    [TestCase("10", "100")]
    [TestCase("1.5", "15")]
    public void Different_numbers_have_different_canonical_forms(string one, string other)
    {
        DynamoDbNumber.Canonical(one, out _).Should().NotBe(DynamoDbNumber.Canonical(other, out _));
    }

    [TestCase("123456789012345678901234567890123456789", "more than 38 significant digits")]
    [TestCase("1E126", "outside DynamoDB's range")]
    [TestCase("1E-131", "outside DynamoDB's range")]
    [TestCase("1E99999999999999999999", "outside DynamoDB's range")]
    [TestCase("abc", "not a number")]
    [TestCase("1.2.3", "not a number")]
    [TestCase("", "not a number")]
    public void A_number_DynamoDB_cannot_store_has_no_canonical_form(string text, string problem)
    {
        DynamoDbNumber.Canonical(text, out var why).Should().BeNull();
        why.Should().StartWith(problem);
    }

    [TestCase("9.9999999999999999999999999999999999999E+125")]
    [TestCase("1E-130")]
    [TestCase("-1E-130")]
    public void DynamoDB_s_extremes_are_numbers_it_stores(string text)
    {
        DynamoDbNumber.Canonical(text, out var problem).Should().MatchRegex("^-?[1-9][0-9]*E-?[0-9]+$");
        problem.Should().BeNull();
    }
}
