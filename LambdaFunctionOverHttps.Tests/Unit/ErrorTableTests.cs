using System.Globalization;
using System.Text.RegularExpressions;
using FluentAssertions;
using LambdaFunctionOverHttps.Errors;
using LambdaFunctionOverHttps.Tests.Support;
using LambdaFunctionOverHttps.Tests.Unit.Hosts;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Unit;

/// <summary>
/// docs/contract.md's error table against the catalogue: every error type the function answers is
/// documented with its status, and nothing is documented that it does not answer. A row may name
/// several types (each in backticks in the first cell) that share a status.
/// </summary>
public partial class ErrorTableTests
{
    [Test]
    public void The_contract_documents_every_error_type_of_the_catalogue_with_its_status_and_no_other()
    {
        var catalogue = ErrorCatalogueTests.OwnKinds()
            .Concat(ErrorCatalogue.DynamoDbCodes.Values.Select(entry => entry.Kind))
            .DistinctBy(kind => kind.Type)
            .ToDictionary(kind => kind.Type, kind => kind.StatusCode, StringComparer.Ordinal);

        var documented = DocumentedErrorTypes(File.ReadAllLines(RepositoryRoot.Combine("docs", "contract.md")));

        documented.Should().BeEquivalentTo(catalogue);
    }

    [Test]
    public void The_table_reader_reads_every_name_of_a_row_and_refuses_a_type_documented_twice()
    {
        string[] contract =
        [
            "## Errors", "", "| errorType | status | when |", "| --- | --- | --- |",
            "| `A` | 400 | the `C` key |", "| `B`, `D` | 409 | |", "", "## Next", "| `E` | 500 | not the errors table |",
        ];

        DocumentedErrorTypes(contract).Should().BeEquivalentTo(new Dictionary<string, int> { ["A"] = 400, ["B"] = 409, ["D"] = 409 });
        var twice = () => DocumentedErrorTypes([.. contract[..6], "| `A` | 404 | |"]);
        twice.Should().Throw<InvalidDataException>().WithMessage("*`A`*twice*");
    }

    /// <summary>The first table under "## Errors": each backticked name in a row's first cell, with the row's status.</summary>
    private static Dictionary<string, int> DocumentedErrorTypes(IReadOnlyList<string> contract)
    {
        var rows = contract
            .SkipWhile(line => line != "## Errors")
            .Skip(1)
            .TakeWhile(line => !line.StartsWith("## ", StringComparison.Ordinal))
            .SkipWhile(line => !line.StartsWith('|'))
            .TakeWhile(line => line.StartsWith('|'))
            .Skip(2); // the header and its separator
        var documented = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var cells = row.Split('|');
            var status = int.Parse(cells[2].Trim(), CultureInfo.InvariantCulture);
            foreach (Match name in Name().Matches(cells[1]))
            {
                if (!documented.TryAdd(name.Groups[1].Value, status))
                {
                    throw new InvalidDataException($"{name.Value} is documented twice in the errors table.");
                }
            }
        }

        return documented;
    }

    [GeneratedRegex("`([A-Za-z]+)`")]
    private static partial Regex Name();
}
