using Microsoft.Extensions.Logging;

namespace Attendance.LookupServer.Storage;

/// <summary>
/// <see cref="ILookupStore"/> over SQLite, PostgreSQL or MariaDB with the same parameterised SQL. On SQLite the queries
/// run on kept-open connections with prepared commands (<see cref="SqlitePreparedSessions"/>); PostgreSQL
/// goes through Npgsql's pool, which prepares and keeps connections itself; MariaDB through MySqlConnector's. A failure that may pass (out of
/// connections, a lost connection, a deadlock, a timeout) is retried a few times (<see cref="TransientRetry"/>),
/// then thrown as <see cref="DatabaseUnavailableException"/>.
/// </summary>
public sealed class SqlLookupStore : ILookupStore, IDisposable
{
    private readonly LookupDatabase _database;
    private readonly SqlitePreparedSessions? _sqlite;
    private readonly ILogger? _logger;

    public SqlLookupStore(LookupDatabase database)
        : this(database, null)
    {
    }

    public SqlLookupStore(LookupDatabase database, ILogger<SqlLookupStore>? logger)
    {
        _database = database;
        _logger = logger;
        _sqlite = database.Provider == DatabaseProvider.Sqlite ? new SqlitePreparedSessions(database) : null;
    }

    public void Dispose() => _sqlite?.Dispose();

    public Task<string?> FindProfessorEmailAsync(string professorCode, CancellationToken cancellationToken) =>
        ScalarAsync("SELECT email FROM professors WHERE code = @code", cancellationToken, ("@code", professorCode));

    public Task<string?> FindProfessorNameAsync(string professorCode, CancellationToken cancellationToken) =>
        ScalarAsync("SELECT name FROM professors WHERE code = @code", cancellationToken, ("@code", professorCode));

    public Task<string?> FindStudentNameAsync(string studentCode, CancellationToken cancellationToken) =>
        ScalarAsync("SELECT name FROM students WHERE code = @code", cancellationToken, ("@code", studentCode));

    public Task<string?> FindClassAtAsync(string professorCode, int weekday, string time, CancellationToken cancellationToken) =>
        ScalarAsync(
            "SELECT t.class_code FROM teaching t JOIN schedule_slots s ON s.id = t.slot_id "
            + "WHERE t.professor_code = @professor AND s.weekday = @weekday AND s.start_time <= @time AND @time < s.end_time "
            + "ORDER BY s.start_time DESC, t.class_code LIMIT 1",
            cancellationToken, ("@professor", professorCode), ("@weekday", weekday), ("@time", time));

    public Task<string?> FindClassStartAsync(string classCode, int weekday, string time, CancellationToken cancellationToken) =>
        ScalarAsync(
            "SELECT s.start_time FROM teaching t JOIN schedule_slots s ON s.id = t.slot_id "
            + "WHERE t.class_code = @class AND s.weekday = @weekday AND s.start_time <= @time AND @time < s.end_time "
            + "ORDER BY s.start_time DESC LIMIT 1",
            cancellationToken, ("@class", classCode), ("@weekday", weekday), ("@time", time));

    public Task<string?> FindCourseOfClassAsync(string classCode, CancellationToken cancellationToken) =>
        ScalarAsync("SELECT course_code FROM classes WHERE code = @code", cancellationToken, ("@code", classCode));

    public Task<string?> FindCourseNameAsync(string courseCode, CancellationToken cancellationToken) =>
        ScalarAsync("SELECT name FROM courses WHERE code = @code", cancellationToken, ("@code", courseCode));

    public Task<string?> FindClassNameAsync(string classCode, CancellationToken cancellationToken) =>
        ScalarAsync("SELECT name FROM classes WHERE code = @code", cancellationToken, ("@code", classCode));

    public async Task<bool> IsEnrolledAsync(string studentCode, string classCode, string courseCode, int year, int semester, CancellationToken cancellationToken) =>
        await ScalarAsync(
            "SELECT 1 FROM enrolments WHERE student_code = @student AND class_code = @class AND course_code = @course "
            + "AND year = @year AND semester = @semester",
            cancellationToken, ("@student", studentCode), ("@class", classCode), ("@course", courseCode), ("@year", year), ("@semester", semester)) != null;

    public Task<string?> FindTerminalKeyHexAsync(string terminalId, CancellationToken cancellationToken) =>
        ScalarAsync("SELECT key_hex FROM terminals WHERE id = @id", cancellationToken, ("@id", terminalId));

    /// <summary>
    /// On PostgreSQL one query for the whole set (<c>code = ANY(@codes)</c>), retried as a whole like any read; on
    /// SQLite one prepared query per code, which costs less than building a set query there; on MariaDB (no array
    /// parameters) one query per code too.
    /// </summary>
    public Task<IReadOnlyDictionary<string, string?>> FindStudentNamesAsync(IReadOnlyCollection<string> studentCodes, CancellationToken cancellationToken)
    {
        if (_database.Provider != DatabaseProvider.PostgreSql)
        {
            return LookupStoreLoops.StudentNamesAsync(this, studentCodes, cancellationToken);
        }

        var codes = studentCodes.Distinct(StringComparer.Ordinal).ToArray();
        return _database.Retry.RunAsync<IReadOnlyDictionary<string, string?>>(async token =>
        {
            var names = codes.ToDictionary(code => code, code => (string?)null, StringComparer.Ordinal);
            await using var connection = await _database.OpenAsync(token);
            await using var command = Sql.Command(connection, "SELECT code, name FROM students WHERE code = ANY(@codes)", null, ("@codes", codes));
            await using var reader = await command.ExecuteReaderAsync(token);
            while (await reader.ReadAsync(token))
            {
                names[reader.GetString(0)] = reader.GetString(1);
            }

            return names;
        }, _logger, cancellationToken);
    }

    /// <summary>As <see cref="FindStudentNamesAsync"/>: one query on PostgreSQL, one per code on SQLite and MariaDB.</summary>
    public Task<IReadOnlySet<string>> FindEnrolledStudentsAsync(IReadOnlyCollection<string> studentCodes, string classCode, string courseCode, int year, int semester, CancellationToken cancellationToken)
    {
        if (_database.Provider != DatabaseProvider.PostgreSql)
        {
            return LookupStoreLoops.EnrolledStudentsAsync(this, studentCodes, classCode, courseCode, year, semester, cancellationToken);
        }

        var codes = studentCodes.Distinct(StringComparer.Ordinal).ToArray();
        return _database.Retry.RunAsync<IReadOnlySet<string>>(async token =>
        {
            var enrolled = new HashSet<string>(StringComparer.Ordinal);
            await using var connection = await _database.OpenAsync(token);
            await using var command = Sql.Command(connection,
                "SELECT student_code FROM enrolments WHERE class_code = @class AND course_code = @course AND year = @year "
                + "AND semester = @semester AND student_code = ANY(@codes)",
                null, ("@class", classCode), ("@course", courseCode), ("@year", year), ("@semester", semester), ("@codes", codes));
            await using var reader = await command.ExecuteReaderAsync(token);
            while (await reader.ReadAsync(token))
            {
                enrolled.Add(reader.GetString(0));
            }

            return enrolled;
        }, _logger, cancellationToken);
    }

    private Task<string?> ScalarAsync(string text, CancellationToken cancellationToken, params (string Name, object Value)[] parameters) =>
        _database.Retry.RunAsync(token => ScalarOnceAsync(text, token, parameters), _logger, cancellationToken);

    private async Task<string?> ScalarOnceAsync(string text, CancellationToken cancellationToken, (string Name, object Value)[] parameters)
    {
        if (_sqlite != null)
        {
            return Sql.Text(await _sqlite.ScalarAsync(text, cancellationToken, parameters));
        }

        await using var connection = await _database.OpenAsync(cancellationToken);
        return await Sql.ScalarTextAsync(connection, text, cancellationToken, parameters);
    }
}
