using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Attendance.LookupServer.Storage;

/// <summary>What FIMCHAMADA did with a roll.</summary>
public enum RollStoreOutcome
{
    /// <summary>Stored now.</summary>
    Stored,

    /// <summary>That terminal's roll with that id was stored before; the first copy is kept as it is.</summary>
    AlreadyStored,
}

/// <summary>Where the upload stores a roll (docs/protocol.md, "Uploading a roll").</summary>
public interface IRollStore
{
    /// <summary>
    /// Stores <paramref name="roll"/> with the statuses the database gives, in one transaction; idempotent by
    /// (terminal, roll id). Throws <see cref="DatabaseUnavailableException"/> when the database fails after retries.
    /// </summary>
    Task<RollStoreOutcome> StoreAsync(RollContent roll, string verificationCode, string keyFingerprint, CancellationToken cancellationToken);
}

/// <summary>
/// <see cref="IRollStore"/> over SQLite or PostgreSQL. The statuses come from the lookups at upload, with
/// the rules of the terminal's e-mail: unknown student (not in students), enrolled (in enrolments for the roll's
/// class, that class's course, and the year and semester of the roll's opening date in
/// <see cref="ArchiveOptions.TimeZone"/>), else not enrolled; late when the first swipe is after the late-after
/// instant. Two uploads of the same roll at once: one stores it, the other meets the unique constraint, rolls
/// back and answers that it was stored.
/// </summary>
public sealed class SqlRollStore : IRollStore
{
    /// <summary>Rows per multi-row INSERT of presences (7 parameters each: well below both engines' limits).</summary>
    private const int PresencesPerInsert = 200;

    private readonly LookupDatabase _database;
    private readonly TimeZoneInfo _zone;
    private readonly ILogger? _logger;
    private readonly ILookupStore _lookups;

    /// <summary>
    /// Stores into our own <paramref name="database"/>; the statuses come from <paramref name="lookups"/> (the
    /// server's uncached lookup store: the configured CODIGOCURSOCADEIRA, NOMEALUNO and MATRICULADO statements,
    /// docs/mapping.md), or from our own schema in <paramref name="database"/> when none is given.
    /// </summary>
    public SqlRollStore(LookupDatabase database, TimeZoneInfo zone, ILogger<SqlRollStore>? logger = null, ILookupStore? lookups = null)
    {
        _database = database;
        _zone = zone;
        _logger = logger;
        _lookups = lookups ?? new SqlLookupStore(database);
    }

    public async Task<RollStoreOutcome> StoreAsync(RollContent roll, string verificationCode, string keyFingerprint, CancellationToken cancellationToken)
    {
        // The statuses first, read where the lookups read (retried there); then one transaction in our own database.
        // Read before the transaction, the statuses are those of the moment of upload, as the terminal's e-mail's.
        var courseCode = roll.ClassCode.Length > 0 ? await _lookups.FindCourseOfClassAsync(roll.ClassCode, cancellationToken) : null;
        var (year, semester) = PeriodOf(roll.OpenedUtc, _zone);
        var codes = roll.Presences.Select(presence => presence.StudentCode).Distinct(StringComparer.Ordinal).ToArray();
        var names = await _lookups.FindStudentNamesAsync(codes, cancellationToken);
        var known = names.Where(pair => pair.Value != null).Select(pair => pair.Key).ToHashSet(StringComparer.Ordinal);
        var enrolled = courseCode == null
            ? new HashSet<string>()
            : await _lookups.FindEnrolledStudentsAsync(codes, roll.ClassCode, courseCode, year, semester, cancellationToken);

        // The names the e-mail gives, kept with the roll (migration 9): the portal shows them whichever database the
        // lookups read, and as they were when the roll was made.
        var stored = new StoredNames(
            await _lookups.FindProfessorNameAsync(roll.ProfessorCode, cancellationToken),
            roll.ClassCode.Length > 0 ? await _lookups.FindClassNameAsync(roll.ClassCode, cancellationToken) : null,
            courseCode == null ? null : await _lookups.FindCourseNameAsync(courseCode, cancellationToken),
            names);
        return await _database.Retry.RunAsync(token => StoreOnceAsync(roll, verificationCode, keyFingerprint, courseCode, known, enrolled, stored, token), _logger, cancellationToken);
    }

    /// <summary>The year and semester of a roll opened at <paramref name="openedUtc"/>, by its local date (as MATRICULADO).</summary>
    public static (int Year, int Semester) PeriodOf(long openedUtc, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(UploadTime.ToDateTime(openedUtc), zone);
        return (local.Year, local.Month <= 6 ? 1 : 2);
    }

    private async Task<RollStoreOutcome> StoreOnceAsync(RollContent roll, string verificationCode, string keyFingerprint, string? courseCode,
        IReadOnlySet<string> known, IReadOnlySet<string> enrolled, StoredNames stored, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        try
        {
            // SQLite: BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default), so writers queue up instead of failing.
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (await ExistsAsync(connection, transaction, roll, cancellationToken))
            {
                return RollStoreOutcome.AlreadyStored;
            }

            var (year, semester) = PeriodOf(roll.OpenedUtc, _zone);
            var lateCount = roll.LateAfterUtc == null ? 0 : roll.Presences.Count(presence => presence.FirstSwipeUtc > roll.LateAfterUtc.Value);
            long rollKey;
            await using (var insert = Sql.Command(connection,
                "INSERT INTO rolls (terminal_id, roll_id, professor_code, class_code, course_code, opened_utc, closed_utc, late_after_utc, "
                + "closed_automatically, presence_count, late_count, verification_code, key_fingerprint, uploaded_utc, year, semester, "
                + "professor_name, class_name, course_name) VALUES "
                + "(@terminal, @roll, @professor, @class, @course, @opened, @closed, @lateAfter, @auto, @count, @late, @code, @fingerprint, @uploaded, @year, @semester, "
                + "@professorName, @className, @courseName) "
                + "RETURNING roll_key",
                transaction,
                ("@terminal", roll.TerminalId), ("@roll", roll.RollId), ("@professor", roll.ProfessorCode),
                ("@class", roll.ClassCode.Length == 0 ? DBNull.Value : (object)roll.ClassCode), ("@course", (object?)courseCode ?? DBNull.Value),
                ("@opened", roll.OpenedUtc), ("@closed", roll.ClosedUtc), ("@lateAfter", (object?)roll.LateAfterUtc ?? DBNull.Value),
                ("@auto", roll.ClosedAutomatically ? 1 : 0), ("@count", roll.Presences.Count), ("@late", lateCount),
                ("@code", verificationCode), ("@fingerprint", keyFingerprint), ("@uploaded", UploadTime.ToSeconds(DateTime.UtcNow)),
                ("@year", year), ("@semester", semester), ("@professorName", (object?)stored.Professor ?? DBNull.Value),
                ("@className", (object?)stored.Class ?? DBNull.Value), ("@courseName", (object?)stored.Course ?? DBNull.Value)))
            {
                rollKey = Convert.ToInt64(await insert.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            }

            for (var start = 0; start < roll.Presences.Count; start += PresencesPerInsert)
            {
                var end = Math.Min(roll.Presences.Count, start + PresencesPerInsert);
                var text = new System.Text.StringBuilder("INSERT INTO presences (roll_key, position, student_code, first_swipe_utc, status, late, student_name) VALUES ");
                var parameters = new List<(string, object)> { ("@key", rollKey) };
                for (var i = start; i < end; i++)
                {
                    var presence = roll.Presences[i];
                    var status = !known.Contains(presence.StudentCode) ? Portal.Data.PresenceStatus.UnknownStudent
                        : enrolled.Contains(presence.StudentCode) ? Portal.Data.PresenceStatus.Enrolled
                        : Portal.Data.PresenceStatus.NotEnrolled;
                    var late = roll.LateAfterUtc != null && presence.FirstSwipeUtc > roll.LateAfterUtc.Value;
                    text.Append(i == start ? "" : ", ").Append("(@key, @p").Append(i).Append(", @s").Append(i).Append(", @t").Append(i)
                        .Append(", @u").Append(i).Append(", @l").Append(i).Append(", @n").Append(i).Append(')');
                    parameters.Add(("@p" + i, i));
                    parameters.Add(("@s" + i, presence.StudentCode));
                    parameters.Add(("@t" + i, presence.FirstSwipeUtc));
                    parameters.Add(("@u" + i, (int)status));
                    parameters.Add(("@l" + i, late ? 1 : 0));
                    parameters.Add(("@n" + i, (object?)stored.Students.GetValueOrDefault(presence.StudentCode) ?? DBNull.Value));
                }

                await Sql.ExecuteAsync(connection, transaction, text.ToString(), cancellationToken, parameters.ToArray());
            }

            await RememberStudentNamesAsync(connection, transaction, stored.Students, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return RollStoreOutcome.Stored;
        }
        catch (DbException exception) when (IsUniqueViolation(exception))
        {
            // The same roll stored by another connection between our check and our insert (two uploads at once):
            // the transaction is rolled back; what counts is that the roll is there now.
            if (await ExistsAsync(connection, null, roll, cancellationToken))
            {
                return RollStoreOutcome.AlreadyStored;
            }

            throw;
        }
    }

    /// <summary>
    /// Each named student's name as this roll stored it, in student_names (migration 10: the portal's search by
    /// name), in the roll's transaction. An upsert in each engine's words; in code order, so that two uploads at
    /// once take the rows' locks in the same order and never deadlock.
    /// </summary>
    private async Task RememberStudentNamesAsync(DbConnection connection, DbTransaction transaction, IReadOnlyDictionary<string, string?> names,
        CancellationToken cancellationToken)
    {
        var named = names.Where(pair => pair.Value != null).OrderBy(pair => pair.Key, StringComparer.Ordinal).ToArray();
        for (var start = 0; start < named.Length; start += PresencesPerInsert)
        {
            var end = Math.Min(named.Length, start + PresencesPerInsert);
            var text = new System.Text.StringBuilder("INSERT INTO student_names (student_code, name) VALUES ");
            var parameters = new List<(string, object)>();
            for (var i = start; i < end; i++)
            {
                text.Append(i == start ? "(@c" : ", (@c").Append(i).Append(", @n").Append(i).Append(')');
                parameters.Add(("@c" + i, named[i].Key));
                parameters.Add(("@n" + i, named[i].Value!));
            }

            text.Append(_database.Provider == DatabaseProvider.MariaDb
                ? " ON DUPLICATE KEY UPDATE name = VALUES(name)"
                : " ON CONFLICT (student_code) DO UPDATE SET name = excluded.name");
            await Sql.ExecuteAsync(connection, transaction, text.ToString(), cancellationToken, parameters.ToArray());
        }
    }

    /// <summary>The names the lookups gave at upload (null: not known to them).</summary>
    private sealed record StoredNames(string? Professor, string? Class, string? Course, IReadOnlyDictionary<string, string?> Students);

    private static async Task<bool> ExistsAsync(DbConnection connection, DbTransaction? transaction, RollContent roll, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(connection, "SELECT 1 FROM rolls WHERE terminal_id = @terminal AND roll_id = @roll", transaction,
            ("@terminal", roll.TerminalId), ("@roll", roll.RollId));
        return await command.ExecuteScalarAsync(cancellationToken) != null;
    }

    /// <summary>
    /// A UNIQUE or PRIMARY KEY constraint refused the insert (PostgreSQL 23505, SQLite extended codes 2067 and 1555,
    /// MariaDB/MySQL 1062 ER_DUP_ENTRY and 1586 ER_DUP_ENTRY_WITH_KEY_NAME).
    /// </summary>
    internal static bool IsUniqueViolation(DbException exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        MySqlConnector.MySqlException mariaDb => mariaDb.Number is 1062 or 1586,
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        _ => false,
    };
}
