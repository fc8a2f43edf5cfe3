using System.Text;
using Attendance.Core.Hardware;
using Attendance.Core.Lookup;
using Attendance.Core.Security;
using Attendance.Fuzz.Support;

namespace Attendance.Fuzz.Targets;

/// <summary>
/// The terminal reading the server's answers to a roll upload (RollUpload.ReadAnswers: OK, OK..., CHAMADAGUARDADA)
/// over a connection that hands out the input in random chunks, upload after upload; and what the server and the
/// portal parse from the same text: every line as a typed verification code (VerificationCode.Normalise) and every
/// field as an upload time (UploadProtocol.TryParseUtc). Documented rejection: NetworkException (end of input).
/// </summary>
public sealed class UploadAnswersTarget : FuzzTarget
{
    public override string Name => "upload-answers";

    public override byte[][] Samples { get; } =
    [
        LookupSamples.Line(LookupProtocol.Ok).Concat(LookupSamples.Line(LookupProtocol.Ok)).Concat(LookupSamples.Line(LookupProtocol.Ok))
            .Concat(LookupSamples.Line(UploadProtocol.RollStored, "T01-20261123T081500Z-000042")).ToArray(),
        LookupSamples.Line(LookupProtocol.Error, UploadProtocol.UnknownCommand),
        LookupSamples.Line(LookupProtocol.Ok).Concat(LookupSamples.Line(LookupProtocol.Error, "presencas demais")).ToArray(),
        LookupSamples.Line(UploadProtocol.Presence, "A2001", "20261123T081500Z"),
        LookupSamples.Line("7KQ2-M9XD-4RTB-0HZC"),
        LookupSamples.Line("olil-oooo-1111-zzzz"),
    ];

    public override Type[] ExpectedExceptions => [typeof(NetworkException)];

    public override void Run(byte[] input)
    {
        foreach (var line in Encoding.UTF8.GetString(input).Split('\n'))
        {
            VerificationCode.Normalise(line);
            foreach (var field in line.Split('|'))
            {
                if (UploadProtocol.TryParseUtc(field, out var time) && UploadProtocol.FormatUtc(time) != field)
                {
                    throw new InvalidOperationException("an upload time does not format back to its text: " + field);
                }
            }
        }

        var report = new RollReport { RollId = "T01-20261123T081500Z-000042" };
        var exchange = new LookupExchange(new ChunkedConnection(input, input.Length), 1000);
        while (true)
        {
            // Any answer becomes a result (stored, not supported, or a failure); only the end of the input throws.
            RollUpload.ReadAnswers(exchange, report, 2);
        }
    }
}
