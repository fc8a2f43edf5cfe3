using System.Data.Common;
using System.Globalization;
using System.Text;
using Attendance.Core.Health;
using Attendance.Portal.Data;
using Microsoft.Extensions.Logging;

namespace Attendance.LookupServer.Storage;

/// <summary>A request handed to a terminal in a heartbeat's answer: PEDIDOS|id|kind|argument.</summary>
public sealed record DeliveredRequest(long Id, string Kind, string Argument);

/// <summary>Where the heartbeat is stored and its requests taken (the lookup protocol's side of <see cref="ITerminalFleet"/>).</summary>
public interface ITerminalHealthStore
{
    /// <summary>
    /// Stores the report (pruning the terminal's history) and takes the requests to deliver in its answer: those not
    /// yet acknowledged, oldest first, at most <see cref="HealthProtocol.MaximumRequests"/>, marked delivered now.
    /// </summary>
    Task<IReadOnlyList<DeliveredRequest>> RecordHeartbeatAsync(string terminalId, HealthReportContent report, CancellationToken cancellationToken);

    /// <summary>Records the terminal's acknowledgement; false when the id is not one of that terminal's requests.</summary>
    Task<bool> AcknowledgeAsync(string terminalId, long requestId, string outcome, CancellationToken cancellationToken);
}

/// <summary>
/// <see cref="ITerminalFleet"/> and <see cref="ITerminalHealthStore"/> over migration 7's tables, on SQLite and
/// PostgreSQL with the same parameterised SQL. Times come from the injected <see cref="TimeProvider"/> (tests move
/// it). A request is delivered in every heartbeat's answer until acknowledged, so a lost answer or acknowledgement
/// only delays it; the terminal carries each id out once (Core's HealthRequests).
/// </summary>
public sealed class SqlTerminalFleet : ITerminalFleet, ITerminalHealthStore
{
    /// <summary>Reports kept per terminal (the newest): a day of heartbeats at the default 5-minute interval.</summary>
    public const int HistoryPerTerminal = 288;

    private const string ReportColumns = "received_utc, firmware, board, uptime_seconds, free_memory_bytes, ip_address, wifi_signal_dbm, roll_state, "
        + "outbox_pending, outbox_retrying, outbox_failed, uploads_pending, clock_source, clock_skew_seconds, settings_rejected, interval_seconds, "
        + "log_lines, failed_rolls";

    private readonly LookupDatabase _database;
    private readonly TimeProvider _time;
    private readonly ILogger? _logger;

    public SqlTerminalFleet(LookupDatabase database, TimeProvider time, ILogger<SqlTerminalFleet>? logger = null)
    {
        _database = database;
        _time = time;
        _logger = logger;
    }

    public static string KindName(TerminalRequestKind kind) => kind == TerminalRequestKind.ResendMail ? "resend" : "reload";

    public static string ProtocolKind(string storedKind) => storedKind == "resend" ? HealthProtocol.ResendMail : HealthProtocol.ReloadSettings;

    public Task<IReadOnlyList<DeliveredRequest>> RecordHeartbeatAsync(string terminalId, HealthReportContent report, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<DeliveredRequest>>(async (connection, token) =>
        {
            var now = Now();
            await using var transaction = await connection.BeginTransactionAsync(token);
            await Sql.ExecuteAsync(connection, transaction,
                "INSERT INTO terminal_health (terminal_id, " + ReportColumns + ") VALUES (@terminal, @received, @firmware, @board, @uptime, @free, @ip, @wifi, "
                + "@roll, @pending, @retrying, @failed, @uploads, @clock, @skew, @rejected, @interval, @log, @failedRolls)",
                token,
                ("@terminal", terminalId), ("@received", now), ("@firmware", report.Firmware), ("@board", report.Board), ("@uptime", report.UptimeSeconds),
                ("@free", (object?)report.FreeMemoryBytes ?? DBNull.Value), ("@ip", report.IpAddress), ("@wifi", (object?)report.WifiSignalDbm ?? DBNull.Value),
                ("@roll", report.RollState), ("@pending", report.OutboxPending), ("@retrying", report.OutboxRetrying), ("@failed", report.OutboxFailed),
                ("@uploads", report.UploadsPending), ("@clock", report.ClockSource), ("@skew", (object?)report.ClockSkewSeconds ?? DBNull.Value),
                ("@rejected", report.SettingsRejected), ("@interval", report.IntervalSeconds), ("@log", JoinLog(report.LogLines)),
                ("@failedRolls", JoinFailed(report.FailedRolls)));
            // The history stays bounded whatever the interval: everything older than the newest N of this terminal goes.
            // In two statements, the oldest report to keep and then the delete, because MariaDB refuses both a LIMIT
            // in an IN subquery and a subquery on the table a DELETE writes.
            long? oldestKeptReceived = null;
            long oldestKeptKey = 0;
            await using (var oldest = Sql.Command(connection,
                "SELECT received_utc, report_key FROM terminal_health WHERE terminal_id = @terminal "
                + "ORDER BY received_utc DESC, report_key DESC LIMIT 1 OFFSET @skip", transaction, ("@terminal", terminalId), ("@skip", HistoryPerTerminal - 1)))
            await using (var reader = await oldest.ExecuteReaderAsync(token))
            {
                if (await reader.ReadAsync(token))
                {
                    oldestKeptReceived = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
                    oldestKeptKey = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
                }
            }

            if (oldestKeptReceived != null)
            {
                await Sql.ExecuteAsync(connection, transaction,
                    "DELETE FROM terminal_health WHERE terminal_id = @terminal AND (received_utc < @received "
                    + "OR (received_utc = @received AND report_key < @key))",
                    token, ("@terminal", terminalId), ("@received", oldestKeptReceived.Value), ("@key", oldestKeptKey));
            }

            var requests = new List<DeliveredRequest>();
            await using (var command = Sql.Command(connection,
                "SELECT request_key, kind, argument FROM terminal_requests WHERE terminal_id = @terminal AND acknowledged_utc IS NULL "
                + "ORDER BY request_key LIMIT @limit", transaction, ("@terminal", terminalId), ("@limit", HealthProtocol.MaximumRequests)))
            await using (var reader = await command.ExecuteReaderAsync(token))
            {
                while (await reader.ReadAsync(token))
                {
                    requests.Add(new DeliveredRequest(reader.GetInt64(0), ProtocolKind(reader.GetString(1)), reader.GetString(2)));
                }
            }

            foreach (var request in requests)
            {
                await Sql.ExecuteAsync(connection, transaction,
                    "UPDATE terminal_requests SET delivered_utc = @now, deliveries = deliveries + 1 WHERE request_key = @id",
                    token, ("@now", now), ("@id", request.Id));
            }

            await transaction.CommitAsync(token);
            return requests;
        }, cancellationToken);

    public Task<bool> AcknowledgeAsync(string terminalId, long requestId, string outcome, CancellationToken cancellationToken) =>
        RunAsync(async (connection, token) =>
        {
            await using var command = Sql.Command(connection,
                "UPDATE terminal_requests SET acknowledged_utc = @now, outcome = @outcome WHERE request_key = @id AND terminal_id = @terminal "
                + "AND acknowledged_utc IS NULL", null, ("@now", Now()), ("@outcome", outcome), ("@id", requestId), ("@terminal", terminalId));
            if (await command.ExecuteNonQueryAsync(token) == 1)
            {
                return true;
            }

            // Acknowledged before (the terminal repeats an acknowledgement whose answer it did not get): still fine.
            var before = await Sql.ScalarTextAsync(connection, "SELECT request_key FROM terminal_requests WHERE request_key = @id AND terminal_id = @terminal",
                token, ("@id", requestId), ("@terminal", terminalId));
            return before != null;
        }, cancellationToken);

    public Task<IReadOnlyList<TerminalSummary>> ListTerminalsAsync(CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<TerminalSummary>>(async (connection, token) =>
        {
            var descriptions = new SortedDictionary<string, string?>(StringComparer.Ordinal);
            await using (var command = Sql.Command(connection, "SELECT id, description FROM terminals", null))
            await using (var reader = await command.ExecuteReaderAsync(token))
            {
                while (await reader.ReadAsync(token))
                {
                    descriptions[reader.GetString(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
                }
            }

            var latest = new Dictionary<string, HealthReportView>(StringComparer.Ordinal);
            await using (var command = Sql.Command(connection,
                "SELECT h.terminal_id, " + Prefixed("h") + " FROM terminal_health h WHERE h.report_key = "
                + "(SELECT MAX(x.report_key) FROM terminal_health x WHERE x.terminal_id = h.terminal_id)", null))
            await using (var reader = await command.ExecuteReaderAsync(token))
            {
                while (await reader.ReadAsync(token))
                {
                    var terminal = reader.GetString(0);
                    latest[terminal] = ReadReport(reader, 1);
                    descriptions.TryAdd(terminal, null);
                }
            }

            return descriptions.Select(pair => new TerminalSummary(pair.Key, pair.Value, latest.GetValueOrDefault(pair.Key))).ToList();
        }, cancellationToken);

    public Task<TerminalDetail?> GetTerminalAsync(string terminalId, CancellationToken cancellationToken) =>
        RunAsync(async (connection, token) =>
        {
            string? description = null;
            var known = false;
            await using (var command = Sql.Command(connection, "SELECT description FROM terminals WHERE id = @id", null, ("@id", terminalId)))
            await using (var reader = await command.ExecuteReaderAsync(token))
            {
                if (await reader.ReadAsync(token))
                {
                    known = true;
                    description = reader.IsDBNull(0) ? null : reader.GetString(0);
                }
            }

            var history = new List<HealthReportView>();
            await using (var command = Sql.Command(connection,
                "SELECT " + ReportColumns + " FROM terminal_health WHERE terminal_id = @id ORDER BY received_utc DESC, report_key DESC", null, ("@id", terminalId)))
            await using (var reader = await command.ExecuteReaderAsync(token))
            {
                while (await reader.ReadAsync(token))
                {
                    history.Add(ReadReport(reader, 0));
                }
            }

            if (!known && history.Count == 0)
            {
                return null;
            }

            var requests = new List<TerminalRequestView>();
            await using (var command = Sql.Command(connection,
                "SELECT request_key, kind, argument, requested_by, requested_utc, delivered_utc, acknowledged_utc, outcome FROM terminal_requests "
                + "WHERE terminal_id = @id ORDER BY request_key DESC LIMIT 50", null, ("@id", terminalId)))
            await using (var reader = await command.ExecuteReaderAsync(token))
            {
                while (await reader.ReadAsync(token))
                {
                    requests.Add(new TerminalRequestView(reader.GetInt64(0),
                        reader.GetString(1) == "resend" ? TerminalRequestKind.ResendMail : TerminalRequestKind.ReloadSettings,
                        reader.GetString(2), reader.GetString(3), UploadTime.ToDateTime(reader.GetInt64(4)), OptionalTime(reader, 5), OptionalTime(reader, 6),
                        reader.IsDBNull(7) ? null : reader.GetString(7)));
                }
            }

            return (TerminalDetail?)new TerminalDetail(new TerminalSummary(terminalId, description, history.FirstOrDefault()), history, requests);
        }, cancellationToken);

    public Task<long?> RequestAsync(string terminalId, TerminalRequestKind kind, string argument, string requestedBy, CancellationToken cancellationToken) =>
        RunAsync<long?>(async (connection, token) =>
        {
            await using var transaction = await connection.BeginTransactionAsync(token);
            var known = await ScalarAsync(connection, transaction, "SELECT COUNT(*) FROM terminals WHERE id = @id", token, ("@id", terminalId));
            if (known == 0)
            {
                return null;
            }

            var waiting = await ScalarAsync(connection, transaction,
                "SELECT MIN(request_key) FROM terminal_requests WHERE terminal_id = @id AND kind = @kind AND argument = @argument AND acknowledged_utc IS NULL",
                token, ("@id", terminalId), ("@kind", KindName(kind)), ("@argument", argument));
            if (waiting != null)
            {
                return waiting;
            }

            await Sql.ExecuteAsync(connection, transaction,
                "INSERT INTO terminal_requests (terminal_id, kind, argument, requested_by, requested_utc) VALUES (@id, @kind, @argument, @by, @now)",
                token, ("@id", terminalId), ("@kind", KindName(kind)), ("@argument", argument), ("@by", requestedBy), ("@now", Now()));
            var id = await ScalarAsync(connection, transaction, "SELECT MAX(request_key) FROM terminal_requests WHERE terminal_id = @id", token, ("@id", terminalId));
            await transaction.CommitAsync(token);
            return id;
        }, cancellationToken);

    private long Now() => _time.GetUtcNow().ToUnixTimeSeconds();

    private static async Task<long?> ScalarAsync(DbConnection connection, DbTransaction transaction, string text, CancellationToken token, params (string, object)[] parameters)
    {
        await using var command = Sql.Command(connection, text, transaction, parameters);
        var value = Sql.Text(await command.ExecuteScalarAsync(token));
        return value == null ? null : long.Parse(value, CultureInfo.InvariantCulture);
    }

    private static string Prefixed(string alias) => string.Join(", ", ReportColumns.Split(", ").Select(column => alias + "." + column));

    private static HealthReportView ReadReport(DbDataReader reader, int first)
    {
        int i = first;
        return new HealthReportView(UploadTime.ToDateTime(reader.GetInt64(i)), new HealthReportContent(
            Firmware: reader.GetString(i + 1),
            Board: reader.GetString(i + 2),
            UptimeSeconds: reader.GetInt64(i + 3),
            FreeMemoryBytes: reader.IsDBNull(i + 4) ? null : reader.GetInt64(i + 4),
            IpAddress: reader.GetString(i + 5),
            WifiSignalDbm: reader.IsDBNull(i + 6) ? null : reader.GetInt32(i + 6),
            RollState: reader.GetString(i + 7),
            OutboxPending: reader.GetInt32(i + 8),
            OutboxRetrying: reader.GetInt32(i + 9),
            OutboxFailed: reader.GetInt32(i + 10),
            UploadsPending: reader.GetInt32(i + 11),
            ClockSource: reader.GetString(i + 12),
            ClockSkewSeconds: reader.IsDBNull(i + 13) ? null : reader.GetInt32(i + 13),
            SettingsRejected: reader.GetString(i + 14),
            IntervalSeconds: reader.GetInt32(i + 15),
            LogLines: SplitLog(reader.GetString(i + 16)),
            FailedRolls: SplitFailed(reader.GetString(i + 17))));
    }

    private static DateTime? OptionalTime(DbDataReader reader, int index) => reader.IsDBNull(index) ? null : UploadTime.ToDateTime(reader.GetInt64(index));

    // The protocol handler admits printable ASCII only (no tab, no line break), so a tab and a line feed can split them.
    private static string JoinLog(IReadOnlyList<HealthLogLine> lines) =>
        string.Join("\n", lines.Select(line => (line.Utc is { } utc ? UploadTime.Text(UploadTime.ToSeconds(utc)) : "") + "\t" + line.Level + "\t" + line.Text));

    private static string JoinFailed(IReadOnlyList<FailedRoll> rolls) => string.Join("\n", rolls.Select(roll => roll.RollId + "\t" + roll.Reason));

    private static IReadOnlyList<HealthLogLine> SplitLog(string text) =>
        text.Length == 0 ? [] : text.Split('\n').Select(line => line.Split('\t', 3)).Where(parts => parts.Length == 3)
            .Select(parts => new HealthLogLine(UploadTime.Parse(parts[0]) is { } seconds ? UploadTime.ToDateTime(seconds) : null, parts[1], parts[2])).ToList();

    private static IReadOnlyList<FailedRoll> SplitFailed(string text) =>
        text.Length == 0 ? [] : text.Split('\n').Select(line => line.Split('\t', 2)).Where(parts => parts.Length == 2)
            .Select(parts => new FailedRoll(parts[0], parts[1])).ToList();

    private Task<T> RunAsync<T>(Func<DbConnection, CancellationToken, Task<T>> query, CancellationToken cancellationToken) =>
        _database.Retry.RunAsync(async token =>
        {
            await using var connection = await _database.OpenAsync(token);
            return await query(connection, token);
        }, _logger, cancellationToken);
}
