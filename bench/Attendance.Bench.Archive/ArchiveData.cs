using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Attendance.LookupServer;
using Attendance.LookupServer.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Attendance.Bench.Archive;

/// <summary>
/// A generated year: <see cref="Classes"/> classes (10 courses; professor i teaches classes 5i..5i+4), each with
/// <see cref="Students"/> enrolled students (every student in 5 classes) and <see cref="Sessions"/> rolls in one
/// semester (the first half of the classes in semester 1, the rest in 2, a session every other day), every student
/// present in every roll, about a quarter late. Written in one transaction: prepared single-row inserts on SQLite,
/// binary COPY on PostgreSQL. Rolls carry real verification codes under their terminal's key.
/// </summary>
public sealed class ArchiveData
{
    public const int Courses = 10;
    public const int ClassesPerProfessor = 5;
    public const int Terminals = 50;

    public ArchiveData(int classes, int students, int sessions)
    {
        Classes = classes;
        Students = students;
        Sessions = sessions;
        for (var i = 0; i < Terminals; i++)
        {
            var key = new byte[32];
            new Random(i).NextBytes(key);
            Keys[i] = key;
        }
    }

    public int Classes { get; }

    public int Students { get; }

    public int Sessions { get; }

    public int StudentPool => Math.Min(Classes, 100) * Students;

    public byte[][] Keys { get; } = new byte[Terminals][];

    public static string ClassCode(int i) => "C" + i.ToString("D3", CultureInfo.InvariantCulture);

    public static string ProfessorCode(int i) => "P" + i.ToString("D3", CultureInfo.InvariantCulture);

    public static string StudentCode(int i) => "A" + i.ToString("D5", CultureInfo.InvariantCulture);

    public static string StudentName(int i) => "Maria Conceição " + i.ToString("D5", CultureInfo.InvariantCulture);

    public static string TerminalId(int i) => "T" + i.ToString("D2", CultureInfo.InvariantCulture);

    public int SemesterOf(int classIndex) => classIndex < Classes / 2 ? 1 : 2;

    /// <summary>The student in seat <paramref name="seat"/> of class <paramref name="classIndex"/>: classes i, i+100, ... share their students.</summary>
    public int StudentOf(int classIndex, int seat) => (classIndex % 100) * Students + seat;

    public long OpenedUtc(int classIndex, int session)
    {
        var start = SemesterOf(classIndex) == 1 ? new DateTime(2026, 2, 2, 8, 0, 0, DateTimeKind.Utc) : new DateTime(2026, 9, 1, 8, 0, 0, DateTimeKind.Utc);
        return UploadTime.ToSeconds(start.AddDays(2 * session).AddHours(classIndex % 10));
    }

    /// <summary>Generates everything; returns the seconds it took and the rows written.</summary>
    public async Task<(double Seconds, long Rows)> WriteAsync(LookupDatabase database)
    {
        await SchemaMigrator.MigrateAsync(database, CancellationToken.None);
        var watch = Stopwatch.StartNew();
        long rows = 0;
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        var writer = database.Provider == DatabaseProvider.Sqlite ? (ITableWriter)new SqliteWriter((SqliteConnection)connection, (SqliteTransaction)transaction) : new CopyWriter((NpgsqlConnection)connection);

        rows += await writer.WriteAsync("courses", ["code", "name"], Enumerable.Range(0, Courses).Select(i => new object[] { "K" + i, "Curso " + i }));
        rows += await writer.WriteAsync("professors", ["code", "name", "email"],
            Enumerable.Range(0, (Classes + ClassesPerProfessor - 1) / ClassesPerProfessor).Select(i => new object[] { ProfessorCode(i), "Professor " + i, "p" + i + "@example.edu" }));
        rows += await writer.WriteAsync("students", ["code", "name"], Enumerable.Range(0, StudentPool).Select(i => new object[] { StudentCode(i), StudentName(i) }));
        rows += await writer.WriteAsync("classes", ["code", "name", "course_code"], Enumerable.Range(0, Classes).Select(i => new object[] { ClassCode(i), "Cadeira " + i, "K" + (i % Courses) }));
        rows += await writer.WriteAsync("schedule_slots", ["id", "weekday", "start_time", "end_time"],
            Enumerable.Range(0, Classes).Select(i => new object[] { i + 1, i % 5 + 1, (8 + i % 10).ToString("D2") + ":00", (9 + i % 10).ToString("D2") + ":30" }));
        rows += await writer.WriteAsync("teaching", ["professor_code", "class_code", "slot_id"],
            Enumerable.Range(0, Classes).Select(i => new object[] { ProfessorCode(i / ClassesPerProfessor), ClassCode(i), i + 1 }));
        rows += await writer.WriteAsync("enrolments", ["student_code", "class_code", "course_code", "year", "semester"],
            Enumerable.Range(0, Classes).SelectMany(i => Enumerable.Range(0, Students).Select(seat => new object[] { StudentCode(StudentOf(i, seat)), ClassCode(i), "K" + (i % Courses), 2026, SemesterOf(i) })));
        rows += await writer.WriteAsync("terminals", ["id", "key_hex", "description"],
            Enumerable.Range(0, Terminals).Select(i => new object[] { TerminalId(i), Convert.ToHexStringLower(Keys[i]), "bench" }));

        var rolls = new List<object[]>(Classes * Sessions);
        var presences = new List<object[]>();
        var random = new Random(2026);
        long rollKey = 0;
        for (var i = 0; i < Classes; i++)
        {
            for (var session = 0; session < Sessions; session++)
            {
                rollKey++;
                var terminal = i % Terminals;
                var opened = OpenedUtc(i, session);
                var lateAfter = opened + 15 * 60;
                var swipes = new RollContent.Swipe[Students];
                var late = 0;
                for (var seat = 0; seat < Students; seat++)
                {
                    swipes[seat] = new RollContent.Swipe(StudentCode(StudentOf(i, seat)), opened + random.Next(0, 20 * 60));
                    late += swipes[seat].FirstSwipeUtc > lateAfter ? 1 : 0;
                    presences.Add([rollKey, seat, swipes[seat].StudentCode, swipes[seat].FirstSwipeUtc, 0, swipes[seat].FirstSwipeUtc > lateAfter ? 1 : 0,
                        StudentName(StudentOf(i, seat))]);
                }

                var rollId = TerminalId(terminal) + "-" + UploadTime.Text(opened) + "-" + rollKey.ToString("D6", CultureInfo.InvariantCulture);
                var content = new RollContent(TerminalId(terminal), rollId, ProfessorCode(i / ClassesPerProfessor), ClassCode(i), opened, opened + 90 * 60, lateAfter, false, swipes);
                rolls.Add([rollKey, TerminalId(terminal), rollId, content.ProfessorCode, ClassCode(i), "K" + (i % Courses), opened, opened + 90 * 60, lateAfter, 0,
                    Students, late, RollVerificationCode.Compute(Keys[terminal], content), RollVerificationCode.KeyFingerprint(Keys[terminal]), opened + 90 * 60 + 5, 2026, SemesterOf(i),
                    "Professor " + (i / ClassesPerProfessor), "Cadeira " + i, "Curso " + (i % Courses)]);
            }
        }

        rows += await writer.WriteAsync("rolls", ["roll_key", "terminal_id", "roll_id", "professor_code", "class_code", "course_code", "opened_utc", "closed_utc",
            "late_after_utc", "closed_automatically", "presence_count", "late_count", "verification_code", "key_fingerprint", "uploaded_utc", "year", "semester",
            "professor_name", "class_name", "course_name"], rolls);
        // As uploads store them (migrations 9 and 10): each presence with its name, and each student's name once.
        rows += await writer.WriteAsync("presences", ["roll_key", "position", "student_code", "first_swipe_utc", "status", "late", "student_name"], presences);
        rows += await writer.WriteAsync("student_names", ["student_code", "name"], Enumerable.Range(0, StudentPool).Select(i => new object[] { StudentCode(i), StudentName(i) }));
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            // The identity continues after the keys written explicitly, so later uploads get fresh ones.
            await Execute(connection, "SELECT setval(pg_get_serial_sequence('rolls', 'roll_key'), (SELECT MAX(roll_key) FROM rolls))");
        }

        await transaction.CommitAsync();
        await Execute(connection, "ANALYZE");
        return (watch.Elapsed.TotalSeconds, rows);
    }

    private static async Task Execute(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
    }

    private interface ITableWriter
    {
        Task<long> WriteAsync(string table, string[] columns, IEnumerable<object[]> rows);
    }

    /// <summary>One prepared INSERT per table, executed per row inside the one transaction (SQLite's fastest path from .NET).</summary>
    private sealed class SqliteWriter(SqliteConnection connection, SqliteTransaction transaction) : ITableWriter
    {
        public async Task<long> WriteAsync(string table, string[] columns, IEnumerable<object[]> rows)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO " + table + " (" + string.Join(", ", columns) + ") VALUES (" + string.Join(", ", columns.Select((_, i) => "$" + i)) + ")";
            var parameters = columns.Select((_, i) => command.Parameters.Add(new SqliteParameter("$" + i, null))).ToArray();
            command.Prepare();
            long count = 0;
            foreach (var row in rows)
            {
                for (var i = 0; i < row.Length; i++)
                {
                    parameters[i].Value = row[i];
                }

                await command.ExecuteNonQueryAsync();
                count++;
            }

            return count;
        }
    }

    /// <summary>Binary COPY: PostgreSQL's bulk path.</summary>
    private sealed class CopyWriter(NpgsqlConnection connection) : ITableWriter
    {
        public async Task<long> WriteAsync(string table, string[] columns, IEnumerable<object[]> rows)
        {
            await using var importer = await connection.BeginBinaryImportAsync("COPY " + table + " (" + string.Join(", ", columns) + ") FROM STDIN (FORMAT BINARY)");
            foreach (var row in rows)
            {
                await importer.StartRowAsync();
                foreach (var value in row)
                {
                    switch (value)
                    {
                        case string text:
                            await importer.WriteAsync(text, NpgsqlDbType.Text);
                            break;
                        case int number:
                            await importer.WriteAsync(number, NpgsqlDbType.Integer);
                            break;
                        case long number:
                            await importer.WriteAsync(number, NpgsqlDbType.Bigint);
                            break;
                        default:
                            throw new InvalidOperationException("no COPY type for " + value.GetType());
                    }
                }
            }

            return (long)await importer.CompleteAsync();
        }
    }
}
