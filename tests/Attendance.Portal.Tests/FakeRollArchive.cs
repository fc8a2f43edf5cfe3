using Attendance.Portal.Data;
using Attendance.Portal.Security;

namespace Attendance.Portal.Tests;

/// <summary>
/// An in-memory <see cref="IRollArchive"/> that applies the scope the way the SQL one must (a professor sees only
/// their own rolls and the classes they made rolls in), with two professors, two classes and a few students.
/// Codes and names are distinctive so that a test can search rendered URLs for them.
/// </summary>
public sealed class FakeRollArchive : IRollArchive
{
    public const string ProfessorAna = "PROFANA01";
    public const string ProfessorBruno = "PROFBRUNO02";
    public const string AnaName = "Ana Professora";
    public const string BrunoName = "Bruno Docente";
    public const string Maria = "20260001";
    public const string Joao = "20260002";
    public const string Rita = "20260003";
    public const string Stranger = "99990000";
    public const string MariaName = "Maria Aluna";
    public const string JoaoName = "João Estudante";
    public const string RitaName = "Rita Ausente";

    /// <summary>Roll 101's code: authentic. Roll 102's: the stored roll was altered. Roll 201's: Bruno's, authentic.</summary>
    public const string Code101 = "7KQ2M9XD4RTB0HZC";
    public const string Code102 = "1111222233334444";
    public const string Code201 = "ABCDEFGH12345678";

    public static readonly ClassPeriod Calculus = new("C100", "Cálculo", "ENG", "Engenharia", 2026, 1, 2);
    public static readonly ClassPeriod Physics = new("C200", "Física", "ENG", "Engenharia", 2026, 1, 1);

    public static readonly IReadOnlyList<string> PersonalValues =
        [ProfessorAna, ProfessorBruno, AnaName, BrunoName, Maria, Joao, Rita, Stranger, MariaName, JoaoName, RitaName];

    private static readonly Dictionary<string, (string? Name, string[] EnrolledIn)> Students = new()
    {
        [Maria] = (MariaName, ["C100"]),
        [Joao] = (JoaoName, ["C100", "C200"]),
        [Rita] = (RitaName, ["C100"]),
    };

    private readonly List<RollDetail> rolls =
    [
        Roll(101, ProfessorAna, AnaName, Calculus, new DateTime(2026, 3, 2, 8, 0, 0), Code101,
            P(Maria, 8, 1, PresenceStatus.Enrolled, false), P(Joao, 8, 20, PresenceStatus.Enrolled, true), P(Stranger, 8, 5, PresenceStatus.UnknownStudent, false)),
        Roll(102, ProfessorAna, AnaName, Calculus, new DateTime(2026, 3, 9, 8, 0, 0), Code102,
            P(Maria, 8, 2, PresenceStatus.Enrolled, false)),
        Roll(201, ProfessorBruno, BrunoName, Physics, new DateTime(2026, 3, 3, 10, 0, 0), Code201,
            P(Joao, 10, 1, PresenceStatus.Enrolled, false), P(Maria, 10, 2, PresenceStatus.NotEnrolled, false)),
    ];

    /// <summary>The last search the pages asked for (to check what a form posted).</summary>
    public RollSearch? LastSearch { get; private set; }

    public IReadOnlyList<RollDetail> Rolls => rolls;

    public Task<RollPage> SearchRollsAsync(RollSearch search, PortalScope scope, CancellationToken cancellationToken)
    {
        LastSearch = search;
        var found = InScope(scope)
            .Where(r => search.CourseCode is null || r.Summary.CourseCode == search.CourseCode)
            .Where(r => search.ClassCode is null || r.Summary.ClassCode == search.ClassCode)
            .Where(r => search.ProfessorCode is null || r.Summary.ProfessorCode == search.ProfessorCode)
            .Where(r => search.From is null || DateOnly.FromDateTime(r.Summary.OpenedUtc) >= search.From)
            .Where(r => search.To is null || DateOnly.FromDateTime(r.Summary.OpenedUtc) <= search.To)
            .Where(r => search.Student is null || r.Presences.Any(p => p.StudentCode == search.Student
                || (p.StudentName?.Contains(search.Student, StringComparison.OrdinalIgnoreCase) ?? false)))
            .OrderByDescending(r => r.Summary.OpenedUtc)
            .Select(r => r.Summary)
            .ToList();
        var page = found.Skip((search.Page - 1) * search.PageSize).Take(search.PageSize).ToList();
        return Task.FromResult(new RollPage(page, found.Count, search.Page, search.PageSize));
    }

    public Task<RollDetail?> GetRollAsync(long rollKey, PortalScope scope, CancellationToken cancellationToken) =>
        Task.FromResult(InScope(scope).FirstOrDefault(r => r.Summary.RollKey == rollKey));

    public Task<IReadOnlyList<ClassPeriod>> ListClassPeriodsAsync(PortalScope scope, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ClassPeriod>>(new[] { Calculus, Physics }.Where(c => InScope(scope).Any(r => r.Summary.ClassCode == c.ClassCode)).ToList());

    public Task<ClassSheet?> GetClassSheetAsync(string classCode, int year, int semester, PortalScope scope, CancellationToken cancellationToken)
    {
        var period = new[] { Calculus, Physics }.FirstOrDefault(c => c.ClassCode == classCode && c.Year == year && c.Semester == semester);
        var sessions = InScope(scope).Where(r => r.Summary.ClassCode == classCode).OrderBy(r => r.Summary.OpenedUtc).ToList();
        if (period is null || sessions.Count == 0)
        {
            return Task.FromResult<ClassSheet?>(null);
        }

        var codes = Students.Where(s => s.Value.EnrolledIn.Contains(classCode)).Select(s => s.Key)
            .Concat(sessions.SelectMany(r => r.Presences).Select(p => p.StudentCode)).Distinct().Order(StringComparer.Ordinal);
        var rows = codes.Select(code => new SheetRow(
            code,
            Students.TryGetValue(code, out var student) ? student.Name : null,
            Students.TryGetValue(code, out var enrolled) && enrolled.EnrolledIn.Contains(classCode),
            sessions.Select(r => r.Presences.FirstOrDefault(p => p.StudentCode == code)).ToList())).ToList();
        return Task.FromResult<ClassSheet?>(new ClassSheet(period, sessions.Select(r => new SheetSession(r.Summary.RollKey, r.Summary.OpenedUtc)).ToList(), rows));
    }

    public async Task<StudentHistory?> GetStudentHistoryAsync(string studentCode, PortalScope scope, CancellationToken cancellationToken)
    {
        var records = new List<StudentClassRecord>();
        foreach (var period in await ListClassPeriodsAsync(scope, cancellationToken))
        {
            var sheet = await GetClassSheetAsync(period.ClassCode, period.Year, period.Semester, scope, cancellationToken);
            var row = sheet?.Rows.FirstOrDefault(r => r.StudentCode == studentCode);
            if (sheet is not null && row is not null)
            {
                records.Add(new StudentClassRecord(period, row.Enrolled, sheet.Sessions.Count, row.AttendedCount, row.Attended.Count(p => p?.Late == true)));
            }
        }

        return records.Count == 0 ? null : new StudentHistory(studentCode, Students.GetValueOrDefault(studentCode).Name, records);
    }

    public Task<VerificationResult> VerifyAsync(string normalisedCode, PortalScope scope, CancellationToken cancellationToken)
    {
        var roll = rolls.FirstOrDefault(r => r.VerificationCode == normalisedCode);
        var outcome = roll is null ? VerificationOutcome.Unknown
            : normalisedCode == Code102 ? VerificationOutcome.Altered
            : VerificationOutcome.Authentic;
        var visible = roll is not null && InScope(scope).Contains(roll) ? roll : null;
        return Task.FromResult(new VerificationResult(outcome, visible));
    }

    private IEnumerable<RollDetail> InScope(PortalScope scope) =>
        scope.Everything ? rolls
        : scope.SeesNothing ? []
        : rolls.Where(r => r.Summary.ProfessorCode == scope.ProfessorCode);

    private static Presence P(string code, int hour, int minute, PresenceStatus status, bool late) =>
        new(code, Students.GetValueOrDefault(code).Name, new DateTime(2026, 3, 1, hour, minute, 0, DateTimeKind.Utc), status, late);

    private static RollDetail Roll(long key, string professor, string professorName, ClassPeriod period, DateTime opened, string code, params Presence[] presences)
    {
        opened = DateTime.SpecifyKind(opened, DateTimeKind.Utc);

        // Swipes on the roll's own day.
        var onDay = presences.Select(p => p with { FirstSwipeUtc = opened.Date + p.FirstSwipeUtc.TimeOfDay }).ToList();
        var summary = new RollSummary(key, $"T1-{key}", "T1", professor, professorName, period.ClassCode, period.ClassName, period.CourseCode, period.CourseName,
            opened, opened.AddMinutes(50), onDay.Count, onDay.Count(p => p.Late));
        return new RollDetail(summary, opened.AddMinutes(15), false, code, opened.AddMinutes(51), onDay);
    }
}
