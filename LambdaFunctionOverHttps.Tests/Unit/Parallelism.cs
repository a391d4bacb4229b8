using System.Reflection;
using NUnit.Framework;
using NUnit.Framework.Internal;

// Pure tests share nothing but the process: fixtures run side by side, so the few that wait out
// the SDK's real retry back-off do not add up (a fixture that changes process state says
// [NonParallelizable]). Four workers, not two: the long ones are waits, not work. One worker
// when the function under test is a mutation tester's build (docs/testing.md, "Mutation testing").
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LambdaFunctionOverHttps.Tests.Unit.Workers(4)]

namespace LambdaFunctionOverHttps.Tests.Unit;

/// <summary>
/// NUnit's level of parallelism, one when the function's assembly carries Stryker's mutant
/// switch. Stryker learns which tests reach a mutant from one process-wide list that it empties at
/// the end of each test, so with tests running side by side a test ending claims what another
/// reached, and the other is then left out of that mutant's run: a mutant reported surviving
/// although a test kills it. One test at a time keeps that record exact.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class WorkersAttribute(int sideBySide)
    : PropertyAttribute(PropertyNames.LevelOfParallelism, UnderMutationTesting(typeof(Function).Assembly) ? 1 : sideBySide)
{
    /// <summary>Stryker compiles a <c>MutantControl</c> class, in a namespace <c>Stryker</c> followed by random letters, into the assembly it mutates.</summary>
    internal static bool UnderMutationTesting(Assembly function) =>
        function.GetTypes().Any(type => type.Name == "MutantControl" && type.Namespace?.StartsWith("Stryker", StringComparison.Ordinal) == true);
}
