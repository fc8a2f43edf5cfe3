using Attendance.LookupServer.Storage;

namespace Attendance.LookupServer.Protocol;

/// <summary>
/// An upload between its CHAMADA and its FIMCHAMADA: nothing is stored until FIMCHAMADA. One per connection at
/// most, with at most <see cref="RollUploadProtocol.MaximumPresences"/> presences of codes of at most 64
/// characters, so a connection holds at most about 1.7 MB for it (10,000 x (the code's string + 16 bytes)).
/// </summary>
public sealed class PendingRoll
{
    public PendingRoll(string rollId, string professorCode, string classCode, long openedUtc, long closedUtc, long? lateAfterUtc,
        bool closedAutomatically, int expectedCount)
    {
        RollId = rollId;
        ProfessorCode = professorCode;
        ClassCode = classCode;
        OpenedUtc = openedUtc;
        ClosedUtc = closedUtc;
        LateAfterUtc = lateAfterUtc;
        ClosedAutomatically = closedAutomatically;
        ExpectedCount = expectedCount;

        // Sized for the announced count, but never more than the limit allows.
        Presences = new List<RollContent.Swipe>(Math.Min(expectedCount, 1024));
    }

    public string RollId { get; }

    public string ProfessorCode { get; }

    public string ClassCode { get; }

    public long OpenedUtc { get; }

    public long ClosedUtc { get; }

    public long? LateAfterUtc { get; }

    public bool ClosedAutomatically { get; }

    public int ExpectedCount { get; }

    public List<RollContent.Swipe> Presences { get; }

    public RollContent ToContent(string terminalId) =>
        new(terminalId, RollId, ProfessorCode, ClassCode, OpenedUtc, ClosedUtc, LateAfterUtc, ClosedAutomatically, Presences);
}
