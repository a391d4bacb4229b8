using FluentAssertions;
using LambdaFunctionOverHttps.Operations;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Unit;

/// <summary>
/// The wait before a batch's retry: "full jitter", a random time up to a cap that starts at 50 ms and
/// doubles with each retry up to 2 s, so that retries of many callers spread out rather than meet.
/// </summary>
public class BackoffTests
{
    [TestCase(1, 50)]
    [TestCase(2, 100)]
    [TestCase(6, 1600)]
    [TestCase(7, 2000)]
    [TestCase(2000, 2000)]
    public void The_wait_before_a_retry_is_random_up_to_its_doubled_cap(int attempt, int capMilliseconds)
    {
        var waits = Enumerable.Range(0, 2000).Select(_ => BatchRunner.Backoff(attempt).TotalMilliseconds).ToList();

        waits.Should().OnlyContain(wait => wait >= 0 && wait < capMilliseconds);
        // The chance that 2,000 uniform draws all stay under 90% of the cap is 0.9^2000, about 1e-92.
        waits.Max().Should().BeGreaterThan(capMilliseconds * 0.9, "the whole range up to the cap is used");
    }
}
