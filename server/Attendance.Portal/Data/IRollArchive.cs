using Attendance.Portal.Security;

namespace Attendance.Portal.Data;

/// <summary>
/// The rolls the lookup server stored (docs/protocol.md, "Uploading a roll"), read for the portal. The lookup
/// server implements it over SQLite or PostgreSQL (Storage/SqlRollArchive). Every query takes the user's
/// <see cref="PortalScope"/> and applies it in SQL: a professor asking for another professor's roll or class gets
/// null or an empty result, exactly as for one that does not exist.
/// </summary>
public interface IRollArchive
{
    /// <summary>Rolls matching the filter, newest first (by opening time), one page of them.</summary>
    Task<RollPage> SearchRollsAsync(RollSearch search, PortalScope scope, CancellationToken cancellationToken);

    /// <summary>One roll with its presences, or null when it does not exist or is outside the scope.</summary>
    Task<RollDetail?> GetRollAsync(long rollKey, PortalScope scope, CancellationToken cancellationToken);

    /// <summary>Classes in scope that have at least one stored roll, with their periods (for the class sheet picker).</summary>
    Task<IReadOnlyList<ClassPeriod>> ListClassPeriodsAsync(PortalScope scope, CancellationToken cancellationToken);

    /// <summary>
    /// Students x sessions of one class in one year and semester: every roll of the class in that period is a
    /// session; the students are those enrolled in that period plus anyone who swiped. Null when out of scope.
    /// </summary>
    Task<ClassSheet?> GetClassSheetAsync(string classCode, int year, int semester, PortalScope scope, CancellationToken cancellationToken);

    /// <summary>A student's attendance in every class (in scope) they are enrolled in or swiped in; null when unknown.</summary>
    Task<StudentHistory?> GetStudentHistoryAsync(string studentCode, PortalScope scope, CancellationToken cancellationToken);

    /// <summary>
    /// Finds the roll whose e-mail carried this verification code (normalised: 16 Crockford base32 characters,
    /// upper case, no dashes) and recomputes the code from the stored roll with the terminal's key.
    /// Not scoped: anyone signed in may check a code; the result names the roll only when it is in scope.
    /// </summary>
    Task<VerificationResult> VerifyAsync(string normalisedCode, PortalScope scope, CancellationToken cancellationToken);
}

/// <summary>Search filter; null or empty values do not filter. Dates are local calendar days, inclusive.</summary>
public sealed record RollSearch(
    string? CourseCode = null,
    string? ClassCode = null,
    string? ProfessorCode = null,
    DateOnly? From = null,
    DateOnly? To = null,
    string? Student = null,
    int Page = 1,
    int PageSize = 25);

public sealed record RollPage(IReadOnlyList<RollSummary> Rolls, int TotalCount, int Page, int PageSize)
{
    public int PageCount => TotalCount == 0 ? 1 : (TotalCount + PageSize - 1) / PageSize;
}

/// <summary>A stored roll, as a line of the search result. <see cref="RollKey"/> is the database key (no personal data).</summary>
public sealed record RollSummary(
    long RollKey,
    string RollId,
    string TerminalId,
    string ProfessorCode,
    string? ProfessorName,
    string? ClassCode,
    string? ClassName,
    string? CourseCode,
    string? CourseName,
    DateTime OpenedUtc,
    DateTime ClosedUtc,
    int PresentCount,
    int LateCount);

public enum PresenceStatus
{
    Enrolled = 0,
    NotEnrolled = 1,
    UnknownStudent = 2,
}

public sealed record Presence(string StudentCode, string? StudentName, DateTime FirstSwipeUtc, PresenceStatus Status, bool Late);

public sealed record RollDetail(
    RollSummary Summary,
    DateTime? LateAfterUtc,
    bool ClosedAutomatically,
    string VerificationCode,
    DateTime UploadedUtc,
    IReadOnlyList<Presence> Presences);

/// <summary>A class taught in one year and semester (semester 1 = January-June, 2 = July-December).</summary>
public sealed record ClassPeriod(string ClassCode, string? ClassName, string? CourseCode, string? CourseName, int Year, int Semester, int SessionCount);

/// <summary>One session (roll) of a class sheet.</summary>
public sealed record SheetSession(long RollKey, DateTime OpenedUtc);

/// <summary>
/// A row of the class sheet. <see cref="Attended"/>[i] is the presence in session i (null when absent);
/// <see cref="Enrolled"/> is false for someone who swiped without being enrolled.
/// </summary>
public sealed record SheetRow(string StudentCode, string? StudentName, bool Enrolled, IReadOnlyList<Presence?> Attended)
{
    public int AttendedCount => Attended.Count(presence => presence is not null);
}

public sealed record ClassSheet(ClassPeriod Period, IReadOnlyList<SheetSession> Sessions, IReadOnlyList<SheetRow> Rows);

/// <summary>One class in a student's history: sessions held, sessions attended (late ones included), late count.</summary>
public sealed record StudentClassRecord(ClassPeriod Period, bool Enrolled, int Sessions, int Attended, int Late);

public sealed record StudentHistory(string StudentCode, string? StudentName, IReadOnlyList<StudentClassRecord> Classes);

public enum VerificationOutcome
{
    /// <summary>No stored roll carries this code.</summary>
    Unknown = 0,

    /// <summary>The code matches the stored roll, recomputed with the terminal's key: the roll is unaltered.</summary>
    Authentic = 1,

    /// <summary>A roll carries this code but recomputing it from the stored content gives another: altered since.</summary>
    Altered = 2,

    /// <summary>The roll is stored but its terminal's key is gone or was rotated since the upload, so it cannot be recomputed.</summary>
    KeyUnavailable = 3,
}

/// <summary>The outcome, and the roll when it is in the user's scope (null otherwise, whatever the outcome).</summary>
public sealed record VerificationResult(VerificationOutcome Outcome, RollDetail? Roll);
