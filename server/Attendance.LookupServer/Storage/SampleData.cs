using System.Data.Common;

namespace Attendance.LookupServer.Storage;

/// <summary>
/// The demo data set, loaded into a new empty database when Lookup:Database:SampleData is true. Professor P1001
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
}
