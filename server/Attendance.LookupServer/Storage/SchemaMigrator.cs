using System.Data.Common;

namespace Attendance.LookupServer.Storage;

/// <summary>
/// Creates and upgrades the schema on start. Each migration runs once, in a transaction, and records its number
/// in schema_version. The DDL is the common subset of SQLite and PostgreSQL, so one script serves both, except
/// for statements that exist on one of them only (<see cref="PostgreSqlOnly"/>, <see cref="SqliteOnly"/>).
/// Times are 'HH:MM' text (end_time may be '24:00'), which compares correctly as text.
/// </summary>
public static class SchemaMigrator
{
    /// <summary>The NOTIFY channel of the change triggers (<see cref="PostgreSqlChangeDetector"/> listens to it).</summary>
    public const string ChangeChannel = "attendance_lookup_changed";

    /// <summary>PostgreSQL advisory lock held while migrating (an arbitrary number: "attendance lookup" in ASCII, shortened).</summary>
    private const long MigrationLockKey = 0x6174746c6f6f6b;

    /// <summary>Prefix of a statement that runs on PostgreSQL only.</summary>
    private const string PostgreSqlOnly = "postgresql:";

    /// <summary>Prefix of a statement that runs on SQLite only.</summary>
    private const string SqliteOnly = "sqlite:";

    /// <summary>
    /// The stored rolls (3): the roll key is SQLite's rowid alias there and an identity column on PostgreSQL, the
    /// only column the two engines cannot write alike. The rest is the common subset.
    /// </summary>
    private const string RollColumns = "terminal_id TEXT NOT NULL, roll_id TEXT NOT NULL, professor_code TEXT NOT NULL, "
        + "class_code TEXT, course_code TEXT, opened_utc BIGINT NOT NULL, closed_utc BIGINT NOT NULL, late_after_utc BIGINT, "
        + "closed_automatically INTEGER NOT NULL CHECK (closed_automatically IN (0, 1)), "
        + "presence_count INTEGER NOT NULL, late_count INTEGER NOT NULL, "
        + "verification_code TEXT NOT NULL UNIQUE, key_fingerprint TEXT NOT NULL, uploaded_utc BIGINT NOT NULL, "
        + "year INTEGER NOT NULL, semester INTEGER NOT NULL CHECK (semester IN (1, 2)), UNIQUE (terminal_id, roll_id))";

    /// <summary>The tables whose rows the answer cache holds (terminals are read afresh at each AUTENTICAR).</summary>
    private static readonly string[] CachedTables = { "professors", "students", "courses", "classes", "schedule_slots", "teaching", "enrolments" };

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
        // 2: PostgreSQL tells the answer caches of every server instance that a lookup table changed (any writer:
        // the import command, psql, another tool). Statement-level, so an import of 100,000 rows sends one
        // notification per statement, and NOTIFY folds identical ones within a transaction; they are delivered at
        // commit, never for a rollback. SQLite needs nothing: PRAGMA data_version sees every commit.
        new[] { PostgreSqlOnly + "CREATE FUNCTION attendance_lookup_changed() RETURNS trigger LANGUAGE plpgsql AS $$ "
            + "BEGIN PERFORM pg_notify('" + ChangeChannel + "', TG_TABLE_NAME); RETURN NULL; END $$" }
            .Concat(CachedTables.Select(table => PostgreSqlOnly + "CREATE TRIGGER " + table + "_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "
                + table + " FOR EACH STATEMENT EXECUTE FUNCTION attendance_lookup_changed()"))
            .ToArray(),

        // 3: the rolls terminals upload (docs/protocol.md, "Uploading a roll") and their presences, read by the
        // portal (Storage/SqlRollArchive.cs). Times are seconds since 1970-01-01 UTC (BIGINT): they sort and compare
        // alike on both engines, and give back the upload's yyyyMMddTHHmmssZ exactly (the verification code's
        // content). No foreign keys to the lookup tables: a roll stays as it was uploaded when a professor, class or
        // terminal is deleted later. No change triggers: these are not answer-cache tables.
        new[]
        {
            SqliteOnly + "CREATE TABLE rolls (roll_key INTEGER PRIMARY KEY, " + RollColumns,
            PostgreSqlOnly + "CREATE TABLE rolls (roll_key BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, " + RollColumns,
            "CREATE TABLE presences (roll_key BIGINT NOT NULL REFERENCES rolls (roll_key) ON DELETE CASCADE, position INTEGER NOT NULL, "
                + "student_code TEXT NOT NULL, first_swipe_utc BIGINT NOT NULL, status INTEGER NOT NULL CHECK (status IN (0, 1, 2)), "
                + "late INTEGER NOT NULL CHECK (late IN (0, 1)), PRIMARY KEY (roll_key, position))",
            // The portal's queries: search newest first, by professor, by course; class sheet and class periods.
            "CREATE INDEX rolls_by_opening ON rolls (opened_utc)",
            "CREATE INDEX rolls_by_professor ON rolls (professor_code, opened_utc)",
            "CREATE INDEX rolls_by_course ON rolls (course_code, opened_utc)",
            "CREATE INDEX rolls_by_class_period ON rolls (class_code, year, semester, opened_utc)",
            // A student's history and the search by student.
            "CREATE INDEX presences_by_student ON presences (student_code, roll_key)",
            // The professor scope: the classes a professor teaches.
            "CREATE INDEX teaching_by_class ON teaching (class_code, professor_code)",
        },
        // 4: the portal's accounts (Storage/SqlPortalUserStore, ASP.NET Core Identity over them) and cookie keys. One role per
        // account; a professor account names its professor code, checked when the account is made rather than by a
        // foreign key, so that `import --replace professors` is not blocked by an account. Names are unique in
        // Identity's normalised (upper-case) form. lockout_end_ms is Unix milliseconds, UTC.
        new[]
        {
            "CREATE TABLE portal_users (id TEXT PRIMARY KEY, user_name TEXT NOT NULL, normalized_user_name TEXT NOT NULL UNIQUE, "
                + "password_hash TEXT, security_stamp TEXT NOT NULL, concurrency_stamp TEXT NOT NULL, "
                + "role TEXT NOT NULL CHECK (role IN ('administrator', 'secretary', 'professor')), professor_code TEXT, "
                + "lockout_end_ms BIGINT, access_failed_count INTEGER NOT NULL DEFAULT 0, lockout_enabled INTEGER NOT NULL DEFAULT 1, "
                + "CHECK (role <> 'professor' OR professor_code IS NOT NULL))",
            // The Data Protection key ring that protects the portal's cookies (Storage/SqlDataProtectionKeys).
            "CREATE TABLE portal_keys (name TEXT PRIMARY KEY, xml TEXT NOT NULL)",
        },
        // 5: on SQLite, a version of the lookup tables alone, for the answer cache (SqliteDataVersionDetector).
        // PRAGMA data_version moves at every commit to any table, and the server itself commits a roll at every
        // close and a portal account at every sign-in: the cache would be emptied by its own writes. SQLite has
        // only row triggers, so an import of N rows adds N one-row updates to its transaction: 100,000 inserted
        // students took 0.19 s instead of 0.13 s in one transaction (Python's sqlite3, this schema's table and
        // trigger). Every writer fires them: the import command, sqlite3, another tool.
        new[]
        {
            SqliteOnly + "CREATE TABLE " + LookupVersionTable + " (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)",
            SqliteOnly + "INSERT INTO " + LookupVersionTable + " (id, version) VALUES (1, 0)",
        }
        .Concat(CachedTables.SelectMany(table => new[] { "INSERT", "UPDATE", "DELETE" }.Select(change =>
            SqliteOnly + "CREATE TRIGGER " + table + "_" + change.ToLowerInvariant() + "_counted AFTER " + change + " ON " + table
                + " BEGIN UPDATE " + LookupVersionTable + " SET version = version + 1 WHERE id = 1; END")))
        .ToArray(),

        // 6: the settings the server gives terminals (docs/protocol.md, "Time and settings from the server";
        // Storage/SqlTerminalSettings). scope '' holds the defaults for all terminals, a terminal id that terminal's
        // overrides; keys are Core's ServerSettings.ServerKeys, values the text terminal.config would hold, checked by
        // Core's SettingsParser before they are written. One version row, raised by every edit in the same
        // transaction, tells terminals (HORA) to fetch again. No foreign key to terminals: overrides may be written
        // before the terminal's key, and stay harmless after it is deleted. Not an answer-cache table.
        new[]
        {
            "CREATE TABLE terminal_settings (scope TEXT NOT NULL, setting_key TEXT NOT NULL, setting_value TEXT NOT NULL, "
                + "PRIMARY KEY (scope, setting_key))",
            "CREATE TABLE terminal_settings_version (id INTEGER PRIMARY KEY CHECK (id = 1), version BIGINT NOT NULL)",
            "INSERT INTO terminal_settings_version (id, version) VALUES (1, 0)",
        },

        // 7 (issue 15; 8 once the fleet-health helper's 7 is merged): requests to empty the
        // answer caches (`cache flush`, Admin/CacheCommand.cs). Every instance sharing this database sees a new row:
        // through the lookup-tables version (SQLite, migration 5) or the change trigger (PostgreSQL) when the lookups
        // read our own schema, by polling MAX(id) when they read an institution's database (Storage/CacheFlushDetector.cs).
        new[]
        {
            SqliteOnly + "CREATE TABLE cache_flushes (id INTEGER PRIMARY KEY, requested_utc BIGINT NOT NULL)",
            SqliteOnly + "CREATE TRIGGER cache_flushes_insert_counted AFTER INSERT ON cache_flushes BEGIN UPDATE " + LookupVersionTable
                + " SET version = version + 1 WHERE id = 1; END",
            PostgreSqlOnly + "CREATE TABLE cache_flushes (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, requested_utc BIGINT NOT NULL)",
            PostgreSqlOnly + "CREATE TRIGGER cache_flushes_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON cache_flushes "
                + "FOR EACH STATEMENT EXECUTE FUNCTION attendance_lookup_changed()",
        },
    };

    /// <summary>SQLite's one-row table whose version moves with every change to a lookup table (migration 5).</summary>
    public const string LookupVersionTable = "lookup_tables_version";

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
        else
        {
            // Instances sharing one database may start together: one migrates, the others wait and then find the
            // schema current. Released when the connection closes, whatever happens below.
            await Sql.ExecuteAsync(connection, null, "SELECT pg_advisory_lock(" + MigrationLockKey + ")", cancellationToken);
        }

        await Sql.ExecuteAsync(connection, null, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)", cancellationToken);
        var found = await Sql.ScalarTextAsync(connection, "SELECT MAX(version) FROM schema_version", cancellationToken);
        var current = found == null ? 0 : int.Parse(found, System.Globalization.CultureInfo.InvariantCulture);

        for (var version = current + 1; version <= Migrations.Length; version++)
        {
            await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
            foreach (var statement in Migrations[version - 1])
            {
                if (statement.StartsWith(PostgreSqlOnly, StringComparison.Ordinal))
                {
                    if (database.Provider == DatabaseProvider.PostgreSql)
                    {
                        await Sql.ExecuteAsync(connection, transaction, statement[PostgreSqlOnly.Length..], cancellationToken);
                    }
                }
                else if (statement.StartsWith(SqliteOnly, StringComparison.Ordinal))
                {
                    if (database.Provider == DatabaseProvider.Sqlite)
                    {
                        await Sql.ExecuteAsync(connection, transaction, statement[SqliteOnly.Length..], cancellationToken);
                    }
                }
                else
                {
                    await Sql.ExecuteAsync(connection, transaction, statement, cancellationToken);
                }
            }

            await Sql.ExecuteAsync(connection, transaction, "INSERT INTO schema_version (version) VALUES (@version)", cancellationToken, ("@version", version));
            await transaction.CommitAsync(cancellationToken);
        }

        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            await Sql.ExecuteAsync(connection, null, "SELECT pg_advisory_unlock(" + MigrationLockKey + ")", cancellationToken);
        }

        return current;
    }
}
