using System.Data.Common;

namespace Attendance.LookupServer.Storage;

/// <summary>
/// Creates and upgrades the schema on start. Each migration runs once, in a transaction, and records its number
/// in schema_version. The DDL is the common subset of SQLite and PostgreSQL, so one script serves both.
/// Times are 'HH:MM' text (end_time may be '24:00'), which compares correctly as text.
/// </summary>
public static class SchemaMigrator
{
    private static readonly string[][] Migrations =
    {
        new[]
        {
            "CREATE TABLE professors (code TEXT PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL)",
            "CREATE TABLE students (code TEXT PRIMARY KEY, name TEXT NOT NULL)",
            "CREATE TABLE courses (code TEXT PRIMARY KEY, name TEXT NOT NULL)",
            "CREATE TABLE classes (code TEXT PRIMARY KEY, name TEXT NOT NULL, course_code TEXT NOT NULL REFERENCES courses (code))",
            "CREATE TABLE schedule_slots (id INTEGER PRIMARY KEY, weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7), "
                + "start_time TEXT NOT NULL, end_time TEXT NOT NULL, CHECK (start_time < end_time))",
            "CREATE TABLE teaching (professor_code TEXT NOT NULL REFERENCES professors (code), "
                + "class_code TEXT NOT NULL REFERENCES classes (code), slot_id INTEGER NOT NULL REFERENCES schedule_slots (id), "
                + "PRIMARY KEY (professor_code, class_code, slot_id))",
            "CREATE TABLE enrolments (student_code TEXT NOT NULL REFERENCES students (code), "
                + "class_code TEXT NOT NULL REFERENCES classes (code), course_code TEXT NOT NULL REFERENCES courses (code), "
                + "year INTEGER NOT NULL, semester INTEGER NOT NULL CHECK (semester IN (1, 2)), "
                + "PRIMARY KEY (student_code, class_code, course_code, year, semester))",
            "CREATE TABLE terminals (id TEXT PRIMARY KEY, key_hex TEXT NOT NULL, description TEXT)",
            "CREATE INDEX teaching_by_slot ON teaching (slot_id)",
        },
    };

    public static int LatestVersion => Migrations.Length;

    /// <summary>Brings the schema to the latest version; returns the version found before (0 for a new database).</summary>
    public static async Task<int> MigrateAsync(LookupDatabase database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets the import write while the server reads.
            await Sql.ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL", cancellationToken);
        }

        await Sql.ExecuteAsync(connection, null, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)", cancellationToken);
        var found = await Sql.ScalarTextAsync(connection, "SELECT MAX(version) FROM schema_version", cancellationToken);
        var current = found == null ? 0 : int.Parse(found, System.Globalization.CultureInfo.InvariantCulture);

        for (var version = current + 1; version <= Migrations.Length; version++)
        {
            await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
            foreach (var statement in Migrations[version - 1])
            {
                await Sql.ExecuteAsync(connection, transaction, statement, cancellationToken);
            }

            await Sql.ExecuteAsync(connection, transaction, "INSERT INTO schema_version (version) VALUES (@version)", cancellationToken, ("@version", version));
            await transaction.CommitAsync(cancellationToken);
        }

        return current;
    }
}
