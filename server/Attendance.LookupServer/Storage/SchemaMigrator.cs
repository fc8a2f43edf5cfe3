using System.Data.Common;

namespace Attendance.LookupServer.Storage;

/// <summary>
/// Creates and upgrades the schema on start. Each migration runs once, in a transaction, and records its number
/// in schema_version. The DDL is the common subset of SQLite and PostgreSQL, so one script serves both, except
/// for statements that exist on one of them only (<see cref="PostgreSqlOnly"/>, <see cref="SqliteOnly"/>,
/// <see cref="MariaDbOnly"/>). MariaDB runs the statements rewritten by <see cref="ForMariaDb"/> (TEXT key
/// columns become VARCHAR, which it can index, the others MEDIUMTEXT; tables are InnoDB with a binary collation,
/// so codes compare exactly as on the other engines). MariaDB commits DDL implicitly, so there a migration that fails half-way
/// leaves its first tables behind: drop them and start again (server/README.md, "MariaDB").
/// Firebird is not migrated: it holds an institution's own database, which the server only reads.
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

    /// <summary>Prefix of a statement that runs on MariaDB/MySQL only.</summary>
    private const string MariaDbOnly = "mariadb:";

    /// <summary>
    /// MariaDB: the single-row table whose version the change triggers bump (<see cref="MariaDbChangeDetector"/>
    /// reads it), since MariaDB has no NOTIFY.
    /// </summary>
    public const string MariaDbVersionTable = "lookup_data_version";

    /// <summary>
    /// MariaDB: the length of the TEXT columns that are keys (<see cref="ForMariaDb"/>). Codes are at most 64 characters
    /// (the protocol's field limit) and names far less; 255 keeps the widest key (enrolments: three codes and two
    /// integers, 3 x 255 x 4 bytes of utf8mb4 + 8) within InnoDB's 3072-byte index key.
    /// </summary>
    private const int MariaDbTextLength = 255;

    /// <summary>MariaDB: how long an instance waits for another one's migration (a long import-free migration takes seconds).</summary>
    private const int MariaDbMigrationLockSeconds = 600;

    private const string SchemaVersionTable = "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)";

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

    /// <summary>A heartbeat's columns (7); the key column differs by engine as for rolls.</summary>
    private const string HealthColumns = "terminal_id TEXT NOT NULL, received_utc BIGINT NOT NULL, firmware TEXT NOT NULL, board TEXT NOT NULL, "
        + "uptime_seconds BIGINT NOT NULL, free_memory_bytes BIGINT, ip_address TEXT NOT NULL, wifi_signal_dbm INTEGER, roll_state TEXT NOT NULL, "
        + "outbox_pending INTEGER NOT NULL, outbox_retrying INTEGER NOT NULL, outbox_failed INTEGER NOT NULL, uploads_pending INTEGER NOT NULL, "
        + "clock_source TEXT NOT NULL, clock_skew_seconds INTEGER, settings_rejected TEXT NOT NULL, interval_seconds INTEGER NOT NULL, "
        + "log_lines TEXT NOT NULL, failed_rolls TEXT NOT NULL)";

    /// <summary>A portal request to a terminal (7).</summary>
    private const string RequestColumns = "terminal_id TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('resend', 'reload')), "
        + "argument TEXT NOT NULL, requested_by TEXT NOT NULL, requested_utc BIGINT NOT NULL, delivered_utc BIGINT, "
        + "deliveries INTEGER NOT NULL DEFAULT 0, acknowledged_utc BIGINT, outcome TEXT)";

    /// <summary>The tables whose rows the answer cache holds (terminals are read afresh at each AUTENTICAR).</summary>
    private static readonly string[] CachedTables = { "professors", "students", "courses", "classes", "schedule_slots", "teaching", "enrolments" };

    /// <summary>
    /// MariaDB has neither statement-level triggers nor one trigger for several events: a row trigger per table
    /// and event bumps the version row. An import of n rows bumps it n times inside its transaction (one row
    /// lock, taken by every writer in turn: imports are serialised, readers are not blocked). TRUNCATE fires no
    /// trigger; the import command never truncates, and server/README.md says to follow a manual one with
    /// <c>UPDATE lookup_data_version SET version = version + 1</c>.
    /// </summary>
    private static IEnumerable<string> MariaDbChangeTriggers() =>
        new[] { MariaDbOnly + "CREATE TABLE " + MariaDbVersionTable + " (id INTEGER PRIMARY KEY CHECK (id = 1), version BIGINT NOT NULL)",
            MariaDbOnly + "INSERT INTO " + MariaDbVersionTable + " (id, version) VALUES (1, 0)" }
            .Concat(CachedTables.SelectMany(table => new[] { "INSERT", "UPDATE", "DELETE" }.Select(verb =>
                MariaDbOnly + "CREATE TRIGGER " + table + "_" + verb.ToLowerInvariant() + "_changed AFTER " + verb + " ON " + table
                + " FOR EACH ROW UPDATE " + MariaDbVersionTable + " SET version = version + 1 WHERE id = 1")));

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
            .Concat(MariaDbChangeTriggers())
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
            MariaDbOnly + "CREATE TABLE rolls (roll_key BIGINT AUTO_INCREMENT PRIMARY KEY, " + RollColumns,
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
        // 6: requests to empty the answer caches (`cache flush`, Admin/CacheCommand.cs). Every instance sharing this
        // database sees a new row: through the lookup-tables version (SQLite, migration 5; MariaDB, migration 2) or the
        // change trigger (PostgreSQL) when the lookups read our own schema, by polling MAX(id) when they read an
        // institution's database (Storage/CacheFlushDetector.cs).
        new[]
        {
            SqliteOnly + "CREATE TABLE cache_flushes (id INTEGER PRIMARY KEY, requested_utc BIGINT NOT NULL)",
            SqliteOnly + "CREATE TRIGGER cache_flushes_insert_counted AFTER INSERT ON cache_flushes BEGIN UPDATE " + LookupVersionTable
                + " SET version = version + 1 WHERE id = 1; END",
            PostgreSqlOnly + "CREATE TABLE cache_flushes (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, requested_utc BIGINT NOT NULL)",
            PostgreSqlOnly + "CREATE TRIGGER cache_flushes_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON cache_flushes "
                + "FOR EACH STATEMENT EXECUTE FUNCTION attendance_lookup_changed()",
            MariaDbOnly + "CREATE TABLE cache_flushes (id BIGINT AUTO_INCREMENT PRIMARY KEY, requested_utc BIGINT NOT NULL)",
            MariaDbOnly + "CREATE TRIGGER cache_flushes_insert_changed AFTER INSERT ON cache_flushes FOR EACH ROW UPDATE " + MariaDbVersionTable
                + " SET version = version + 1 WHERE id = 1",
        },

        // 7: terminal health (docs/protocol.md, "Terminal health"; Storage/SqlTerminalFleet). Every heartbeat is a row
        // of terminal_health; the newest one is the terminal's latest report and the insert prunes the history to
        // SqlTerminalFleet.HistoryPerTerminal rows per terminal. log_lines and failed_rolls hold the report's few
        // lines as text (one per line, fields split by a tab): they are only ever shown. terminal_requests are the
        // portal's requests, delivered in a heartbeat's answer (delivered_utc) until the terminal acknowledges them.
        // Times are seconds since 1970 UTC, as in rolls. No foreign key to terminals: history stays when a terminal
        // is removed, and a report's terminal is the one that authenticated.
        new[]
        {
            SqliteOnly + "CREATE TABLE terminal_health (report_key INTEGER PRIMARY KEY, " + HealthColumns,
            PostgreSqlOnly + "CREATE TABLE terminal_health (report_key BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, " + HealthColumns,
            MariaDbOnly + "CREATE TABLE terminal_health (report_key BIGINT AUTO_INCREMENT PRIMARY KEY, " + HealthColumns,
            "CREATE INDEX terminal_health_by_terminal ON terminal_health (terminal_id, received_utc)",
            SqliteOnly + "CREATE TABLE terminal_requests (request_key INTEGER PRIMARY KEY, " + RequestColumns,
            PostgreSqlOnly + "CREATE TABLE terminal_requests (request_key BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, " + RequestColumns,
            MariaDbOnly + "CREATE TABLE terminal_requests (request_key BIGINT AUTO_INCREMENT PRIMARY KEY, " + RequestColumns,
            "CREATE INDEX terminal_requests_by_terminal ON terminal_requests (terminal_id, acknowledged_utc)",
        },

        // 8: the settings the server gives terminals (docs/protocol.md, "Time and settings from the server";
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

        // 9: the names a roll was stored with (Storage/RollStore.cs): what the lookups answered at upload, as the
        // terminal's e-mail said them, so the portal shows them whichever database the lookups read (an
        // institution's, through a mapping, leaves our lookup tables empty). Null in rolls stored before: the
        // portal then reads our own lookup tables (Storage/SqlRollArchive.cs). The same statements on every engine
        // (MariaDB's TEXT becomes MEDIUMTEXT like every other non-key column).
        new[]
        {
            "ALTER TABLE rolls ADD COLUMN professor_name TEXT",
            "ALTER TABLE rolls ADD COLUMN class_name TEXT",
            "ALTER TABLE rolls ADD COLUMN course_name TEXT",
            "ALTER TABLE presences ADD COLUMN student_name TEXT",
        },
        // 10: each student's name as the newest stored roll gave it, one row per student, for the portal's search by
        // name (Storage/SqlRollArchive.cs). A "contains" search cannot use an index, and over the stored presences
        // (1.8 million in a year of 500 classes) it took 410 ms on SQLite and 120 ms on PostgreSQL
        // (bench/Attendance.Bench.Archive); over this table (one row per student) it is a short scan, and the rolls
        // come from the presences by their student index. Kept by the upload (Storage/RollStore.cs), filled here from
        // the presences already stored.
        new[]
        {
            "CREATE TABLE student_names (student_code TEXT PRIMARY KEY, name TEXT NOT NULL)",
            "INSERT INTO student_names (student_code, name) SELECT student_code, MAX(student_name) FROM presences "
                + "WHERE student_name IS NOT NULL GROUP BY student_code",
        },
    };

    /// <summary>SQLite's one-row table whose version moves with every change to a lookup table (migration 5).</summary>
    public const string LookupVersionTable = "lookup_tables_version";

    public static int LatestVersion => Migrations.Length;

    /// <summary>Brings the schema to the latest version; returns the version found before (0 for a new database).</summary>
    public static async Task<int> MigrateAsync(LookupDatabase database, CancellationToken cancellationToken)
    {
        if (database.Provider == DatabaseProvider.Firebird)
        {
            throw new DatabaseConfigurationException("Firebird is read as an institution's own database, through the configured lookup statements; "
                + "the server's own schema (rolls, terminals, portal) is kept on SQLite, PostgreSQL or MariaDB (server/README.md, \"Firebird\").");
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets the import write while the server reads.
            await Sql.ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL", cancellationToken);
        }
        else if (database.Provider == DatabaseProvider.PostgreSql)
        {
            // Instances sharing one database may start together: one migrates, the others wait and then find the
            // schema current. Released when the connection closes, whatever happens below.
            await Sql.ExecuteAsync(connection, null, "SELECT pg_advisory_lock(" + MigrationLockKey + ")", cancellationToken);
        }
        else
        {
            // The same on MariaDB: a named lock of the session, per database. GET_LOCK answers 0 when the wait times
            // out (MariaDB reads a negative timeout as none at all), so the answer is checked.
            var locked = await Sql.ScalarTextAsync(connection, "SELECT GET_LOCK(CONCAT('attendance_migration_', DATABASE()), @seconds)", cancellationToken,
                ("@seconds", MariaDbMigrationLockSeconds));
            if (locked != "1")
            {
                throw new DatabaseConfigurationException("another instance has been migrating this MariaDB database for " + MariaDbMigrationLockSeconds
                    + " s (GET_LOCK answered " + (locked ?? "NULL") + "); start again when it has finished.");
            }
        }

        await Sql.ExecuteAsync(connection, null, database.Provider == DatabaseProvider.MariaDb ? ForMariaDb(SchemaVersionTable) : SchemaVersionTable, cancellationToken);
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
                else if (statement.StartsWith(MariaDbOnly, StringComparison.Ordinal))
                {
                    if (database.Provider == DatabaseProvider.MariaDb)
                    {
                        await Sql.ExecuteAsync(connection, transaction, ForMariaDb(statement[MariaDbOnly.Length..]), cancellationToken);
                    }
                }
                else
                {
                    await Sql.ExecuteAsync(connection, transaction, database.Provider == DatabaseProvider.MariaDb ? ForMariaDb(statement) : statement, cancellationToken);
                }
            }

            await Sql.ExecuteAsync(connection, transaction, "INSERT INTO schema_version (version) VALUES (@version)", cancellationToken, ("@version", version));
            await transaction.CommitAsync(cancellationToken);
        }

        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            await Sql.ExecuteAsync(connection, null, "SELECT pg_advisory_unlock(" + MigrationLockKey + ")", cancellationToken);
        }
        else if (database.Provider == DatabaseProvider.MariaDb)
        {
            await Sql.ExecuteAsync(connection, null, "SELECT RELEASE_LOCK(CONCAT('attendance_migration_', DATABASE()))", cancellationToken);
        }

        return current;
    }

    /// <summary>
    /// A statement as MariaDB needs it. A TEXT column that is a key anywhere in the migrations (primary key,
    /// UNIQUE, a foreign key or its target, an index) becomes VARCHAR(255): InnoDB cannot index TEXT without a
    /// prefix length, and a prefix would not keep keys unique. Every other TEXT column becomes MEDIUMTEXT (16 MB),
    /// as unbounded in practice as TEXT on SQLite and PostgreSQL, so names, XML and logs are never cut. Tables get
    /// InnoDB (transactions, foreign keys) and utf8mb4_nopad_bin, so 'P1001' and 'p1001' are different codes and
    /// trailing spaces count (NO PAD), as on SQLite and PostgreSQL. New migrations need nothing for MariaDB unless
    /// they have engine-only statements (then a <see cref="MariaDbOnly"/> twin).
    /// </summary>
    public static string ForMariaDb(string statement)
    {
        var table = System.Text.RegularExpressions.Regex.Match(statement, @"^(?:CREATE TABLE(?: IF NOT EXISTS)?|ALTER TABLE) (\w+)");
        if (!table.Success)
        {
            return statement;
        }

        var text = System.Text.RegularExpressions.Regex.Replace(statement, @"\b(\w+) TEXT\b", match =>
            match.Groups[1].Value + (MariaDbKeyColumns.Value.Contains(table.Groups[1].Value + "." + match.Groups[1].Value)
                ? " VARCHAR(" + MariaDbTextLength + ")"
                : " MEDIUMTEXT"));
        if (statement.StartsWith("CREATE TABLE ", StringComparison.Ordinal))
        {
            text += " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin";
        }

        return text;
    }

    /// <summary>"table.column" of every column that some statement of any migration makes a key or indexes.</summary>
    private static readonly Lazy<HashSet<string>> MariaDbKeyColumns = new(() =>
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var statements = Migrations.SelectMany(migration => migration)
            .Select(statement => statement.StartsWith(PostgreSqlOnly, StringComparison.Ordinal) ? statement[PostgreSqlOnly.Length..]
                : statement.StartsWith(SqliteOnly, StringComparison.Ordinal) ? statement[SqliteOnly.Length..]
                : statement.StartsWith(MariaDbOnly, StringComparison.Ordinal) ? statement[MariaDbOnly.Length..]
                : statement);
        foreach (var statement in statements)
        {
            foreach (System.Text.RegularExpressions.Match index in System.Text.RegularExpressions.Regex.Matches(statement, @"^CREATE (?:UNIQUE )?INDEX \w+ ON (\w+) \(([^)]*)\)"))
            {
                AddColumns(index.Groups[1].Value, index.Groups[2].Value);
            }

            var create = System.Text.RegularExpressions.Regex.Match(statement, @"^CREATE TABLE(?: IF NOT EXISTS)? (\w+) \((.*)\)$", System.Text.RegularExpressions.RegexOptions.Singleline);
            if (!create.Success)
            {
                continue;
            }

            var table = create.Groups[1].Value;
            foreach (var part in TopLevelParts(create.Groups[2].Value))
            {
                var column = System.Text.RegularExpressions.Regex.Match(part, @"^(\w+) \w+(.*)$", System.Text.RegularExpressions.RegexOptions.Singleline);
                var constraint = System.Text.RegularExpressions.Regex.Match(part, @"^(?:PRIMARY KEY|UNIQUE|FOREIGN KEY) \(([^)]*)\)");
                if (constraint.Success)
                {
                    AddColumns(table, constraint.Groups[1].Value);
                }
                else if (column.Success && System.Text.RegularExpressions.Regex.IsMatch(column.Groups[2].Value, @"\b(?:PRIMARY KEY|UNIQUE|REFERENCES)\b"))
                {
                    keys.Add(table + "." + column.Groups[1].Value);
                }

                foreach (System.Text.RegularExpressions.Match target in System.Text.RegularExpressions.Regex.Matches(part, @"REFERENCES (\w+) \(([^)]*)\)"))
                {
                    AddColumns(target.Groups[1].Value, target.Groups[2].Value);
                }
            }
        }

        return keys;

        void AddColumns(string table, string columns)
        {
            foreach (var name in columns.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                keys.Add(table + "." + name);
            }
        }
    });

    /// <summary>The comma-separated parts of a CREATE TABLE body, commas inside parentheses (CHECK, REFERENCES) left alone.</summary>
    private static IEnumerable<string> TopLevelParts(string body)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < body.Length; i++)
        {
            depth += body[i] == '(' ? 1 : body[i] == ')' ? -1 : 0;
            if (body[i] == ',' && depth == 0)
            {
                yield return body[start..i].Trim();
                start = i + 1;
            }
        }

        yield return body[start..].Trim();
    }
}
