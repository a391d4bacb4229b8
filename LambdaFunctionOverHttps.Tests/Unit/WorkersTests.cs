using FluentAssertions;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Unit
{
    public class WorkersTests
    {
        [Test]
        public void Tests_run_side_by_side_unless_the_function_is_a_mutation_testers_build()
        {
            WorkersAttribute.UnderMutationTesting(typeof(Function).Assembly).Should().BeFalse();
            // This assembly holds a class shaped like the one Stryker compiles into what it mutates.
            WorkersAttribute.UnderMutationTesting(typeof(WorkersTests).Assembly).Should().BeTrue();
        }
    }
}

namespace StrykerQ7fTz2kLm9XwR4b
{
    /// <summary>The shape of Stryker's mutant switch: a <c>MutantControl</c> in <c>Stryker</c> plus fifteen random letters.</summary>
    internal static class MutantControl;
}
