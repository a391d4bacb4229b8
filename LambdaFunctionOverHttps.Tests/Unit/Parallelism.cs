using NUnit.Framework;

// Pure tests share nothing but the process: fixtures run side by side, so the few that wait out
// the SDK's real retry back-off do not add up (a fixture that changes process state says
// [NonParallelizable]). Four, not two: the long ones are waits, not work.
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(4)]
