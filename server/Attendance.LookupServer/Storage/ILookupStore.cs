namespace Attendance.LookupServer.Storage;

/// <summary>The questions the protocol asks of the database. Every method returns null when nothing matches.</summary>
public interface ILookupStore
{
    Task<string?> FindProfessorEmailAsync(string professorCode, CancellationToken cancellationToken);

    Task<string?> FindProfessorNameAsync(string professorCode, CancellationToken cancellationToken);

    Task<string?> FindStudentNameAsync(string studentCode, CancellationToken cancellationToken);

    /// <summary>The class the professor teaches in the slot containing <paramref name="time"/> ('HH:MM') on that ISO weekday.</summary>
    Task<string?> FindClassAtAsync(string professorCode, int weekday, string time, CancellationToken cancellationToken);

    /// <summary>Start ('HH:MM') of the class's slot containing <paramref name="time"/> on that ISO weekday.</summary>
    Task<string?> FindClassStartAsync(string classCode, int weekday, string time, CancellationToken cancellationToken);

    Task<string?> FindCourseOfClassAsync(string classCode, CancellationToken cancellationToken);

    Task<string?> FindCourseNameAsync(string courseCode, CancellationToken cancellationToken);

    Task<string?> FindClassNameAsync(string classCode, CancellationToken cancellationToken);

    Task<bool> IsEnrolledAsync(string studentCode, string classCode, string courseCode, int year, int semester, CancellationToken cancellationToken);

    /// <summary>The terminal's HMAC key as stored (hex), or null for an unknown terminal.</summary>
    Task<string?> FindTerminalKeyHexAsync(string terminalId, CancellationToken cancellationToken);

    /// <summary>
    /// The names of many students at once (the NOMEALUNO lines a terminal pipelined in one write): every code of
    /// <paramref name="studentCodes"/> is a key of the result, with null for an unknown student. By default one
    /// <see cref="FindStudentNameAsync"/> per code; a store that can ask for a set in one query overrides it.
    /// </summary>
    Task<IReadOnlyDictionary<string, string?>> FindStudentNamesAsync(IReadOnlyCollection<string> studentCodes, CancellationToken cancellationToken) =>
        LookupStoreLoops.StudentNamesAsync(this, studentCodes, cancellationToken);

    /// <summary>
    /// Which of <paramref name="studentCodes"/> are enrolled in the class and course in that year and semester
    /// (the MATRICULADO lines of one roll pipelined in one write). By default one <see cref="IsEnrolledAsync"/>
    /// per code; a store that can ask for a set in one query overrides it.
    /// </summary>
    Task<IReadOnlySet<string>> FindEnrolledStudentsAsync(IReadOnlyCollection<string> studentCodes, string classCode, string courseCode, int year, int semester, CancellationToken cancellationToken) =>
        LookupStoreLoops.EnrolledStudentsAsync(this, studentCodes, classCode, courseCode, year, semester, cancellationToken);
}

/// <summary>The batch questions of <see cref="ILookupStore"/> asked one code at a time.</summary>
internal static class LookupStoreLoops
{
    public static async Task<IReadOnlyDictionary<string, string?>> StudentNamesAsync(ILookupStore store, IReadOnlyCollection<string> studentCodes, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var code in studentCodes)
        {
            if (!names.ContainsKey(code))
            {
                names[code] = await store.FindStudentNameAsync(code, cancellationToken).ConfigureAwait(false);
            }
        }

        return names;
    }

    public static async Task<IReadOnlySet<string>> EnrolledStudentsAsync(ILookupStore store, IReadOnlyCollection<string> studentCodes, string classCode, string courseCode, int year, int semester, CancellationToken cancellationToken)
    {
        var enrolled = new HashSet<string>(StringComparer.Ordinal);
        var asked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in studentCodes)
        {
            if (asked.Add(code) && await store.IsEnrolledAsync(code, classCode, courseCode, year, semester, cancellationToken).ConfigureAwait(false))
            {
                enrolled.Add(code);
            }
        }

        return enrolled;
    }
}
