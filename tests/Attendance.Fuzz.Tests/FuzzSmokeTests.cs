using Attendance.Fuzz;
using Attendance.Fuzz.Targets;

namespace Attendance.Fuzz.Tests;

/// <summary>
/// Issue 11: every parser of received or stored bytes takes 2,000 seeded random and mutated inputs without an
/// undocumented exception, a hang (1 s per input, generous for a loaded CI machine) or, for stored data, losing
/// the next valid roll. The full run (10^6 per parser) is the documented command in tools/Attendance.Fuzz/README.md.
/// </summary>
[TestClass]
public sealed class FuzzSmokeTests
{
    private const int InputsPerParser = 2000;
    private const int Seed = 1;

    /// <summary>
    /// Parsers that fail today, before the issue-11 fixes are merged (baseline in tools/Attendance.Fuzz/README.md).
    /// Empty it as the fixes land: a listed parser that turns out clean fails the test, so the list cannot rot.
    /// </summary>
    private static readonly string[] KnownFailingUntilIssue11Fixes = [];

    /// <summary>Stored records whose single-bit flips are not all detected today (no checksum yet); same rule as above.</summary>
    private static readonly string[] UndetectedFlipsUntilIssue11Fixes = [];

    public static IEnumerable<object[]> Parsers() => AllTargets.Create().Select(target => new object[] { target.Name });

    [TestMethod]
    [DynamicData(nameof(Parsers))]
    public void Parser_survives_seeded_random_and_mutated_inputs(string parser)
    {
        var target = AllTargets.Create().Single(candidate => candidate.Name == parser);
        var result = FuzzRunner.Run(target, InputsPerParser, Seed, Environment.ProcessorCount, TimeSpan.FromSeconds(1));
        var findings = Report.Table([result]) + Report.Details([result], Seed);
        Assert.AreEqual(InputsPerParser, result.Inputs);
        if (KnownFailingUntilIssue11Fixes.Contains(parser))
        {
            Assert.IsFalse(result.Clean, parser + " is clean now: remove it from KnownFailingUntilIssue11Fixes.\n" + findings);
            Assert.Inconclusive("Known to fail until the issue-11 fixes are merged:\n" + findings);
        }

        Assert.IsTrue(result.Clean, findings);
    }

    [TestMethod]
    public void The_harness_finds_a_planted_fault()
    {
        // A parser that throws an undocumented exception on every even-length input and never returns on its 100th: the
        // harness must report both, or a clean table proves nothing.
        var result = FuzzRunner.Run(new PlantedFaultTarget(), 300, Seed, 2, TimeSpan.FromSeconds(0.5));
        Assert.IsTrue(result.Unexpected.Keys.Any(key => key.StartsWith("IndexOutOfRangeException", StringComparison.Ordinal)), Report.Table([result]));
        Assert.AreEqual(1, result.Hangs.Count, Report.Table([result]));
        Assert.AreEqual(300, result.Inputs);
    }

    [TestMethod]
    public void Every_single_bit_flip_of_a_stored_record_is_detected()
    {
        var rows = BitFlipCensus.Run();
        var table = Report.Census(rows);
        foreach (var row in rows)
        {
            bool knownFailing = UndetectedFlipsUntilIssue11Fixes.Contains(row.Record);
            bool allDetected = row.Detected == row.Bits;
            if (knownFailing)
            {
                Assert.IsFalse(allDetected, row.Record + " detects every flip now: remove it from UndetectedFlipsUntilIssue11Fixes.\n" + table);
            }
            else
            {
                Assert.IsTrue(allDetected, table);
            }
        }
    }

    private sealed class PlantedFaultTarget : FuzzTarget
    {
        private int calls;

        public override string Name => "planted";

        public override byte[][] Samples { get; } = [[1, 2, 3]];

        public override void Run(byte[] input)
        {
            if (Interlocked.Increment(ref calls) == 100)
            {
                Thread.Sleep(Timeout.Infinite);
            }

            if (input.Length % 2 == 0)
            {
                _ = input[input.Length + 1];
            }
        }
    }
}
