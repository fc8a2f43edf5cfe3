using System.Data.Common;
using System.Globalization;
using System.Text;
using Attendance.Portal.Data;
using Attendance.Portal.Security;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Attendance.LookupServer.Storage;

/// <summary>
/// <see cref="IRollArchive"/> over the rolls the upload stored (SchemaMigrator, migration 3), on SQLite,
/// PostgreSQL and MariaDB with the same parameterised SQL. The user's scope is a condition of every query
/// (<see cref="ScopeCondition"/>): a professor's rolls are those they made plus those of the classes they teach
/// (CADEIRASDOPROFESSOR, asked of the lookups first), so the database never returns another professor's roll,
/// class or student to the page. Names are those stored with the roll at upload (migration 9), else, for rolls
/// stored before, our own lookup tables'; the enrolled students of a class sheet come from the lookups
/// (ALUNOSMATRICULADOS), as do the periods of a student history (CADEIRASDOALUNO). So the portal is right whichever database the lookups read (docs/mapping.md). Dates of
/// the search are local calendar days in <see cref="ArchiveOptions.TimeZone"/>. Transient failures are retried
/// like the lookups'.
/// </summary>
public sealed class SqlRollArchive : IRollArchive, IDisposable
{
    /// <summary>Largest page the search returns, whatever the caller asks.</summary>
    public const int MaximumPageSize = 200;

    /// <summary>The summary columns of a roll (alias r): the names stored with it, else our own tables' (p, c, co).</summary>
    private const string SummaryColumns =
        "r.roll_key, r.roll_id, r.terminal_id, r.professor_code, COALESCE(r.professor_name, p.name), r.class_code, COALESCE(r.class_name, c.name), "
        + "r.course_code, COALESCE(r.course_name, co.name), "
        + "r.opened_utc, r.closed_utc, r.presence_count, r.late_count";

    private const string SummaryJoins =
        " LEFT JOIN professors p ON p.code = r.professor_code LEFT JOIN classes c ON c.code = r.class_code LEFT JOIN courses co ON co.code = r.course_code";

    private readonly LookupDatabase _database;
    private readonly TimeZoneInfo _zone;
    private readonly ILogger? _logger;
    private readonly SqlLookupStore _lookups;
    private readonly bool _ownsLookups;

    /// <summary>
    /// The archive in our own <paramref name="database"/>; the lists and current names from <paramref name="lookups"/>
    /// (the server's uncached lookup store, through the mapping), or from our own schema in
    /// <paramref name="database"/> when none is given.
    /// </summary>
    public SqlRollArchive(LookupDatabase database, TimeZoneInfo zone, ILogger<SqlRollArchive>? logger = null, SqlLookupStore? lookups = null)
    {
        _database = database;
        _zone = zone;
        _logger = logger;
        _lookups = lookups ?? new SqlLookupStore(database);
        _ownsLookups = lookups == null;
    }

    /// <summary>Closes the connections of a lookup store made here (a given one belongs to whoever gave it).</summary>
    public void Dispose()
    {
        if (_ownsLookups)
        {
            _lookups.Dispose();
        }
    }

    public Task<RollPage> SearchRollsAsync(RollSearch search, PortalScope scope, CancellationToken cancellationToken)
    {
        var page = Math.Max(1, search.Page);
        var size = Math.Clamp(search.PageSize, 1, MaximumPageSize);
        if (scope.SeesNothing)
        {
            return Task.FromResult(new RollPage(Array.Empty<RollSummary>(), 0, page, size));
        }

        return RunAsync(scope, async (connection, taught, token) =>
        {
            var parameters = new List<(string, object)>();
            var where = new StringBuilder(ScopeCondition(scope, "r", parameters, taught));
            if (!string.IsNullOrEmpty(search.CourseCode))
            {
                where.Append(" AND r.course_code = @course");
                parameters.Add(("@course", search.CourseCode));
            }

            if (!string.IsNullOrEmpty(search.ClassCode))
            {
                where.Append(" AND r.class_code = @class");
                parameters.Add(("@class", search.ClassCode));
            }

            if (!string.IsNullOrEmpty(search.ProfessorCode))
            {
                where.Append(" AND r.professor_code = @professor");
                parameters.Add(("@professor", search.ProfessorCode));
            }

            if (search.From != null)
            {
                where.Append(" AND r.opened_utc >= @from");
                parameters.Add(("@from", LocalDayStart(search.From.Value)));
            }

            if (search.To != null)
            {
                where.Append(" AND r.opened_utc < @to");
                parameters.Add(("@to", LocalDayStart(search.To.Value.AddDays(1))));
            }

            var student = search.Student?.Trim();
            if (!string.IsNullOrEmpty(student))
            {
                // The code exactly (known to students or not), or a name that contains the text (case-insensitive):
                // the name the newest roll stored for the student (student_names, migration 10), or, for presences
                // stored before names were, our students' (the matching students first, then their presences by
                // index). UNIONs, not ORs, which would make PostgreSQL scan every presence for each; and never a
                // "contains" over the presences themselves, which no index serves (410 ms on SQLite for a year).
                where.Append(" AND r.roll_key IN (SELECT x.roll_key FROM presences x WHERE x.student_code = @student UNION "
                    + "SELECT z.roll_key FROM student_names n JOIN presences z ON z.student_code = n.student_code WHERE "
                    + Fold("n.name") + " LIKE @pattern ESCAPE " + LikeEscape + " UNION "
                    + "SELECT y.roll_key FROM students s JOIN presences y ON y.student_code = s.code WHERE y.student_name IS NULL AND "
                    + Fold("s.name") + " LIKE @pattern ESCAPE " + LikeEscape + ")");
                parameters.Add(("@student", student));
                parameters.Add(("@pattern", "%" + EscapeLike(student.ToLowerInvariant()) + "%"));
            }

            var total = Convert.ToInt32(await ScalarAsync(connection, "SELECT COUNT(*) FROM rolls r WHERE " + where, parameters, token), CultureInfo.InvariantCulture);
            var rolls = new List<RollSummary>();
            var pageParameters = new List<(string, object)>(parameters) { ("@limit", size), ("@offset", (long)(page - 1) * size) };
            await using (var command = Sql.Command(connection,
                "SELECT " + SummaryColumns + " FROM rolls r" + SummaryJoins + " WHERE " + where
                + " ORDER BY r.opened_utc DESC, r.roll_key DESC LIMIT @limit OFFSET @offset", null, pageParameters.ToArray()))
            await using (var reader = await command.ExecuteReaderAsync(token))
            {
                while (await reader.ReadAsync(token))
                {
                    rolls.Add(ReadSummary(reader));
                }
            }

            return new RollPage(rolls, total, page, size);
        }, cancellationToken);
    }

    public Task<RollDetail?> GetRollAsync(long rollKey, PortalScope scope, CancellationToken cancellationToken) =>
        scope.SeesNothing ? Task.FromResult<RollDetail?>(null) : RunAsync(scope, (connection, taught, token) => ReadRollAsync(connection, rollKey, scope, taught, token), cancellationToken);

    public Task<IReadOnlyList<ClassPeriod>> ListClassPeriodsAsync(PortalScope scope, CancellationToken cancellationToken)
    {
        if (scope.SeesNothing)
        {
            return Task.FromResult<IReadOnlyList<ClassPeriod>>(Array.Empty<ClassPeriod>());
        }

        return RunAsync<IReadOnlyList<ClassPeriod>>(scope, async (connection, taught, token) =>
        {
            var parameters = new List<(string, object)>();
            var periods = new List<ClassPeriod>();
            await using var command = Sql.Command(connection,
                "SELECT g.class_code, COALESCE(g.class_name, c.name), g.course_code, COALESCE(g.course_name, co.name), g.year, g.semester, g.sessions FROM "
                + "(SELECT r.class_code, r.year, r.semester, MAX(r.course_code) AS course_code, MAX(r.class_name) AS class_name, MAX(r.course_name) AS course_name, "
                + "COUNT(*) AS sessions FROM rolls r "
                + "WHERE r.class_code IS NOT NULL AND " + ScopeCondition(scope, "r", parameters, taught) + " GROUP BY r.class_code, r.year, r.semester) g "
                + "LEFT JOIN classes c ON c.code = g.class_code LEFT JOIN courses co ON co.code = g.course_code "
                + "ORDER BY g.year DESC, g.semester DESC, g.class_code", null, parameters.ToArray());
            await using var reader = await command.ExecuteReaderAsync(token);
            while (await reader.ReadAsync(token))
            {
                periods.Add(new ClassPeriod(reader.GetString(0), TextOrNull(reader, 1), TextOrNull(reader, 2), TextOrNull(reader, 3),
                    reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6)));
            }

            return periods;
        }, cancellationToken);
    }

    public Task<ClassSheet?> GetClassSheetAsync(string classCode, int year, int semester, PortalScope scope, CancellationToken cancellationToken)
    {
        if (scope.SeesNothing || string.IsNullOrEmpty(classCode) || semester is not (1 or 2))
        {
            return Task.FromResult<ClassSheet?>(null);
        }

        return RunAsync(scope, async (connection, taught, token) =>
        {
            // A professor who teaches the class sees all of it (its enrolled students, every session); one who only
            // made some of its rolls (a substitute) sees those sessions and who swiped in them; anyone else: null.
            var teaches = scope.Everything || taught.Contains(classCode, StringComparer.Ordinal);

            var parameters = new List<(string, object)> { ("@class", classCode), ("@year", year), ("@semester", semester) };
            var scoped = ScopeCondition(scope, "r", parameters, taught);
            var sessions = new List<SheetSession>();
            string? courseCode = null;
            string? className = null;
            string? courseName = null;
            await using (var command = Sql.Command(connection,
                "SELECT r.roll_key, r.opened_utc, r.course_code, r.class_name, r.course_name FROM rolls r "
                + "WHERE r.class_code = @class AND r.year = @year AND r.semester = @semester AND "
                + scoped + " ORDER BY r.opened_utc, r.roll_key", null, parameters.ToArray()))
            await using (var reader = await command.ExecuteReaderAsync(token))
            {
                while (await reader.ReadAsync(token))
                {
                    sessions.Add(new SheetSession(reader.GetInt64(0), Utc(reader.GetInt64(1))));

                    // The newest roll's names (as its e-mail said them), the code of the first roll that has one.
                    courseCode ??= TextOrNull(reader, 2);
                    className = TextOrNull(reader, 3) ?? className;
                    courseName = courseCode != null && courseCode == TextOrNull(reader, 2) ? TextOrNull(reader, 4) ?? courseName : courseName;
                }
            }

            if (!teaches && sessions.Count == 0)
            {
                return null;
            }

            // What the rolls did not say (rolls stored before migration 9, or no roll yet), from the lookups now.
            className ??= await _lookups.FindClassNameAsync(classCode, token);
            var currentCourse = await _lookups.FindCourseOfClassAsync(classCode, token);
            if (sessions.Count == 0 && className == null && currentCourse == null)
            {
                // Neither a class nor any roll of it: nothing to show.
                return null;
            }

            courseCode ??= currentCourse;
            if (courseName == null && courseCode != null)
            {
                courseName = await _lookups.FindCourseNameAsync(courseCode, token);
            }

            var rows = new Dictionary<string, (string? Name, bool Enrolled, Presence?[] Attended)>(StringComparer.Ordinal);
            if (teaches)
            {
                foreach (var (code, name) in await _lookups.FindClassStudentsAsync(classCode, courseCode, year, semester, token))
                {
                    rows[code] = (name, true, new Presence?[sessions.Count]);
                }
            }

            var column = new Dictionary<long, int>();
            for (var i = 0; i < sessions.Count; i++)
            {
                column[sessions[i].RollKey] = i;
            }

            await using (var command = Sql.Command(connection,
                "SELECT x.roll_key, x.student_code, COALESCE(x.student_name, s.name), x.first_swipe_utc, x.status, x.late FROM rolls r JOIN presences x ON x.roll_key = r.roll_key "
                + "LEFT JOIN students s ON s.code = x.student_code WHERE r.class_code = @class AND r.year = @year AND r.semester = @semester AND "
                + scoped, null, parameters.ToArray()))
            await using (var reader = await command.ExecuteReaderAsync(token))
            {
                while (await reader.ReadAsync(token))
                {
                    var code = reader.GetString(1);
                    if (!rows.TryGetValue(code, out var row))
                    {
                        // Someone who swiped but is not among the enrolled: not enrolled, as far as this user can know.
                        // A substitute (who does not see the enrolments) goes by the status the upload computed.
                        var enrolledByStatus = !teaches && (PresenceStatus)reader.GetInt32(4) == PresenceStatus.Enrolled;
                        rows[code] = row = (TextOrNull(reader, 2), enrolledByStatus, new Presence?[sessions.Count]);
                    }
                    else if (row.Name == null && !reader.IsDBNull(2))
                    {
                        rows[code] = row = (TextOrNull(reader, 2), row.Enrolled, row.Attended);
                    }

                    var index = column[reader.GetInt64(0)];

                    // A code twice in one roll (not something a terminal sends) counts once: the first swipe.
                    if (row.Attended[index] == null || row.Attended[index]!.FirstSwipeUtc > Utc(reader.GetInt64(3)))
                    {
                        row.Attended[index] = new Presence(code, row.Name, Utc(reader.GetInt64(3)), (PresenceStatus)reader.GetInt32(4), reader.GetInt32(5) != 0);
                    }
                }
            }

            var sheetRows = rows
                .Select(pair => new SheetRow(pair.Key, pair.Value.Name, pair.Value.Enrolled, pair.Value.Attended))
                .OrderBy(row => row.StudentName ?? "\uffff", StringComparer.InvariantCultureIgnoreCase)
                .ThenBy(row => row.StudentCode, StringComparer.Ordinal)
                .ToArray();
            return new ClassSheet(new ClassPeriod(classCode, className, courseCode, courseName, year, semester, sessions.Count), sessions, sheetRows);
        }, cancellationToken);
    }

    public Task<StudentHistory?> GetStudentHistoryAsync(string studentCode, PortalScope scope, CancellationToken cancellationToken)
    {
        if (scope.SeesNothing || string.IsNullOrEmpty(studentCode))
        {
            return Task.FromResult<StudentHistory?>(null);
        }

        return RunAsync(scope, async (connection, taught, token) =>
        {
            // The name now (the lookups), else as the newest of the student's presences stored it.
            var studentName = await _lookups.FindStudentNameAsync(studentCode, token)
                ?? Sql.Text(await ScalarAsync(connection, "SELECT MAX(student_name) FROM presences WHERE student_code = @student",
                    new List<(string, object)> { ("@student", studentCode) }, token));

            // The periods: the student's enrolments as the lookups give them (CADEIRASDOALUNO, else our own schema's
            // enrolments), for a professor only in the classes they teach, and the rolls in scope the student swiped in.
            var periods = new Dictionary<(string Class, int Year, int Semester), (bool Enrolled, int Attended, int Late)>();
            if (scope.Everything || taught.Count > 0)
            {
                var taughtSet = new HashSet<string>(taught, StringComparer.Ordinal);
                foreach (var (classCode, year, semester) in await _lookups.FindStudentClassesAsync(studentCode, token))
                {
                    if (scope.Everything || taughtSet.Contains(classCode))
                    {
                        periods[(classCode, year, semester)] = (true, 0, 0);
                    }
                }
            }

            var presenceParameters = new List<(string, object)> { ("@student", studentCode) };
            await using (var command = Sql.Command(connection,
                "SELECT r.class_code, r.year, r.semester, COUNT(DISTINCT r.roll_key), COUNT(DISTINCT CASE WHEN x.late = 1 THEN r.roll_key END), "
                + "MAX(CASE WHEN x.status = 0 THEN 1 ELSE 0 END) "
                + "FROM presences x JOIN rolls r ON r.roll_key = x.roll_key WHERE x.student_code = @student AND r.class_code IS NOT NULL AND "
                + ScopeCondition(scope, "r", presenceParameters, taught) + " GROUP BY r.class_code, r.year, r.semester", null, presenceParameters.ToArray()))
            await using (var reader = await command.ExecuteReaderAsync(token))
            {
                while (await reader.ReadAsync(token))
                {
                    var key = (reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2));
                    // Enrolled by the enrolments this user sees, or (a substitute) by the status the upload computed.
                    var enrolled = (periods.TryGetValue(key, out var known) && known.Enrolled) || Convert.ToInt32(reader.GetValue(5), CultureInfo.InvariantCulture) == 1;
                    periods[key] = (enrolled, Convert.ToInt32(reader.GetValue(3), CultureInfo.InvariantCulture), Convert.ToInt32(reader.GetValue(4), CultureInfo.InvariantCulture));
                }
            }

            if (periods.Count == 0 && (studentName == null || !scope.Everything))
            {
                // Unknown, or (for a professor) nothing of this student in their classes: the same null for both.
                return null;
            }

            var classes = periods.Keys.Select(key => key.Class).Distinct(StringComparer.Ordinal).ToArray();
            var sessions = new Dictionary<(string, int, int), int>();
            var names = new Dictionary<string, (string? ClassName, string? CourseCode, string? CourseName)>(StringComparer.Ordinal);
            if (classes.Length > 0)
            {
                var parameters = new List<(string, object)>();
                var list = InList("k", classes, parameters);
                var scoped = ScopeCondition(scope, "r", parameters, taught);
                await using (var command = Sql.Command(connection,
                    "SELECT r.class_code, r.year, r.semester, COUNT(*), MAX(r.class_name), MAX(r.course_code), MAX(r.course_name) FROM rolls r WHERE r.class_code IN "
                    + list + " AND " + scoped + " GROUP BY r.class_code, r.year, r.semester", null, parameters.ToArray()))
                await using (var reader = await command.ExecuteReaderAsync(token))
                {
                    while (await reader.ReadAsync(token))
                    {
                        sessions[(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2))] = reader.GetInt32(3);

                        // The names the rolls were stored with (migration 9).
                        if (!reader.IsDBNull(4) && !names.ContainsKey(reader.GetString(0)))
                        {
                            names[reader.GetString(0)] = (TextOrNull(reader, 4), TextOrNull(reader, 5), TextOrNull(reader, 6));
                        }
                    }
                }

                // The others (rolls stored before migration 9, enrolments without rolls): the lookups now.
                foreach (var classCode in classes.Where(code => !names.ContainsKey(code)))
                {
                    var courseCode = await _lookups.FindCourseOfClassAsync(classCode, token);
                    names[classCode] = (await _lookups.FindClassNameAsync(classCode, token), courseCode,
                        courseCode == null ? null : await _lookups.FindCourseNameAsync(courseCode, token));
                }
            }

            var records = periods
                .OrderByDescending(pair => pair.Key.Year).ThenByDescending(pair => pair.Key.Semester).ThenBy(pair => pair.Key.Class, StringComparer.Ordinal)
                .Select(pair =>
                {
                    var held = sessions.GetValueOrDefault(pair.Key);
                    names.TryGetValue(pair.Key.Class, out var name);
                    return new StudentClassRecord(new ClassPeriod(pair.Key.Class, name.ClassName, name.CourseCode, name.CourseName, pair.Key.Year, pair.Key.Semester, held),
                        pair.Value.Enrolled, held, pair.Value.Attended, pair.Value.Late);
                })
                .ToArray();
            return new StudentHistory(studentCode, studentName, records);
        }, cancellationToken);
    }

    public Task<VerificationResult> VerifyAsync(string normalisedCode, PortalScope scope, CancellationToken cancellationToken)
    {
        var code = RollVerificationCode.Normalise(normalisedCode);
        if (code == null)
        {
            return Task.FromResult(new VerificationResult(VerificationOutcome.Unknown, null));
        }

        return RunAsync(scope, async (connection, taught, token) =>
        {
            long rollKey;
            string terminalId, rollId, professor, fingerprint;
            string? classCode;
            long opened, closed;
            long? lateAfter;
            bool automatic;
            await using (var command = Sql.Command(connection,
                "SELECT roll_key, terminal_id, roll_id, professor_code, class_code, opened_utc, closed_utc, late_after_utc, closed_automatically, key_fingerprint "
                + "FROM rolls WHERE verification_code = @code", null, ("@code", code)))
            await using (var reader = await command.ExecuteReaderAsync(token))
            {
                if (!await reader.ReadAsync(token))
                {
                    return new VerificationResult(VerificationOutcome.Unknown, null);
                }

                rollKey = reader.GetInt64(0);
                terminalId = reader.GetString(1);
                rollId = reader.GetString(2);
                professor = reader.GetString(3);
                classCode = TextOrNull(reader, 4);
                opened = reader.GetInt64(5);
                closed = reader.GetInt64(6);
                lateAfter = reader.IsDBNull(7) ? null : reader.GetInt64(7);
                automatic = reader.GetInt32(8) != 0;
                fingerprint = reader.GetString(9);
            }

            var presences = new List<RollContent.Swipe>();
            await using (var command = Sql.Command(connection, "SELECT student_code, first_swipe_utc FROM presences WHERE roll_key = @key ORDER BY position", null, ("@key", rollKey)))
            await using (var reader = await command.ExecuteReaderAsync(token))
            {
                while (await reader.ReadAsync(token))
                {
                    presences.Add(new RollContent.Swipe(reader.GetString(0), reader.GetInt64(1)));
                }
            }

            var keyHex = Sql.Text(await ScalarAsync(connection, "SELECT key_hex FROM terminals WHERE id = @id", new List<(string, object)> { ("@id", terminalId) }, token));
            var key = keyHex == null ? null : Attendance.Core.Security.HexText.ToBytes(keyHex);
            VerificationOutcome outcome;
            if (key == null || RollVerificationCode.KeyFingerprint(key) != fingerprint)
            {
                // The terminal is gone or its key was rotated since: the roll cannot be recomputed, which says
                // nothing either way about the roll.
                outcome = VerificationOutcome.KeyUnavailable;
            }
            else
            {
                var content = new RollContent(terminalId, rollId, professor, classCode ?? "", opened, closed, lateAfter, automatic, presences);
                outcome = RollVerificationCode.Compute(key, content) == code ? VerificationOutcome.Authentic : VerificationOutcome.Altered;
            }

            var detail = scope.SeesNothing ? null : await ReadRollAsync(connection, rollKey, scope, taught, token);
            return new VerificationResult(outcome, detail);
        }, cancellationToken);
    }

    /// <summary>UTC seconds of the start of <paramref name="day"/> in the archive's time zone.</summary>
    public long LocalDayStart(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);

        // A midnight that does not exist (a DST jump at 00:00) starts the day at the first instant that does.
        while (_zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return UploadTime.ToSeconds(TimeZoneInfo.ConvertTimeToUtc(local, _zone));
    }

    private async Task<RollDetail?> ReadRollAsync(DbConnection connection, long rollKey, PortalScope scope, IReadOnlyList<string> taught, CancellationToken token)
    {
        var parameters = new List<(string, object)> { ("@key", rollKey) };
        var scoped = ScopeCondition(scope, "r", parameters, taught);
        RollSummary summary;
        DateTime? lateAfter;
        bool automatic;
        string code;
        DateTime uploaded;
        await using (var command = Sql.Command(connection,
            "SELECT " + SummaryColumns + ", r.late_after_utc, r.closed_automatically, r.verification_code, r.uploaded_utc FROM rolls r" + SummaryJoins
            + " WHERE r.roll_key = @key AND " + scoped, null, parameters.ToArray()))
        await using (var reader = await command.ExecuteReaderAsync(token))
        {
            if (!await reader.ReadAsync(token))
            {
                return null;
            }

            summary = ReadSummary(reader);
            lateAfter = reader.IsDBNull(13) ? null : Utc(reader.GetInt64(13));
            automatic = reader.GetInt32(14) != 0;
            code = reader.GetString(15);
            uploaded = Utc(reader.GetInt64(16));
        }

        var presences = new List<Presence>();
        await using (var command = Sql.Command(connection,
            "SELECT x.student_code, COALESCE(x.student_name, s.name), x.first_swipe_utc, x.status, x.late FROM presences x LEFT JOIN students s ON s.code = x.student_code "
            + "WHERE x.roll_key = @key ORDER BY x.position", null, ("@key", rollKey)))
        await using (var reader = await command.ExecuteReaderAsync(token))
        {
            while (await reader.ReadAsync(token))
            {
                presences.Add(new Presence(reader.GetString(0), TextOrNull(reader, 1), Utc(reader.GetInt64(2)), (PresenceStatus)reader.GetInt32(3), reader.GetInt32(4) != 0));
            }
        }

        return new RollDetail(summary, lateAfter, automatic, RollVerificationCode.Grouped(code), uploaded, presences);
    }

    /// <summary>
    /// The scope as a condition on the rolls alias <paramref name="alias"/>: everything, nothing, or the professor's
    /// own rolls and those of the classes they teach (<paramref name="taught"/>, from the lookups). Codes are
    /// parameters, never SQL text.
    /// </summary>
    internal static string ScopeCondition(PortalScope scope, string alias, List<(string, object)> parameters, IReadOnlyList<string> taught)
    {
        if (scope.Everything)
        {
            return "1 = 1";
        }

        if (scope.SeesNothing)
        {
            return "1 = 0";
        }

        if (!parameters.Any(parameter => parameter.Item1 == "@scope"))
        {
            parameters.Add(("@scope", scope.ProfessorCode!));
        }

        if (taught.Count == 0)
        {
            return alias + ".professor_code = @scope";
        }

        // The same list for every use in one statement (the sheet's two queries share their parameters).
        var list = new StringBuilder("(");
        for (var i = 0; i < taught.Count; i++)
        {
            list.Append(i == 0 ? "@taught" : ", @taught").Append(i);
            if (!parameters.Any(parameter => parameter.Item1 == "@taught" + i))
            {
                parameters.Add(("@taught" + i, taught[i]));
            }
        }

        return "(" + alias + ".professor_code = @scope OR " + alias + ".class_code IN " + list.Append(')') + ")";
    }

    private static string InList(string prefix, IReadOnlyList<string> values, List<(string, object)> parameters)
    {
        var list = new StringBuilder("(");
        for (var i = 0; i < values.Count; i++)
        {
            list.Append(i == 0 ? "@" : ", @").Append(prefix).Append(i);
            parameters.Add(("@" + prefix + i, values[i]));
        }

        return list.Append(')').ToString();
    }

    private static RollSummary ReadSummary(DbDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), TextOrNull(reader, 4),
        TextOrNull(reader, 5), TextOrNull(reader, 6), TextOrNull(reader, 7), TextOrNull(reader, 8),
        Utc(reader.GetInt64(9)), Utc(reader.GetInt64(10)), reader.GetInt32(11), reader.GetInt32(12));

    private static string? TextOrNull(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTime Utc(long seconds) => UploadTime.ToDateTime(seconds);

    /// <summary>
    /// The backslash as an SQL literal: MariaDB/MySQL read a backslash in a string literal as an escape (unless
    /// sql_mode has NO_BACKSLASH_ESCAPES), so there it is written twice.
    /// </summary>
    private string LikeEscape => _database.Provider == DatabaseProvider.MariaDb ? "'\\\\'" : "'\\'";

    /// <summary>LIKE's wildcards in the user's text are taken literally.</summary>
    private static string EscapeLike(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    /// <summary>
    /// Lower case for the name search: PostgreSQL's lower() (by the database's locale); on SQLite, whose lower()
    /// folds ASCII only, the .NET lower case of <see cref="RegisterFold"/>.
    /// </summary>
    private string Fold(string column) => _database.Provider == DatabaseProvider.Sqlite ? "attendance_fold(" + column + ")" : "lower(" + column + ")";

    private static void RegisterFold(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite)
        {
            sqlite.CreateFunction("attendance_fold", (string? text) => text?.ToLowerInvariant(), isDeterministic: true);
        }
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, string text, List<(string, object)> parameters, CancellationToken token)
    {
        await using var command = Sql.Command(connection, text, null, parameters.ToArray());
        var value = await command.ExecuteScalarAsync(token);
        return value is DBNull ? null : value;
    }

    /// <summary>
    /// Runs <paramref name="query"/> on our own database, retried, with the classes a professor in
    /// <paramref name="scope"/> teaches, asked of the lookups first (empty for the other scopes).
    /// </summary>
    private async Task<T> RunAsync<T>(PortalScope scope, Func<DbConnection, IReadOnlyList<string>, CancellationToken, Task<T>> query, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> taught = scope.Everything || scope.SeesNothing || string.IsNullOrEmpty(scope.ProfessorCode)
            ? Array.Empty<string>()
            : await _lookups.FindProfessorClassesAsync(scope.ProfessorCode, cancellationToken);
        return await _database.Retry.RunAsync(async token =>
        {
            await using var connection = await _database.OpenAsync(token);
            RegisterFold(connection);
            return await query(connection, taught, token);
        }, _logger, cancellationToken);
    }
}
