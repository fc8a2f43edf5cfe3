using Attendance.Core.Lookup;
using static Attendance.Fuzz.Mutator;

namespace Attendance.Fuzz.Targets;

/// <summary>
/// The protocol's line framing and field codec (LookupLineFramer, LookupFieldCodec), shared by the client and
/// the server: bytes in random chunks, each complete line split into fields. Bad lines are results (LineTooLong,
/// null from Split), never exceptions.
/// </summary>
public sealed class LookupLineTarget : FuzzTarget
{
    public override string Name => "lookup-line-codec";

    public override byte[][] Samples { get; } = LookupSamples.Lines;

    public override void Run(byte[] input)
    {
        var framer = new LookupLineFramer(LookupProtocol.MaximumLineBytes);
        var random = new Random(input.Length);
        int offset = 0;
        while (offset < input.Length)
        {
            int count = Math.Min(input.Length - offset, 1 + random.Next(300));
            while (count > 0)
            {
                var status = framer.Push(input, offset, count, out int consumed);
                if (consumed <= 0 && status == LineFramerStatus.Incomplete)
                {
                    throw new InvalidOperationException("The framer consumed nothing.");
                }

                offset += consumed;
                count -= consumed;
                if (status == LineFramerStatus.Line)
                {
                    var fields = LookupFieldCodec.Split(framer.TakeLine());
                    if (fields != null)
                    {
                        // What was split must join back to a line that splits the same.
                        var again = LookupFieldCodec.Split(LookupFieldCodec.Join(fields));
                        if (again == null || !again.SequenceEqual(fields))
                        {
                            throw new InvalidOperationException("Join(Split(line)) does not split back to the same fields.");
                        }
                    }
                }
            }
        }
    }
}

/// <summary>Valid protocol lines as the real codec writes them (requests and answers).</summary>
public static class LookupSamples
{
    public static readonly byte[][] Lines =
    [
        Line(LookupProtocol.Greeting, LookupProtocol.Version, "3f2a9c"),
        Line(LookupProtocol.Ok),
        Line("prof@example.edu"),
        Line(LookupProtocol.NotProfessor),
        Line("Maria da Graça | Gonçalves\\"),
        Line(LookupProtocol.Enrolled) .Concat(Line(LookupProtocol.NotEnrolled)).ToArray(),
        Line("08:15"),
        Line(LookupProtocol.NoClassScheduled),
        Line(LookupProtocol.Error, "servidor ocupado"),
        Line(LookupProtocol.IsProfessor, "P1001"),
        Line(LookupProtocol.IsEnrolled, "A2001", "C1", "K1", "2026", "3"),
        Line(LookupProtocol.ClassAtTime, "08:15", "1", "P1001"),
        Line(LookupProtocol.ClassStart, "C1", "1", "08:15"),
        Line(LookupProtocol.Authenticate, "T01", "00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff"),
        Line(LookupProtocol.StudentName, "A2001").Concat(Line(LookupProtocol.ClassName, "C1")).ToArray(),
    ];

    public static byte[] Line(params string[] fields) => Ascii(LookupFieldCodec.Join(fields) + "\r\n");
}
