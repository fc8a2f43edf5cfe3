using System.Globalization;
using Attendance.Core.Health;
using Attendance.Core.Lookup;
using Attendance.LookupServer.Storage;
using Attendance.Portal.Data;

namespace Attendance.LookupServer.Protocol;

/// <summary>
/// The heartbeat's lines (docs/protocol.md, "Terminal health"): SAUDELOG and SAUDEFALHA are kept on the session,
/// SAUDE stores them with the report and answers the terminal's pending requests (PEDIDOS), PEDIDOFEITO records an
/// acknowledgement. Only an authenticated terminal reports (the report is filed under it). Every text field must be
/// printable ASCII within the protocol's lengths, which the terminal's HealthText guarantees: anything else is a
/// client that does not follow the protocol and gets a field error, never a stored row.
/// </summary>
public sealed class HealthRequestHandler(ITerminalHealthStore store, LookupMetrics? metrics = null)
{
    public const string UnknownRequest = "pedido desconhecido";

    private static readonly string[] RollStates = [HealthReport.RollClosed, HealthReport.RollOpen, HealthReport.RollClosing];

    public async Task<string> AnswerAsync(LookupSession session, string command, string[] fields, CancellationToken cancellationToken)
    {
        if (session.TerminalId == null)
        {
            session.HealthLog.Clear();
            session.HealthFailedRolls.Clear();
            return LookupRequestHandler.ErrorLine(session.AuthenticationUnavailable ? LookupProtocol.ServerUnavailable : RollUploadProtocol.NotAuthenticated);
        }

        switch (command)
        {
            case HealthProtocol.LogLine:
            {
                // SAUDELOG|UTC|level|text
                DateTime? utc = null;
                if (fields[1].Length > 0)
                {
                    if (UploadTime.Parse(fields[1]) is not { } seconds)
                    {
                        return LookupRequestHandler.ErrorLine("hora invalida");
                    }

                    utc = UploadTime.ToDateTime(seconds);
                }

                if (fields[2] is not ("WRN" or "ERR"))
                {
                    return FieldError(2);
                }

                if (!Printable(fields[3], HealthProtocol.MaximumLogText, mayBeEmpty: true))
                {
                    return FieldError(3);
                }

                if (session.HealthLog.Count < HealthProtocol.MaximumLogLines)
                {
                    session.HealthLog.Add(new HealthLogLine(utc, fields[2], fields[3]));
                }

                return LookupProtocol.Ok;
            }

            case HealthProtocol.FailedRoll:
            {
                // SAUDEFALHA|roll id|reason
                if (!Printable(fields[1], HealthProtocol.MaximumRollId, mayBeEmpty: false))
                {
                    return FieldError(1);
                }

                if (!Printable(fields[2], HealthProtocol.MaximumFailureText, mayBeEmpty: true))
                {
                    return FieldError(2);
                }

                if (session.HealthFailedRolls.Count < HealthProtocol.MaximumFailedRolls)
                {
                    session.HealthFailedRolls.Add(new FailedRoll(fields[1], fields[2]));
                }

                return LookupProtocol.Ok;
            }

            case HealthProtocol.Report:
                return await ReportAsync(session, fields, cancellationToken);

            default:
            {
                // PEDIDOFEITO|id|outcome
                if (!long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id) || fields[1].Length > HealthProtocol.MaximumRequestId)
                {
                    return FieldError(1);
                }

                if (!Printable(fields[2], HealthProtocol.MaximumShortText, mayBeEmpty: false))
                {
                    return FieldError(2);
                }

                return await store.AcknowledgeAsync(session.TerminalId, id, fields[2], cancellationToken)
                    ? LookupProtocol.Ok
                    : LookupRequestHandler.ErrorLine(UnknownRequest);
            }
        }
    }

    private async Task<string> ReportAsync(LookupSession session, string[] fields, CancellationToken cancellationToken)
    {
        // SAUDE|firmware|board|uptime|free|ip|wifi|roll|pending|retrying|failed|uploads|clock|skew|rejected|interval
        var log = session.HealthLog.ToList();
        var failed = session.HealthFailedRolls.ToList();
        session.HealthLog.Clear();
        session.HealthFailedRolls.Clear();
        int[] shortText = [1, 2, 12];
        foreach (var index in shortText)
        {
            if (!Printable(fields[index], HealthProtocol.MaximumShortText, mayBeEmpty: true))
            {
                return FieldError(index);
            }
        }

        if (!Printable(fields[5], 45, mayBeEmpty: true))
        {
            return FieldError(5);
        }

        if (!Printable(fields[14], HealthProtocol.MaximumReasonText, mayBeEmpty: true))
        {
            return FieldError(14);
        }

        if (!Number(fields[3], 0, long.MaxValue / 2, false, out var uptime))
        {
            return FieldError(3);
        }

        if (!Number(fields[4], 0, long.MaxValue / 2, true, out var free))
        {
            return FieldError(4);
        }

        if (!Number(fields[6], -200, 0, true, out var wifi))
        {
            return FieldError(6);
        }

        if (!RollStates.Contains(fields[7]))
        {
            return FieldError(7);
        }

        var counts = new int[4];
        for (var i = 0; i < 4; i++)
        {
            if (!Number(fields[8 + i], 0, 1_000_000, false, out var count))
            {
                return FieldError(8 + i);
            }

            counts[i] = (int)count!.Value;
        }

        if (!Number(fields[13], -1_000_000_000, 1_000_000_000, true, out var skew))
        {
            return FieldError(13);
        }

        if (!Number(fields[15], 0, 86_400, false, out var interval))
        {
            return FieldError(15);
        }

        var report = new HealthReportContent(fields[1], fields[2], uptime!.Value, free, fields[5], (int?)wifi, fields[7],
            counts[0], counts[1], counts[2], counts[3], fields[12], (int?)skew, fields[14], (int)interval!.Value, log, failed);
        var requests = await store.RecordHeartbeatAsync(session.TerminalId!, report, cancellationToken);
        metrics?.HeartbeatReceived(session.TerminalId!, report.IntervalSeconds);
        var answer = new List<string>(1 + requests.Count * 3) { HealthProtocol.Requests };
        foreach (var request in requests)
        {
            answer.Add(request.Id.ToString(CultureInfo.InvariantCulture));
            answer.Add(request.Kind);
            answer.Add(request.Argument);
        }

        return LookupFieldCodec.Join(answer.ToArray());
    }

    private static string FieldError(int index) => LookupRequestHandler.ErrorLine("campo " + index + " invalido");

    /// <summary>Printable ASCII (space to '~') of at most <paramref name="maximum"/> characters.</summary>
    private static bool Printable(string value, int maximum, bool mayBeEmpty) =>
        (mayBeEmpty || value.Length > 0) && value.Length <= maximum && value.All(c => c is >= ' ' and <= '~');

    private static bool Number(string text, long minimum, long maximum, bool mayBeEmpty, out long? value)
    {
        value = null;
        if (text.Length == 0)
        {
            return mayBeEmpty;
        }

        if (text.Length > 19 || !long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)
            || parsed < minimum || parsed > maximum)
        {
            return false;
        }

        value = parsed;
        return true;
    }
}
