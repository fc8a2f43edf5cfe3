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
    /// <summary>
    /// Distinct students: set to terminals x students so that every roll has students of its own, as at a real
    /// end of the hour (a student is in one room at a time), and no answer is asked twice within the burst.
    /// </summary>
    public static int StudentPool = 60000;

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
        // The rolls open 50 minutes before now: their year is the enrolment year.
        var year = DateTime.UtcNow.AddMinutes(-50).Year;
        await ExecuteAsync("INSERT INTO professors (code, name, email) VALUES (@a, @b, @c)", Professor, "Conceição Araújo", "burst.professor@example.edu");
        await ExecuteAsync("INSERT INTO courses (code, name) VALUES (@a, @b)", Course, "Engenharia Informática");
        await ExecuteAsync("INSERT INTO classes (code, name, course_code) VALUES (@a, @b, @c)", ClassCode, "Cálculo I", Course);
        for (var weekday = 1; weekday <= 7; weekday++)
        {
            await ExecuteAsync("INSERT INTO schedule_slots (id, weekday, start_time, end_time) VALUES (@a, @b, @c, @d)", weekday, weekday, "00:00", "24:00");
            await ExecuteAsync("INSERT INTO teaching (professor_code, class_code, slot_id) VALUES (@a, @b, @c)", Professor, ClassCode, weekday);
        }

        // Many rows per statement: 100,000 single-row inserts would take minutes on PostgreSQL.
        var studentRows = new List<object[]>();
        var enrolmentRows = new List<object[]>();
        for (var i = 0; i < StudentPool; i++)
        {
            studentRows.Add([StudentCode(i), "Estudante Conceição Müller Ñandú " + i]);
            if (IsEnrolled(i))
            {
                for (var semester = 1; semester <= 2; semester++)
                {
                    enrolmentRows.Add([StudentCode(i), ClassCode, Course, year, semester]);
                }
            }
        }

        await InsertManyAsync("students (code, name)", studentRows);
        await InsertManyAsync("enrolments (student_code, class_code, course_code, year, semester)", enrolmentRows);
        for (var t = 0; t < terminals; t++)
        {
            await ExecuteAsync("INSERT INTO terminals (id, key_hex, description) VALUES (@a, @b, @c)", TerminalId(t), Convert.ToHexString(TerminalKey(t)).ToLowerInvariant(), "burst bench");
        }

        await transaction.CommitAsync();

        async Task InsertManyAsync(string table, List<object[]> rows)
        {
            const int RowsPerStatement = 500;
            for (var first = 0; first < rows.Count; first += RowsPerStatement)
            {
                await using DbCommand command = connection.CreateCommand();
                command.Transaction = transaction;
                var text = new StringBuilder("INSERT INTO " + table + " VALUES ");
                var end = Math.Min(first + RowsPerStatement, rows.Count);
                for (var r = first; r < end; r++)
                {
                    text.Append(r == first ? "(" : ", (");
                    for (var c = 0; c < rows[r].Length; c++)
                    {
                        var parameter = command.CreateParameter();
                        parameter.ParameterName = "@p" + r + "_" + c;
                        parameter.Value = rows[r][c];
                        command.Parameters.Add(parameter);
                        text.Append(c == 0 ? "" : ", ").Append(parameter.ParameterName);
                    }

                    text.Append(')');
                }

                command.CommandText = text.ToString();
                await command.ExecuteNonQueryAsync();
            }
        }

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
