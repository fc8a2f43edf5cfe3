using System.Data.Common;
using System.Text;
using Attendance.LookupServer;
using Attendance.LookupServer.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Attendance.Bench.Burst;

/// <summary>
/// The burst's data, written through the server's own schema migration and then plain SQL (no demo data): one
/// professor teaching one class every hour of every day, a pool of students (two thirds enrolled, accented
/// names) and one terminal key per simulated terminal, so every terminal authenticates with its own HMAC key.
/// </summary>
public static class BurstData
{
    public const string Professor = "PB001";
    public const string ClassCode = "CB001";
    public const string Course = "KB001";
    public const int StudentPool = 6000;

    public static string TerminalId(int index) => "B" + index.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

    public static byte[] TerminalKey(int index) => Encoding.UTF8.GetBytes("burst-terminal-key-" + index.ToString("D4", System.Globalization.CultureInfo.InvariantCulture));

    public static string StudentCode(int index) => "S" + (index % StudentPool).ToString("D5", System.Globalization.CultureInfo.InvariantCulture);

    public static bool IsEnrolled(int index) => index % StudentPool % 3 != 2;

    public static async Task CreateAsync(string provider, string connectionString, int terminals)
    {
        var builder = LookupServerApp.CreateBuilder([
            "--Lookup:Database:Provider=" + provider, "--Lookup:Database:ConnectionString=" + connectionString,
            "--Lookup:Database:SampleData=false",
        ]);
        builder.Logging.ClearProviders();
        using var host = builder.Build();
        await LookupServerApp.PrepareDatabaseAsync(host.Services, CancellationToken.None);
        var database = host.Services.GetRequiredService<LookupDatabase>();
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        var year = DateTime.UtcNow.Year;
        await ExecuteAsync("INSERT INTO professors (code, name, email) VALUES (@a, @b, @c)", Professor, "Conceição Araújo", "burst.professor@example.edu");
        await ExecuteAsync("INSERT INTO courses (code, name) VALUES (@a, @b)", Course, "Engenharia Informática");
        await ExecuteAsync("INSERT INTO classes (code, name, course_code) VALUES (@a, @b, @c)", ClassCode, "Cálculo I", Course);
        for (var weekday = 1; weekday <= 7; weekday++)
        {
            await ExecuteAsync("INSERT INTO schedule_slots (id, weekday, start_time, end_time) VALUES (@a, @b, @c, @d)", weekday, weekday, "00:00", "24:00");
            await ExecuteAsync("INSERT INTO teaching (professor_code, class_code, slot_id) VALUES (@a, @b, @c)", Professor, ClassCode, weekday);
        }

        for (var i = 0; i < StudentPool; i++)
        {
            await ExecuteAsync("INSERT INTO students (code, name) VALUES (@a, @b)", StudentCode(i), "Estudante Conceição Müller Ñandú " + i);
            if (!IsEnrolled(i))
            {
                continue;
            }

            for (var enrolmentYear = year; enrolmentYear <= year + 1; enrolmentYear++)
            {
                for (var semester = 1; semester <= 2; semester++)
                {
                    await ExecuteAsync("INSERT INTO enrolments (student_code, class_code, course_code, year, semester) VALUES (@a, @b, @c, @d, @e)",
                        StudentCode(i), ClassCode, Course, enrolmentYear, semester);
                }
            }
        }

        for (var t = 0; t < terminals; t++)
        {
            await ExecuteAsync("INSERT INTO terminals (id, key_hex, description) VALUES (@a, @b, @c)", TerminalId(t), Convert.ToHexString(TerminalKey(t)).ToLowerInvariant(), "burst bench");
        }

        await transaction.CommitAsync();

        async Task ExecuteAsync(string text, params object[] values)
        {
            await using DbCommand command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = text;
            for (var i = 0; i < values.Length; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@" + (char)('a' + i);
                parameter.Value = values[i];
                command.Parameters.Add(parameter);
            }

            await command.ExecuteNonQueryAsync();
        }
    }
}
