using Microsoft.Extensions.Logging;

namespace Attendance.LookupServer.Storage;

/// <summary>
/// <see cref="ILookupStore"/> running one configured, parameterised statement per question (<see cref="LookupQueries"/>;
/// our own schema's by default, an institution's through Lookup:Mapping, docs/mapping.md). Lookups read the source
/// database; terminal keys always come from our own database, which the `terminals` command writes. On SQLite the
/// statements run on kept-open connections, prepared (<see cref="SqlitePreparedSessions"/>); other engines go
/// through their pools (Npgsql's, MySqlConnector's), which prepare and keep connections themselves. A failure that may pass (out of
/// connections, a lost connection, a deadlock, a timeout) is retried a few times (<see cref="TransientRetry"/>),
/// then thrown as <see cref="DatabaseUnavailableException"/>.
/// </summary>
public sealed class SqlLookupStore : ILookupStore, IDisposable
{
    private readonly LookupDatabase _source;
    private readonly LookupDatabase _own;
    private readonly LookupQueries _queries;
    private readonly LookupQueries _ownQueries;
    private readonly SqlitePreparedSessions? _sourceSessions;
    private readonly SqlitePreparedSessions? _ownSessions;
    private readonly ILogger? _logger;

    /// <summary>Our own schema's statements on <paramref name="database"/> (the default; tests, commands).</summary>
    public SqlLookupStore(LookupDatabase database)
        : this(database, null)
    {
    }

    public SqlLookupStore(LookupDatabase database, ILogger<SqlLookupStore>? logger)
        : this(database, database, LookupQueries.Default(database.Provider), LookupQueries.Default(database.Provider), logger)
    {
    }

    /// <summary>
    /// The lookups of <paramref name="queries"/> on <paramref name="source"/>; the terminal key by
    /// <paramref name="ownQueries"/>' AUTENTICAR statement on <paramref name="own"/> (which may be the same database).
    /// </summary>
    public SqlLookupStore(LookupDatabase source, LookupDatabase own, LookupQueries queries, LookupQueries ownQueries, ILogger? logger)
    {
        _source = source;
        _own = own;
        _queries = queries;
        _ownQueries = ownQueries;
        _logger = logger;
        _sourceSessions = source.Provider == DatabaseProvider.Sqlite ? new SqlitePreparedSessions(source) : null;
        _ownSessions = ReferenceEquals(own, source) ? _sourceSessions
            : own.Provider == DatabaseProvider.Sqlite ? new SqlitePreparedSessions(own) : null;
    }

    public LookupQueries Queries => _queries;

    public void Dispose()
    {
        _sourceSessions?.Dispose();
        if (!ReferenceEquals(_ownSessions, _sourceSessions))
        {
            _ownSessions?.Dispose();
        }
    }

    public Task<string?> FindProfessorEmailAsync(string professorCode, CancellationToken cancellationToken) =>
        ScalarTextAsync(LookupQueryKind.ProfessorEmail, cancellationToken, ("professor", Code("professor", professorCode)));

    public Task<string?> FindProfessorNameAsync(string professorCode, CancellationToken cancellationToken) =>
        ScalarTextAsync(LookupQueryKind.ProfessorName, cancellationToken, ("professor", Code("professor", professorCode)));

    public Task<string?> FindStudentNameAsync(string studentCode, CancellationToken cancellationToken) =>
        ScalarTextAsync(LookupQueryKind.StudentName, cancellationToken, ("student", Code("student", studentCode)));

    public Task<string?> FindClassAtAsync(string professorCode, int weekday, string time, CancellationToken cancellationToken) =>
        ScalarTextAsync(LookupQueryKind.ClassAt, cancellationToken, ("professor", Code("professor", professorCode)),
            ("weekday", _queries.Weekdays.Value(weekday)), ("time", TimeFormats.Value(_queries.TimeFormat, time)));

    public async Task<string?> FindClassStartAsync(string classCode, int weekday, string time, CancellationToken cancellationToken) =>
        TimeFormats.Text(_queries.TimeFormat, await ScalarAsync(LookupQueryKind.ClassStart, cancellationToken, ("class", Code("class", classCode)),
            ("weekday", _queries.Weekdays.Value(weekday)), ("time", TimeFormats.Value(_queries.TimeFormat, time))));

    public Task<string?> FindCourseOfClassAsync(string classCode, CancellationToken cancellationToken) =>
        ScalarTextAsync(LookupQueryKind.CourseOfClass, cancellationToken, ("class", Code("class", classCode)));

    public Task<string?> FindCourseNameAsync(string courseCode, CancellationToken cancellationToken) =>
        ScalarTextAsync(LookupQueryKind.CourseName, cancellationToken, ("course", Code("course", courseCode)));

    public Task<string?> FindClassNameAsync(string classCode, CancellationToken cancellationToken) =>
        ScalarTextAsync(LookupQueryKind.ClassName, cancellationToken, ("class", Code("class", classCode)));

    public async Task<bool> IsEnrolledAsync(string studentCode, string classCode, string courseCode, int year, int semester, CancellationToken cancellationToken) =>
        await ScalarAsync(LookupQueryKind.Enrolled, cancellationToken, ("student", Code("student", studentCode)), ("class", Code("class", classCode)),
            ("course", Code("course", courseCode)), ("year", year), ("semester", semester)) is not (null or DBNull);

    public async Task<string?> FindTerminalKeyHexAsync(string terminalId, CancellationToken cancellationToken)
    {
        var query = _ownQueries[LookupQueryKind.TerminalKey]!;
        var parameters = Bind(query, [("terminal", _ownQueries.Code("terminal", terminalId))]);
        return parameters == null ? null : Sql.Text(await _own.Retry.RunAsync(token => RunScalarAsync(_own, _ownSessions, query, parameters, token), _logger, cancellationToken));
    }

    /// <summary>
    /// With a set form (NOMEALUNO_SET; ours on PostgreSQL: <c>code = ANY(@students)</c>) one statement for the whole
    /// set, retried as a whole like any read; without one (SQLite, a mapping that gives none), one prepared
    /// statement per code, which costs less than building a set statement on SQLite.
    /// </summary>
    public Task<IReadOnlyDictionary<string, string?>> FindStudentNamesAsync(IReadOnlyCollection<string> studentCodes, CancellationToken cancellationToken)
    {
        var query = _queries[LookupQueryKind.StudentNames];
        if (query == null)
        {
            return LookupStoreLoops.StudentNamesAsync(this, studentCodes, cancellationToken);
        }

        var codes = studentCodes.Distinct(StringComparer.Ordinal).ToArray();
        var parameters = Bind(query, [("students", CodeArray("student", codes))])!;
        return _source.Retry.RunAsync<IReadOnlyDictionary<string, string?>>(async token =>
        {
            var names = codes.ToDictionary(code => code, code => (string?)null, StringComparer.Ordinal);
            await using var connection = await _source.OpenAsync(token);
            await using var command = Sql.Command(connection, query.Text, null, parameters);
            await using var reader = await command.ExecuteReaderAsync(token);
            while (await reader.ReadAsync(token))
            {
                var code = Sql.Text(reader.GetValue(0));
                if (code != null && names.ContainsKey(code))
                {
                    names[code] = Sql.Text(reader.GetValue(1));
                }
            }

            return names;
        }, _logger, cancellationToken);
    }

    /// <summary>As <see cref="FindStudentNamesAsync"/>: one statement with MATRICULADO_SET, else one per code.</summary>
    public Task<IReadOnlySet<string>> FindEnrolledStudentsAsync(IReadOnlyCollection<string> studentCodes, string classCode, string courseCode, int year, int semester, CancellationToken cancellationToken)
    {
        var query = _queries[LookupQueryKind.EnrolledStudents];
        if (query == null)
        {
            return LookupStoreLoops.EnrolledStudentsAsync(this, studentCodes, classCode, courseCode, year, semester, cancellationToken);
        }

        var codes = studentCodes.Distinct(StringComparer.Ordinal).ToArray();
        var parameters = Bind(query, [("students", CodeArray("student", codes)), ("class", Code("class", classCode)), ("course", Code("course", courseCode)),
            ("year", year), ("semester", semester)]);
        if (parameters == null)
        {
            return Task.FromResult<IReadOnlySet<string>>(new HashSet<string>());
        }

        return _source.Retry.RunAsync<IReadOnlySet<string>>(async token =>
        {
            var enrolled = new HashSet<string>(StringComparer.Ordinal);
            await using var connection = await _source.OpenAsync(token);
            await using var command = Sql.Command(connection, query.Text, null, parameters);
            await using var reader = await command.ExecuteReaderAsync(token);
            while (await reader.ReadAsync(token))
            {
                var code = Sql.Text(reader.GetValue(0));
                if (code != null && codes.Contains(code, StringComparer.Ordinal))
                {
                    enrolled.Add(code);
                }
            }

            return enrolled;
        }, _logger, cancellationToken);
    }

    /// <summary>
    /// The students enrolled in <paramref name="classCode"/> in a period, code and name (ALUNOSMATRICULADOS), for the
    /// portal's class sheet. A mapping without that statement: our own schema's enrolments in our own database.
    /// <paramref name="courseCode"/> is bound when the statement uses @course; unknown, it matches nobody.
    /// </summary>
    public Task<IReadOnlyList<(string Code, string? Name)>> FindClassStudentsAsync(string classCode, string? courseCode, int year, int semester, CancellationToken cancellationToken) =>
        ListAsync<(string, string?)>(LookupQueryKind.ClassStudents, cancellationToken,
            reader => Sql.Text(reader.GetValue(0)) is { } code ? (code, reader.FieldCount > 1 ? Sql.Text(reader.GetValue(1)) : null) : null,
            [("class", classCode), ("course", courseCode), ("year", year), ("semester", semester)]);

    /// <summary>
    /// The codes of the classes <paramref name="professorCode"/> teaches (CADEIRASDOPROFESSOR), for the portal's
    /// scope. A mapping without that statement: our own schema's teaching table in our own database.
    /// </summary>
    public async Task<IReadOnlyList<string>> FindProfessorClassesAsync(string professorCode, CancellationToken cancellationToken) =>
        (await ListAsync<(string Code, bool)>(LookupQueryKind.ProfessorClasses, cancellationToken,
            reader => Sql.Text(reader.GetValue(0)) is { } code ? (code, true) : null,
            [("professor", professorCode)])).Select(row => row.Code).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// The periods <paramref name="studentCode"/> is enrolled in, class code, year and semester (CADEIRASDOALUNO), for
    /// the portal's student history. A mapping without that statement: our own schema's enrolments in our own database.
    /// Rows without a class, a year or a semester are skipped.
    /// </summary>
    public async Task<IReadOnlyList<(string ClassCode, int Year, int Semester)>> FindStudentClassesAsync(string studentCode, CancellationToken cancellationToken) =>
        (await ListAsync<(string, int, int)>(LookupQueryKind.StudentClasses, cancellationToken,
            reader => Sql.Text(reader.GetValue(0)) is { } code && Number(reader.GetValue(1)) is { } year && Number(reader.GetValue(2)) is { } semester
                ? (code, year, semester) : null,
            [("student", studentCode)])).Distinct().ToArray();

    /// <summary>A year or semester as the institution's column gives it (an integer of any width, a decimal or text); null when none.</summary>
    private static int? Number(object? value) =>
        value == null || value is DBNull ? null
        : value is string text ? (int.TryParse(text.Trim(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : null)
        : Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The rows of a list statement (codes bound as the mapping keeps them), each read by <paramref name="read"/>;
    /// rows it gives null for (no code) are skipped. Without a configured statement, our schema's default runs on our
    /// own database.
    /// </summary>
    private Task<IReadOnlyList<T>> ListAsync<T>(LookupQueryKind kind, CancellationToken cancellationToken,
        Func<System.Data.Common.DbDataReader, T?> read, (string Name, object? Value)[] values) where T : struct
    {
        var configured = _queries[kind];
        var database = configured != null ? _source : _own;
        var queries = configured != null ? _queries : LookupQueries.Default(_own.Provider);
        var query = configured ?? queries[kind]!;
        // Codes as Code binds them (Firebird's PAD SPACE: a code ending in a space is nobody's).
        var supplied = values.Select(pair => (pair.Name, pair.Value is string code
            ? (code.EndsWith(' ') && database.Provider == DatabaseProvider.Firebird ? null : queries.Code(pair.Name, code))
            : pair.Value)).ToArray();
        var parameters = Bind(query, supplied);
        if (parameters == null)
        {
            return Task.FromResult<IReadOnlyList<T>>(Array.Empty<T>());
        }

        return database.Retry.RunAsync<IReadOnlyList<T>>(async token =>
        {
            var rows = new List<T>();
            await using var connection = await database.OpenAsync(token);
            await using var command = Sql.Command(connection, query.Text, null, parameters);
            await using var reader = await command.ExecuteReaderAsync(token);
            while (await reader.ReadAsync(token))
            {
                if (read(reader) is { } row)
                {
                    rows.Add(row);
                }
            }

            return rows;
        }, _logger, cancellationToken);
    }

    /// <summary>The parameters of <paramref name="query"/> among <paramref name="supplied"/>, named '@x'; null when a code cannot match.</summary>
    internal static (string Name, object Value)[]? Bind(LookupQuery query, (string Name, object? Value)[] supplied)
    {
        var bound = new (string Name, object Value)[query.Parameters.Count];
        for (var i = 0; i < bound.Length; i++)
        {
            var name = query.Parameters[i];
            var value = Array.Find(supplied, pair => pair.Name == name).Value;
            if (value == null)
            {
                return null;
            }

            bound[i] = ("@" + name, value);
        }

        return bound;
    }

    /// <summary>
    /// The bound value of a code; null (not found, no query) for a text code ending in a space on Firebird, which
    /// compares text with PAD SPACE even for VARCHAR (the SQL standard's rule) and would find "A2001" for
    /// "A2001 ", where SQLite, PostgreSQL and MariaDB compare exactly. Codes are compared exactly on every engine.
    /// </summary>
    private object? Code(string parameter, string code)
    {
        var value = _queries.Code(parameter, code);
        return value is string text && text.EndsWith(' ') && _source.Provider == DatabaseProvider.Firebird ? null : value;
    }

    /// <summary>The codes bound for a set parameter: text, or the integer ones as numbers (the others cannot match).</summary>
    private object CodeArray(string parameter, string[] codes) => _queries.IsInteger(parameter)
        ? codes.Select(code => _queries.Code(parameter, code)).OfType<long>().ToArray()
        : codes;

    private async Task<string?> ScalarTextAsync(LookupQueryKind kind, CancellationToken cancellationToken, params (string Name, object? Value)[] supplied) =>
        Sql.Text(await ScalarAsync(kind, cancellationToken, supplied));

    private Task<object?> ScalarAsync(LookupQueryKind kind, CancellationToken cancellationToken, params (string Name, object? Value)[] supplied)
    {
        var query = _queries[kind]!;
        var parameters = Bind(query, supplied);
        return parameters == null
            ? Task.FromResult<object?>(null)
            : _source.Retry.RunAsync(token => RunScalarAsync(_source, _sourceSessions, query, parameters, token), _logger, cancellationToken);
    }

    private static async Task<object?> RunScalarAsync(LookupDatabase database, SqlitePreparedSessions? sessions, LookupQuery query, (string Name, object Value)[] parameters, CancellationToken cancellationToken)
    {
        if (sessions != null)
        {
            return await sessions.ScalarAsync(query.Text, cancellationToken, parameters);
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Sql.Command(connection, query.Text, null, parameters);
        try
        {
            return await command.ExecuteScalarAsync(cancellationToken);
        }
        catch (Exception exception) when (database.Provider == DatabaseProvider.Firebird && CannotBeHeldByItsColumn(exception))
        {
            return null;
        }
    }

    /// <summary>
    /// Firebird types a parameter as the column it is compared with and refuses a value that does not fit, where
    /// SQLite, PostgreSQL and MariaDB just find no row: a 64-character code against VARCHAR(20) is "string right
    /// truncation" (335544914) from the server, an integer code beyond INTEGER an OverflowException from
    /// FirebirdClient while it encodes the value. Such a value cannot be in the column, so the answer is "not
    /// found" (NAOEHALUNO ...), not "falha interna".
    /// </summary>
    internal static bool CannotBeHeldByItsColumn(Exception exception) => exception switch
    {
        FirebirdSql.Data.FirebirdClient.FbException firebird => firebird.Errors.Any(error => error.Number == 335544914),
        OverflowException => true,
        _ => false,
    };
}
