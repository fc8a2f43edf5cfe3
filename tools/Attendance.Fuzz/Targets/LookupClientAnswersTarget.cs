using Attendance.Core.Hardware;
using Attendance.Core.Lookup;
using Attendance.Fuzz.Support;

namespace Attendance.Fuzz.Targets;

/// <summary>
/// The client reading answers off the connection (LookupExchange.ReadFields) and deciding what they mean
/// (LookupAnswers), each line read as the answer to each kind of request in turn. Documented rejections:
/// LookupException (protocol violation, refusal) and NetworkException (the server closed the connection).
/// </summary>
public sealed class LookupClientAnswersTarget : FuzzTarget
{
    public override string Name => "lookup-client-answers";

    public override byte[][] Samples { get; } = LookupSamples.Lines;

    public override Type[] ExpectedExceptions => [typeof(LookupException), typeof(NetworkException)];

    public override void Run(byte[] input)
    {
        var exchange = new LookupExchange(new ChunkedConnection(input, input.Length), 1000);
        for (int answer = 0; ; answer++)
        {
            var fields = exchange.ReadFields();
            Interpret(fields, answer % 6);
        }
    }

    private static void Interpret(string[] fields, int kind)
    {
        try
        {
            switch (kind)
            {
                case 0: LookupAnswers.Nonce(fields); break;
                case 1: LookupAnswers.RequireAuthenticated(fields, "T01"); break;
                case 2: LookupAnswers.ValueOrNull(fields, LookupProtocol.NotProfessor, LookupProtocol.IsProfessor); break;
                case 3: LookupAnswers.IsEnrolled(fields); break;
                case 4: LookupAnswers.StartMinuteOfDay(fields); break;
                default: LookupAnswers.ValueOrNull(fields, LookupProtocol.NotStudent, LookupProtocol.StudentName); break;
            }
        }
        catch (LookupException)
        {
            // A rejected answer; the next line is still read, as a pipelined client would.
        }
    }
}
