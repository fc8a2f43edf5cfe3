using System.Data.Common;
using System.Globalization;
using Attendance.LookupServer.Storage;

namespace Attendance.LookupServer.Tests;

/// <summary>
/// A database in the original's model (server/mappings/original-interbase.sql) holding the demo data set of
/// Storage/SampleData.cs, translated: course codes become integers (<see cref="CourseNumber"/>), weekdays Delphi's
/// (1 = Sunday), times TIME, the slot to midnight ends at 23:59:59. Read through original-interbase.json, it must
/// answer every command as our own schema does with the demo data (ConformanceTests).
/// </summary>
public static class OriginalSchema
{
    /// <summary>The shipped mapping, beside the server's binary (copied there by its project).</summary>
    public static string MappingFile => Path.Combine(AppContext.BaseDirectory, "mappings", "original-interbase.json");

    public static string DdlFile => Path.Combine(AppContext.BaseDirectory, "mappings", "original-interbase.sql");

    /// <summary>The integer the original keeps for one of our course codes.</summary>
    public static string CourseNumber(string code) => (Array.FindIndex(SampleData.Courses, course => course.Code == code) + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>Our course codes in a protocol line (fields between '|') as the original's numbers.</summary>
    public static string Translate(string line) =>
        string.Join('|', line.Split('|').Select(field => SampleData.Courses.Any(course => course.Code == field) ? CourseNumber(field) : field));

    /// <summary>The statements of the shipped DDL script (comments dropped, split at a ';' that ends a line).</summary>
    public static IEnumerable<string> DdlStatements()
    {
        var text = string.Join('\n', File.ReadAllLines(DdlFile).Where(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal)));
        return text.Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(statement => statement.TrimEnd(';')).Where(statement => statement.Length > 0);
    }

    /// <summary>Creates the original's tables in an empty database and fills them with the demo data for <paramref name="year"/>.</summary>
    public static async Task CreateAsync(string provider, string connectionString, int year)
    {
        await using var database = new LookupDatabase(new DatabaseOptions { Provider = provider, ConnectionString = connectionString });
        await using var connection = await database.OpenAsync(CancellationToken.None);
        foreach (var statement in DdlStatements())
        {
            await Execute(connection, statement);
        }

        foreach (var (code, name, email) in SampleData.Professors)
        {
            await Execute(connection, "INSERT INTO PROFESSOR (PR_CODIGO, PR_NOME, PR_EMAIL) VALUES (@c, @n, @e)", ("@c", code), ("@n", name), ("@e", email));
        }

        foreach (var (code, name) in SampleData.Students)
        {
            await Execute(connection, "INSERT INTO ALUNO (AL_CODIGO, AL_NOME) VALUES (@c, @n)", ("@c", code), ("@n", name));
        }

        foreach (var (code, name) in SampleData.Courses)
        {
            await Execute(connection, "INSERT INTO CURSO (CU_CODIGO, CU_NOME) VALUES (@c, @n)", ("@c", int.Parse(CourseNumber(code), CultureInfo.InvariantCulture)), ("@n", name));
        }

        var slot = 0;
        foreach (var (code, name, course, start, end) in SampleData.Classes)
        {
            var courseNumber = int.Parse(CourseNumber(course), CultureInfo.InvariantCulture);
            await Execute(connection, "INSERT INTO CADEIRA (CA_CODIGO, CA_NOME, CA_CURSO) VALUES (@c, @n, @u)", ("@c", code), ("@n", name), ("@u", courseNumber));
            for (var isoWeekday = 1; isoWeekday <= 7; isoWeekday++)
            {
                slot++;
                await Execute(connection, "INSERT INTO HORARIO (HO_CODIGO, HO_INICIO, HO_FIM, HO_DIASEMANA) VALUES (@id, @s, @e, @d)",
                    ("@id", slot), ("@s", Time(start)), ("@e", end == "24:00" ? new TimeOnly(23, 59, 59) : Time(end)), ("@d", isoWeekday % 7 + 1));
                await Execute(connection, "INSERT INTO MINISTRA (CADEIRA_CODIGO, HORARIO_CODIGO, PROFESSOR_CODIGO) VALUES (@c, @h, @p)",
                    ("@c", code), ("@h", slot), ("@p", SampleData.Professors[0].Code));
            }

            foreach (var (student, _) in SampleData.Students.Where(student => SampleData.IsEnrolled(student.Code, code)))
            {
                for (var enrolmentYear = year; enrolmentYear <= year + 1; enrolmentYear++)
                {
                    for (var semester = 1; semester <= 2; semester++)
                    {
                        await Execute(connection, "INSERT INTO MATRICULA (ALUNO_CODIGO, CADEIRA_CODIGO, CURSO_CODIGO, MA_ANO, MA_SEMESTRE) VALUES (@a, @c, @u, @y, @s)",
                            ("@a", student), ("@c", code), ("@u", courseNumber), ("@y", enrolmentYear), ("@s", semester));
                    }
                }
            }
        }
    }

    /// <summary>Our own database for a server whose lookups read the original's: migrated, holding only the demo terminal.</summary>
    public static async Task CreateOwnAsync(string provider, string connectionString)
    {
        await using var database = new LookupDatabase(new DatabaseOptions { Provider = provider, ConnectionString = connectionString });
        await SchemaMigrator.MigrateAsync(database, CancellationToken.None);
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await Execute(connection, "INSERT INTO terminals (id, key_hex, description) VALUES (@id, @key, 'test')", ("@id", TestData.TerminalId), ("@key", TestData.TerminalKeyHex));
    }

    /// <summary>The server settings (without "--Lookup:") that read the original's database through the shipped mapping.</summary>
    public static string[] Settings(string provider, string connectionString) =>
        ["Mapping:File=" + MappingFile, "Mapping:Database:Provider=" + provider, "Mapping:Database:ConnectionString=" + connectionString];

    private static TimeOnly Time(string text) => TimeOnly.ParseExact(text, "HH:mm", CultureInfo.InvariantCulture);

    private static async Task Execute(DbConnection connection, string text, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = text;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        await command.ExecuteNonQueryAsync();
    }
}
