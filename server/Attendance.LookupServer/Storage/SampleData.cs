using System.Data.Common;

namespace Attendance.LookupServer.Storage;

/// <summary>
/// The demo data set, loaded into a new empty database only when asked for (`--demo`, or
/// Lookup:Database:SampleData=true), and only on a server listening on loopback (LookupServerApp); removed by
/// `demo remove` (<see cref="RemoveAsync"/>). Professor P1001
/// teaches one class in every slot of every weekday (00:00-08:00, 08:00-12:00, 12:00-18:00, 18:00-24:00), so a
/// demo roll finds a class whatever day and hour it runs. Enrolments are written for the current and next year.
/// Terminal T01's key is public (<see cref="DemoTerminalKeyHex"/>): never use it outside a demo.
/// </summary>
public static class SampleData
{
    public const string DemoTerminalId = "T01";

    /// <summary>"demo-key-T01-not-for-production!" as hex (32 bytes).</summary>
    public const string DemoTerminalKeyHex = "64656d6f2d6b65792d5430312d6e6f742d666f722d70726f64756374696f6e21";

    public static readonly (string Code, string Name, string Email)[] Professors =
    {
        ("P1001", "Conceição Araújo", "conceicao.araujo@example.edu"),
        ("P1002", "Estêvão Magalhães", "estevao.magalhaes@example.edu"),
    };

    public static readonly (string Code, string Name)[] Students =
    {
        ("A2001", "João Conceição"),
        ("A2002", "Ñandú Müller"),
        ("A2003", "Maria da Graça Gonçalves"),
        ("A2004", "Zoë Brontë Açores"),
        ("A2005", "José Estêvão"),
    };

    public static readonly (string Code, string Name)[] Courses =
    {
        ("ENG", "Engenharia Informática"),
        ("GES", "Gestão"),
    };

    public static readonly (string Code, string Name, string Course, string Start, string End)[] Classes =
    {
        ("C100", "Introdução à Programação", "ENG", "00:00", "08:00"),
        ("C101", "Cálculo I", "ENG", "08:00", "12:00"),
        ("C102", "Álgebra Linear", "ENG", "12:00", "18:00"),
        ("C103", "Gestão de Projetos", "GES", "18:00", "24:00"),
    };

    /// <summary>A2001-A2003 in every class; A2005 only in C101; A2004 in none.</summary>
    public static bool IsEnrolled(string student, string classCode) =>
        student is "A2001" or "A2002" or "A2003" || (student == "A2005" && classCode == "C101");

    public static async Task LoadAsync(LookupDatabase database, int year, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var (code, name, email) in Professors)
        {
            await Sql.ExecuteAsync(connection, transaction, "INSERT INTO professors (code, name, email) VALUES (@code, @name, @email)", cancellationToken, ("@code", code), ("@name", name), ("@email", email));
        }

        foreach (var (code, name) in Students)
        {
            await Sql.ExecuteAsync(connection, transaction, "INSERT INTO students (code, name) VALUES (@code, @name)", cancellationToken, ("@code", code), ("@name", name));
        }

        foreach (var (code, name) in Courses)
        {
            await Sql.ExecuteAsync(connection, transaction, "INSERT INTO courses (code, name) VALUES (@code, @name)", cancellationToken, ("@code", code), ("@name", name));
        }

        var slot = 0;
        foreach (var (code, name, course, start, end) in Classes)
        {
            await Sql.ExecuteAsync(connection, transaction, "INSERT INTO classes (code, name, course_code) VALUES (@code, @name, @course)", cancellationToken, ("@code", code), ("@name", name), ("@course", course));
            for (var weekday = 1; weekday <= 7; weekday++)
            {
                slot++;
                await Sql.ExecuteAsync(connection, transaction, "INSERT INTO schedule_slots (id, weekday, start_time, end_time) VALUES (@id, @weekday, @start, @end)", cancellationToken, ("@id", slot), ("@weekday", weekday), ("@start", start), ("@end", end));
                await Sql.ExecuteAsync(connection, transaction, "INSERT INTO teaching (professor_code, class_code, slot_id) VALUES (@professor, @class, @slot)", cancellationToken, ("@professor", "P1001"), ("@class", code), ("@slot", slot));
            }

            foreach (var (student, _) in Students)
            {
                if (!IsEnrolled(student, code))
                {
                    continue;
                }

                for (var enrolmentYear = year; enrolmentYear <= year + 1; enrolmentYear++)
                {
                    for (var semester = 1; semester <= 2; semester++)
                    {
                        await Sql.ExecuteAsync(connection, transaction, "INSERT INTO enrolments (student_code, class_code, course_code, year, semester) VALUES (@student, @class, @course, @year, @semester)", cancellationToken, ("@student", student), ("@class", code), ("@course", course), ("@year", enrolmentYear), ("@semester", semester));
                    }
                }
            }
        }

        await Sql.ExecuteAsync(connection, transaction, "INSERT INTO terminals (id, key_hex, description) VALUES (@id, @key, @description)", cancellationToken, ("@id", DemoTerminalId), ("@key", DemoTerminalKeyHex), ("@description", "Demo terminal (public key)"));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// The demo's class starts when the demo runs: adds a slot today (ISO weekday of <paramref name="localNow"/>)
    /// starting <paramref name="minutesBefore"/> minutes before it (whole minutes, not before the start of the demo
    /// block it falls in) for an hour, at most to 24:00, in which P1001 teaches that block's class. A roll opened
    /// in it finds that class with this start (the lookup takes the slot that started last), so a swipe is late
    /// only after this start plus the terminal's grace, instead of counting from the block's 00:00, 08:00, 12:00 or
    /// 18:00. Returns the class and the start time (HH:MM).
    /// </summary>
    public static async Task<(string ClassCode, string ClassName, string Start)> ScheduleClassStartingBeforeAsync(LookupDatabase database, DateTime localNow,
        int minutesBefore, CancellationToken cancellationToken)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        var now = localNow.ToString("HH:mm", culture);
        var (code, name, _, blockStart, _) = Classes.First(c => string.CompareOrdinal(c.Start, now) <= 0 && string.CompareOrdinal(now, c.End) < 0);
        var localStart = localNow.Date.AddMinutes(Math.Max((int)localNow.TimeOfDay.TotalMinutes - minutesBefore, (int)TimeSpan.Parse(blockStart, culture).TotalMinutes));
        var start = localStart.ToString("HH:mm", culture);
        var endTime = localStart.TimeOfDay + TimeSpan.FromHours(1);
        var end = endTime >= TimeSpan.FromHours(24) ? "24:00" : localStart.Date.Add(endTime).ToString("HH:mm", culture);
        var weekday = localStart.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)localStart.DayOfWeek;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = Sql.Command(connection, "SELECT COALESCE(MAX(id), 0) + 1 FROM schedule_slots", transaction))
        {
            var slot = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            await Sql.ExecuteAsync(connection, transaction, "INSERT INTO schedule_slots (id, weekday, start_time, end_time) VALUES (@id, @weekday, @start, @end)", cancellationToken,
                ("@id", slot), ("@weekday", weekday), ("@start", start), ("@end", end));
            await Sql.ExecuteAsync(connection, transaction, "INSERT INTO teaching (professor_code, class_code, slot_id) VALUES (@professor, @class, @slot)", cancellationToken,
                ("@professor", Professors[0].Code), ("@class", code), ("@slot", slot));
        }

        await transaction.CommitAsync(cancellationToken);
        return (code, name, start);
    }

    /// <summary>
    /// Deletes the demo rows still as <see cref="LoadAsync"/> wrote them (same code and same values), in one
    /// transaction. A row that was changed since, or that real data still refers to, is kept: rows are matched
    /// on all their values, never on a code alone, since a real data set may well have a course "ENG" or a
    /// slot 1. Terminal T01 goes only while it still has the public demo key. Returns rows deleted per table.
    /// </summary>
    public static async Task<IReadOnlyList<(string Table, int Rows)>> RemoveAsync(LookupDatabase database, CancellationToken cancellationToken)
    {
        var deleted = new Dictionary<string, int>();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);

        async Task Delete(string table, string sql, params (string Name, object Value)[] parameters)
        {
            await using var command = Sql.Command(connection, sql, transaction, parameters);
            deleted[table] = deleted.GetValueOrDefault(table) + await command.ExecuteNonQueryAsync(cancellationToken);
        }

        const string DemoStudent = "EXISTS (SELECT 1 FROM students s WHERE s.code = @student AND s.name = @studentName)";
        const string DemoClass = "EXISTS (SELECT 1 FROM classes c WHERE c.code = @class AND c.name = @className AND c.course_code = @course)";
        foreach (var (code, name, course, start, end) in Classes)
        {
            foreach (var (student, studentName) in Students)
            {
                await Delete("enrolments", "DELETE FROM enrolments WHERE student_code = @student AND class_code = @class AND course_code = @course AND "
                    + DemoStudent + " AND " + DemoClass,
                    ("@student", student), ("@studentName", studentName), ("@class", code), ("@className", name), ("@course", course));
            }

            // The class's demo slots: P1001 teaching it at its demo hours, one slot a weekday.
            var slotSelection = "SELECT t.slot_id FROM teaching t JOIN schedule_slots s ON s.id = t.slot_id WHERE t.professor_code = @professor "
                + "AND t.class_code = @class AND s.start_time = @start AND s.end_time = @end";
            var slots = new List<object>();
            await using (var command = Sql.Command(connection, slotSelection, transaction, ("@professor", Professors[0].Code), ("@class", code), ("@start", start), ("@end", end)))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    slots.Add(reader.GetValue(0));
                }
            }

            foreach (var slot in slots)
            {
                await Delete("teaching", "DELETE FROM teaching WHERE professor_code = @professor AND class_code = @class AND slot_id = @slot AND "
                    + "EXISTS (SELECT 1 FROM professors p WHERE p.code = @professor AND p.name = @professorName) AND " + DemoClass,
                    ("@professor", Professors[0].Code), ("@professorName", Professors[0].Name), ("@class", code), ("@className", name), ("@course", course), ("@slot", slot));
                await Delete("schedule_slots", "DELETE FROM schedule_slots WHERE id = @slot AND start_time = @start AND end_time = @end "
                    + "AND NOT EXISTS (SELECT 1 FROM teaching t WHERE t.slot_id = @slot)", ("@slot", slot), ("@start", start), ("@end", end));
            }

            await Delete("classes", "DELETE FROM classes WHERE code = @class AND name = @className AND course_code = @course "
                + "AND NOT EXISTS (SELECT 1 FROM teaching t WHERE t.class_code = @class) AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.class_code = @class)",
                ("@class", code), ("@className", name), ("@course", course));
        }

        foreach (var (code, name) in Courses)
        {
            await Delete("courses", "DELETE FROM courses WHERE code = @code AND name = @name AND NOT EXISTS (SELECT 1 FROM classes c WHERE c.course_code = @code) "
                + "AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.course_code = @code)", ("@code", code), ("@name", name));
        }

        foreach (var (code, name) in Students)
        {
            await Delete("students", "DELETE FROM students WHERE code = @code AND name = @name AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.student_code = @code)",
                ("@code", code), ("@name", name));
        }

        foreach (var (code, name, email) in Professors)
        {
            await Delete("professors", "DELETE FROM professors WHERE code = @code AND name = @name AND email = @email "
                + "AND NOT EXISTS (SELECT 1 FROM teaching t WHERE t.professor_code = @code)", ("@code", code), ("@name", name), ("@email", email));
        }

        await Delete("terminals", "DELETE FROM terminals WHERE id = @id AND key_hex = @key", ("@id", DemoTerminalId), ("@key", DemoTerminalKeyHex));
        await transaction.CommitAsync(cancellationToken);
        return deleted.Select(pair => (pair.Key, pair.Value)).ToArray();
    }

    /// <summary>How many terminals can authenticate with the public demo key (0 once removed or rotated).</summary>
    public static async Task<int> CountDemoKeysAsync(LookupDatabase database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var found = await Sql.ScalarTextAsync(connection, "SELECT COUNT(*) FROM terminals WHERE LOWER(key_hex) = @key", cancellationToken, ("@key", DemoTerminalKeyHex));
        return found == null ? 0 : int.Parse(found, System.Globalization.CultureInfo.InvariantCulture);
    }
}
