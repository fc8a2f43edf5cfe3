using Attendance.Core.Cards;
using static Attendance.Fuzz.Mutator;

namespace Attendance.Fuzz.Targets;

/// <summary>The card reader's byte stream (Cards/CardFramer), fed in random chunks at random times; it never throws.</summary>
public sealed class CardFramerTarget : FuzzTarget
{
    public override string Name => "card-framer";

    public override byte[][] Samples { get; } =
    [
        Ascii("P1001\r"), Ascii("A2001\r\nA2002\r\n"), Ascii("A2003\nZZ9999\n"), Ascii("a2004-x\r\r\n"), Ascii("12345678901234567890\r"),
    ];

    public override void Run(byte[] input)
    {
        var random = new Random(input.Length);
        var options = new CardReaderOptions { Suffix = input.Length % 2 == 0 ? CardSuffix.CarriageReturnLineFeed : CardSuffix.IdleGap };
        var framer = new CardFramer(options);
        var sink = new CountingSink();
        long now = 1000;
        int offset = 0;
        while (offset < input.Length)
        {
            int count = Math.Min(input.Length - offset, 1 + random.Next(16));
            framer.Feed(input, offset, count, now, sink);
            offset += count;
            now += random.Next(3) == 0 ? random.Next(1000) : random.Next(5);
            framer.Poll(now, sink);
        }

        framer.Poll(now + 10_000, sink);
        if (framer.HasPartialCode)
        {
            throw new InvalidOperationException("A partial code survived a 10 s silence.");
        }
    }

    private sealed class CountingSink : ICardSink
    {
        public void OnCard(char[] code, int length, long monotonicMilliseconds)
        {
            if (length < 1 || length > code.Length)
            {
                throw new InvalidOperationException("Card code of length " + length);
            }
        }

        public void OnBadRead(BadReadReason reason, long monotonicMilliseconds)
        {
        }
    }
}
