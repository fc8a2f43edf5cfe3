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
}
