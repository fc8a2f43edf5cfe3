using System.Data.Common;
using Attendance.Core.Security;
using Attendance.LookupServer.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Attendance.LookupServer.Tests;

/// <summary>
/// Rolls to upload in tests: the CHAMADA, PRESENCA and FIMCHAMADA lines of docs/protocol.md ("Uploading a roll"),
/// with the verification code computed for the given key (its computation is checked on its own against Python's
/// hmac in RollVerificationCodeTests).
/// </summary>
public static class RollUploads
{
    /// <summary>A roll of the demo terminal in November 2026 (semester 2), class C101 (course ENG), late after 08:30.</summary>
    public static RollContent Sample(string rollId, params (string Code, string Swipe)[] presences) =>
        Roll(TestData.TerminalId, rollId, "P1001", "C101", "20261123T081500Z", "20261123T095000Z", "20261123T083000Z", false, presences);

    public static RollContent Roll(string terminalId, string rollId, string professor, string classCode, string opened, string closed,
        string? lateAfter, bool automatic, params (string Code, string Swipe)[] presences) =>
        new(terminalId, rollId, professor, classCode, Time(opened), Time(closed), lateAfter == null ? null : Time(lateAfter), automatic,
            presences.Select(presence => new RollContent.Swipe(presence.Code, Time(presence.Swipe))).ToArray());

    public static long Time(string text) => UploadTime.Parse(text) ?? throw new ArgumentException("not an upload time: " + text);

    /// <summary>The upload's lines, FIMCHAMADA carrying the code under <paramref name="keyHex"/> (grouped, as the e-mail prints it).</summary>
    public static string[] Lines(RollContent roll) => LinesUnderKey(roll, TestData.TerminalKeyHex);

    public static string[] LinesUnderKey(RollContent roll, string keyHex) =>
        LinesWithCode(roll, RollVerificationCode.Grouped(RollVerificationCode.Compute(HexText.ToBytes(keyHex), roll)));

    public static string[] LinesWithCode(RollContent roll, string code)
    {
        var lines = new List<string>
        {
            string.Join('|', "CHAMADA", roll.RollId, roll.ProfessorCode, roll.ClassCode, UploadTime.Text(roll.OpenedUtc), UploadTime.Text(roll.ClosedUtc),
                roll.LateAfterUtc == null ? "" : UploadTime.Text(roll.LateAfterUtc.Value), roll.ClosedAutomatically ? "1" : "0", roll.Presences.Count.ToString()),
        };
        lines.AddRange(roll.Presences.Select(presence => "PRESENCA|" + presence.StudentCode + "|" + UploadTime.Text(presence.FirstSwipeUtc)));
        lines.Add("FIMCHAMADA|" + roll.RollId + "|" + code);
        return lines.ToArray();
    }

    /// <summary>The answers a fully taken upload gets: OK per line, then CHAMADAGUARDADA.</summary>
    public static string[] StoredAnswers(RollContent roll) =>
        Enumerable.Repeat("OK", roll.Presences.Count + 1).Append("CHAMADAGUARDADA|" + roll.RollId).ToArray();

    public static string NewRollId() => "T01-20261123T081500Z-" + Guid.NewGuid().ToString("N")[..8];

    public static async Task<DbConnection> OpenAsync(string provider, string connectionString)
    {
        DbConnection connection = provider == Servers.Sqlite ? new SqliteConnection(connectionString)
            : provider == Servers.MariaDb ? new MySqlConnector.MySqlConnection(connectionString) : new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    public static async Task<long> ScalarAsync(string provider, string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync(provider, connectionString);
        await using var command = Command(connection, sql, parameters);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    /// <summary>Runs a statement; returns the rows it changed.</summary>
    public static async Task<int> ExecuteAsync(string provider, string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync(provider, connectionString);
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    public static DbCommand Command(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    public static Task<long> CountRollsAsync(string provider, string connectionString, string rollId) =>
        ScalarAsync(provider, connectionString, "SELECT COUNT(*) FROM rolls WHERE roll_id = @id", ("@id", rollId));
}
