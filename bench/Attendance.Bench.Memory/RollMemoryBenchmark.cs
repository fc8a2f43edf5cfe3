using Attendance.Core.Cards;
using Attendance.Core.Roll;

namespace Attendance.Bench.Memory;

/// <summary>
/// Managed bytes per stored swipe and per duplicate swipe, for <see cref="AttendanceRoll"/> and a naive
/// baseline, in the same process. "Allocated" counts every byte allocated by the thread during the phase
/// (GC.GetAllocatedBytesForCurrentThread); "retained" is the growth of the live heap after a full collection
/// (GC.GetTotalMemory(true)) from before the roll objects were made to after they were filled, so it includes the
/// memory the roll reserves up front. GetTotalMemory is coarse (it counts the thread's allocation context, a few
/// KB), so retained memory is measured over <see cref="Instances"/> filled rolls kept alive together. Host figures: the board's object headers and references are smaller
/// (4-byte references), so they are an upper bound for the board.
/// </summary>
public static class RollMemoryBenchmark
{
    public const string ProfessorCode = "P0000001";
    public const int DuplicateTargetBytes = 0;
    public const int PerSwipeOverheadTargetBytes = 64;
    public const int Instances = 64;

    public static bool Run(int capacity, int codeLength, TextWriter output)
    {
        char[][] codes = MakeCodes(capacity, codeLength);

        // Warm up: JIT, static initialisers and the first use of Encoding.UTF8 are not the roll's cost.
        MeasureRoll(capacity, codes);
        MeasureNaive(capacity, codes);

        Measurement ours = MeasureRoll(capacity, codes);
        Measurement naive = MeasureNaive(capacity, codes);

        double target = PerSwipeOverheadTargetBytes + codeLength;
        bool retainedPass = ours.RetainedPerSwipe <= target;
        bool duplicatePass = ours.AllocatedPerDuplicate <= DuplicateTargetBytes;

        output.WriteLine($"Roll memory, capacity {capacity}, codes of {codeLength} characters, {Environment.Version} host runtime,");
        output.WriteLine($"retained measured over {Instances} filled rolls of each kind");
        output.WriteLine();
        output.WriteLine("| Measure (bytes)                 |   AttendanceRoll |   naive baseline | baseline / roll | target          | result |");
        output.WriteLine("|---------------------------------|-----------------:|-----------------:|----------------:|-----------------|--------|");
        Row(output, "retained per stored swipe", ours.RetainedPerSwipe, naive.RetainedPerSwipe, $"<= 64 + {codeLength} = {target}", retainedPass);
        Row(output, "allocated per stored swipe", ours.AllocatedPerSwipe, naive.AllocatedPerSwipe, "(reported)", null);
        Row(output, "allocated per duplicate swipe", ours.AllocatedPerDuplicate, naive.AllocatedPerDuplicate, "0", duplicatePass);
        Row(output, "retained, whole roll", ours.RetainedTotal, naive.RetainedTotal, "(reported)", null);
        double framed = MeasureFramedSwipes(capacity, codes);
        bool framedPass = framed <= 0;
        output.WriteLine($"| {"allocated per UART swipe",-31} | {framed,16:F1} | {"",16} | {"",15} | {"0",-15} | {(framedPass ? "PASS" : "FAIL"),-6} |");
        output.WriteLine();
        output.WriteLine(retainedPass && duplicatePass ? "PASS" : "FAIL");
        return retainedPass && duplicatePass && framedPass;
    }

    /// <summary>
    /// Bytes allocated per code when the reader's bytes go through <see cref="CardFramer"/> into the roll
    /// (CRLF suffix, fed 7 bytes at a time so codes straddle reads), for new codes and then for duplicates.
    /// </summary>
    private static double MeasureFramedSwipes(int capacity, char[][] codes)
    {
        byte[] stream = new byte[codes.Length * (codes[0].Length + 2)];
        int length = 0;
        foreach (char[] code in codes)
        {
            foreach (char character in code)
            {
                stream[length++] = (byte)character;
            }

            stream[length++] = 0x0D;
            stream[length++] = 0x0A;
        }

        CardFramer framer = new(new CardReaderOptions());
        RollSink sink = new(OpenRoll(capacity));
        Feed(framer, sink, stream, length);
        sink.Reset();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Feed(framer, sink, stream, length);
        sink.Roll.CloseIfOverdue();
        long afterDuplicates = GC.GetAllocatedBytesForCurrentThread();
        if (sink.Results != codes.Length)
        {
            throw new InvalidOperationException("The framer lost codes.");
        }

        // First pass (new codes) is measured on a fresh roll.
        RollSink fresh = new(OpenRoll(capacity));
        long beforeNew = GC.GetAllocatedBytesForCurrentThread();
        Feed(framer, fresh, stream, length);
        long afterNew = GC.GetAllocatedBytesForCurrentThread();
        if (fresh.Roll.StudentCount != codes.Length)
        {
            throw new InvalidOperationException("The roll did not take every framed code.");
        }

        return (double)((afterDuplicates - before) + (afterNew - beforeNew)) / (2 * codes.Length);
    }

    private static void Feed(CardFramer framer, ICardSink sink, byte[] stream, int length)
    {
        for (int offset = 0; offset < length; offset += 7)
        {
            framer.Feed(stream, offset, Math.Min(7, length - offset), 0, sink);
        }
    }

    private sealed class RollSink : ICardSink
    {
        public RollSink(AttendanceRoll roll)
        {
            Roll = roll;
        }

        public AttendanceRoll Roll { get; }

        public int Results { get; private set; }

        public void Reset() => Results = 0;

        public void OnCard(char[] code, int length, long monotonicMilliseconds)
        {
            Roll.Swipe(code, length);
            Results++;
        }

        public void OnBadRead(BadReadReason reason, long monotonicMilliseconds) =>
            throw new InvalidOperationException("Unexpected bad read " + reason);
    }

    private static void Row(TextWriter output, string name, double ours, double naive, string target, bool? pass)
    {
        string ratio = ours > 0 ? (naive / ours).ToString("F2") : "n/a";
        string result = pass is null ? "" : pass.Value ? "PASS" : "FAIL";
        output.WriteLine($"| {name,-31} | {ours,16:F1} | {naive,16:F1} | {ratio,15} | {target,-15} | {result,-6} |");
    }

    private static Measurement MeasureRoll(int capacity, char[][] codes)
    {
        long heapBefore = GC.GetTotalMemory(true);
        AttendanceRoll[] kept = new AttendanceRoll[Instances];
        for (int instance = 0; instance < Instances; instance++)
        {
            kept[instance] = OpenRoll(capacity);
            for (int index = 0; index < codes.Length; index++)
            {
                Check(kept[instance].Swipe(codes[index], codes[index].Length), SwipeResult.Accepted);
            }
        }

        long heapAfter = GC.GetTotalMemory(true);
        GC.KeepAlive(kept);
        kept = null!;

        AttendanceRoll roll = OpenRoll(capacity);
        long allocatedAfterOpen = GC.GetAllocatedBytesForCurrentThread();
        for (int index = 0; index < codes.Length; index++)
        {
            Check(roll.Swipe(codes[index], codes[index].Length), SwipeResult.Accepted);
        }

        long allocatedAfterFill = GC.GetAllocatedBytesForCurrentThread();
        for (int index = 0; index < codes.Length; index++)
        {
            Check(roll.Swipe(codes[index], codes[index].Length), SwipeResult.Duplicate);
        }

        long allocatedAfterDuplicates = GC.GetAllocatedBytesForCurrentThread();
        return new Measurement(codes.Length, (heapAfter - heapBefore) / Instances,
            allocatedAfterFill - allocatedAfterOpen, allocatedAfterDuplicates - allocatedAfterFill);
    }

    private static AttendanceRoll OpenRoll(int capacity)
    {
        RollOptions options = new() { Capacity = capacity, ProfessorCacheCapacity = 4 };
        AttendanceRoll roll = new(options, new FixedClock(), new DiscardingStore(), new OneProfessor());
        roll.Restore();
        if (roll.Swipe(ProfessorCode) != SwipeResult.Opened)
        {
            throw new InvalidOperationException("The roll did not open.");
        }

        return roll;
    }

    private static Measurement MeasureNaive(int capacity, char[][] codes)
    {
        DateTime now = new(2026, 11, 23, 8, 15, 0, DateTimeKind.Utc);
        long heapBefore = GC.GetTotalMemory(true);
        NaiveRoll[] kept = new NaiveRoll[Instances];
        for (int instance = 0; instance < Instances; instance++)
        {
            kept[instance] = new NaiveRoll(capacity);
            for (int index = 0; index < codes.Length; index++)
            {
                kept[instance].Swipe(codes[index], codes[index].Length, now);
            }
        }

        long heapAfter = GC.GetTotalMemory(true);
        GC.KeepAlive(kept);
        kept = null!;

        NaiveRoll roll = new(capacity);
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (int index = 0; index < codes.Length; index++)
        {
            if (!roll.Swipe(codes[index], codes[index].Length, now))
            {
                throw new InvalidOperationException("The naive roll refused a new code.");
            }
        }

        long allocatedAfterFill = GC.GetAllocatedBytesForCurrentThread();
        for (int index = 0; index < codes.Length; index++)
        {
            if (roll.Swipe(codes[index], codes[index].Length, now))
            {
                throw new InvalidOperationException("The naive roll took a duplicate.");
            }
        }

        long allocatedAfterDuplicates = GC.GetAllocatedBytesForCurrentThread();
        return new Measurement(codes.Length, (heapAfter - heapBefore) / Instances,
            allocatedAfterFill - allocatedBefore, allocatedAfterDuplicates - allocatedAfterFill);
    }

    private static void Check(SwipeResult actual, SwipeResult expected)
    {
        if (actual != expected)
        {
            throw new InvalidOperationException($"Swipe gave {actual}, expected {expected}.");
        }
    }

    private static char[][] MakeCodes(int count, int length)
    {
        char[][] codes = new char[count][];
        for (int index = 0; index < count; index++)
        {
            codes[index] = ("S" + (100000 + index * 7919).ToString().PadLeft(length - 1, '0')).Substring(0, length).ToCharArray();
        }

        return codes;
    }

    private sealed record Measurement(int Swipes, long RetainedTotal, long Allocated, long AllocatedDuplicates)
    {
        public double RetainedPerSwipe => (double)RetainedTotal / Swipes;

        public double AllocatedPerSwipe => (double)Allocated / Swipes;

        public double AllocatedPerDuplicate => (double)AllocatedDuplicates / Swipes;
    }
}
