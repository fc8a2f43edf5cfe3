using System.Buffers;
using Attendance.Core.Lookup;
using Attendance.Core.Security;
using Attendance.LookupServer.Storage;
using Microsoft.Extensions.Logging;

namespace Attendance.LookupServer.Protocol;

/// <summary>
/// Answers one request line with one answer line (docs/protocol.md). Parsing and formatting are Core's
/// (<see cref="LookupFieldCodec"/>), shared with the board. Never throws for bad input: it answers ERRO.
/// </summary>
public sealed class LookupRequestHandler
{
    /// <summary>Longest code (professor, student, class, course, terminal) accepted in a request.</summary>
    public const int MaximumCodeLength = DataRules.MaximumCodeLength;

    /// <summary>
    /// The reason answered when a stored code or address breaks the data rules (a row written by direct SQL): the
    /// terminal keeps the roll and retries rather than mailing it with a wrong code or to a wrong address.
    /// </summary>
    public const string InvalidDataReason = "dado invalido";

    /// <summary>
    /// The reason of the error answered when the database could not answer even after retries (out of connections,
    /// down, timing out): the request may succeed later, and the terminal treats it as passing trouble.
    /// </summary>
    public const string ServerUnavailable = LookupProtocol.ServerUnavailable;

    /// <summary>The characters LookupFieldCodec escapes inside a value.</summary>
    private static readonly SearchValues<char> EscapedCharacters = SearchValues.Create("\\|\r\n");

    private readonly ILookupStore _store;
    private readonly ILogger _logger;

    public LookupRequestHandler(ILookupStore store, ILogger logger)
    {
        _store = store;
        _logger = logger;
    }

    public static string ErrorLine(string reason) => LookupFieldCodec.Join(new[] { LookupProtocol.Error, reason });

    /// <summary>Returns the answer line (without line end) for one request line.</summary>
    public async Task<string> AnswerAsync(LookupSession session, string line, CancellationToken cancellationToken)
    {
        var fields = LookupFieldCodec.Split(line);
        if (fields == null)
        {
            RequestLog.Malformed(_logger, session.LogName);
            return ErrorLine("linha malformada");
        }

        var command = fields[0];
        var expected = LookupProtocol.ArgumentCount(command);
        if (expected < 0)
        {
            RequestLog.UnknownCommand(_logger, session.LogName);
            return ErrorLine("comando desconhecido");
        }

        // Per request at Debug only; the connection's summary line (LookupConnection) is at Information.
        RequestLog.Request(_logger, command, session.LogName);
        if (fields.Length - 1 != expected)
        {
            return ErrorLine(expected == 1 ? "esperado 1 campo" : "esperados " + expected + " campos");
        }

        if (command == LookupProtocol.Authenticate)
        {
            return await AuthenticateAsync(session, fields[1], fields[2], cancellationToken);
        }

        if (!session.MayAskPersonalData)
        {
            // Queries pipelined behind an AUTENTICAR that the database could not check share its passing error:
            // "nao autenticado" would read as a refused key.
            return ErrorLine(session.AuthenticationUnavailable ? ServerUnavailable : "nao autenticado");
        }

        if (_logger.IsEnabled(LogLevel.Debug))
        {
            RequestLog.Arguments(_logger, command, string.Join("|", fields, 1, fields.Length - 1));
        }

        try
        {
            var answer = await AnswerQueryAsync(session, command, fields, cancellationToken);
            RequestLog.Answer(_logger, command, answer);
            return answer;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            RequestLog.DatabaseFailed(_logger, exception, command, session.LogName);
            return ErrorLine(exception is DatabaseUnavailableException ? ServerUnavailable : "falha interna");
        }
    }

    private async Task<string> AnswerQueryAsync(LookupSession session, string command, string[] fields, CancellationToken cancellationToken)
    {
        for (var i = 1; i < fields.Length; i++)
        {
            if (fields[i].Length == 0 || fields[i].Length > MaximumCodeLength)
            {
                return ErrorLine("campo " + i + " vazio ou longo demais");
            }
        }

        switch (command)
        {
            case LookupProtocol.IsProfessor:
                return CheckedLine(command, ValueKind.Email, await _store.FindProfessorEmailAsync(fields[1], cancellationToken), LookupProtocol.NotProfessor);
            case LookupProtocol.ProfessorName:
                return NameLine(command, await _store.FindProfessorNameAsync(fields[1], cancellationToken), LookupProtocol.NotProfessor);
            case LookupProtocol.StudentName:
            {
                // Read ahead with the other NOMEALUNO lines of the same read when PrefetchAsync ran.
                var prefetched = session.Prefetched;
                var name = prefetched != null && prefetched.TryGetName(fields[1], out var fetched)
                    ? fetched
                    : await _store.FindStudentNameAsync(fields[1], cancellationToken);
                return NameLine(command, name, LookupProtocol.NotStudent);
            }

            case LookupProtocol.CourseOfClass:
                return CheckedLine(command, ValueKind.Code, await _store.FindCourseOfClassAsync(fields[1], cancellationToken), LookupProtocol.NotClass);
            case LookupProtocol.CourseName:
                return NameLine(command, await _store.FindCourseNameAsync(fields[1], cancellationToken), LookupProtocol.NotCourse);
            case LookupProtocol.ClassName:
                return NameLine(command, await _store.FindClassNameAsync(fields[1], cancellationToken), LookupProtocol.NotClass);
            case LookupProtocol.ClassAtTime:
            {
                // CODIGOCADEIRA|HH:MM|weekday|professor
                var time = fields[1];
                var weekday = LookupTime.ParseNumber(fields[2], 1);
                if (LookupTime.ParseMinuteOfDay(time) < 0)
                {
                    return ErrorLine("hora invalida");
                }

                if (weekday < 1 || weekday > 7)
                {
                    return ErrorLine("dia da semana invalido");
                }

                return CheckedLine(command, ValueKind.Code, await _store.FindClassAtAsync(fields[3], weekday, time, cancellationToken), LookupProtocol.NoClassScheduled);
            }

            case LookupProtocol.ClassStart:
            {
                // INICIOCADEIRA|class|weekday|HH:MM
                var weekday = LookupTime.ParseNumber(fields[2], 1);
                if (weekday < 1 || weekday > 7)
                {
                    return ErrorLine("dia da semana invalido");
                }

                if (LookupTime.ParseMinuteOfDay(fields[3]) < 0)
                {
                    return ErrorLine("hora invalida");
                }

                var start = await _store.FindClassStartAsync(fields[1], weekday, fields[3], cancellationToken);
                if (start != null && LookupTime.ParseMinuteOfDay(start) < 0)
                {
                    // schedule_slots.start_time is checked by the import; a row from elsewhere may not be HH:MM.
                    DataRuleLog.ValueRefused(_logger, command, "'" + start + "' is not HH:MM");
                    return ErrorLine(InvalidDataReason);
                }

                return AnswerLine(start, LookupProtocol.NoClassScheduled);
            }

            case LookupProtocol.IsEnrolled:
            {
                // MATRICULADO|student|class|course|year|month
                var invalid = EnrolmentGroupOf(fields, out var group);
                if (invalid != null)
                {
                    return ErrorLine(invalid);
                }

                var prefetched = session.Prefetched;
                var enrolled = prefetched != null && prefetched.TryGetEnrolled(fields[1], group, out var fetched)
                    ? fetched
                    : await _store.IsEnrolledAsync(fields[1], fields[2], fields[3], group.Year, group.Semester, cancellationToken);
                return enrolled ? LookupProtocol.Enrolled : LookupProtocol.NotEnrolled;
            }

            default:
                return ErrorLine("comando desconhecido");
        }
    }

    /// <summary>
    /// The class, course, year and semester a MATRICULADO line (MATRICULADO|student|class|course|year|month) asks
    /// about; returns the error reason when its year or month is not one, else null. One reading for the answer and
    /// for the read-ahead, so both group a line alike.
    /// </summary>
    private static string? EnrolmentGroupOf(string[] fields, out PrefetchedAnswers.EnrolmentGroup group)
    {
        group = default;
        var year = LookupTime.ParseNumber(fields[4], 4);
        var month = LookupTime.ParseNumber(fields[5], 2);
        if (year < 1900)
        {
            return "ano invalido";
        }

        if (month < 1 || month > 12)
        {
            return "mes invalido";
        }

        group = new PrefetchedAnswers.EnrolmentGroup(fields[2], fields[3], year, SemesterOfMonth(month));
        return null;
    }

    /// <summary>
    /// Reads ahead, in one store call per kind, the answers that the NOMEALUNO lines and the MATRICULADO lines
    /// (grouped by class, course, year and semester) of <paramref name="lines"/> from <paramref name="start"/> on
    /// will need, and keeps them in <see cref="LookupSession.Prefetched"/> for <see cref="AnswerAsync"/>; null
    /// entries (lines too long) are skipped. Only for a session that may ask now: the caller calls it once the
    /// AUTENTICAR in front of these lines succeeded. Lines that <see cref="AnswerAsync"/> will refuse (malformed,
    /// wrong field count or size, bad year or month) are left out, and a kind asked by one line only is left to that
    /// line. A failing batch is kept as the failure of each line it covers; cancellation is thrown.
    /// </summary>
    public async Task PrefetchAsync(LookupSession session, IReadOnlyList<string?> lines, int start, CancellationToken cancellationToken)
    {
        session.Prefetched = null;
        if (!session.MayAskPersonalData)
        {
            return;
        }

        var names = new List<string>();
        var enrolments = new Dictionary<PrefetchedAnswers.EnrolmentGroup, List<string>>();
        for (var i = start; i < lines.Count; i++)
        {
            var line = lines[i];
            var fields = line == null ? null : LookupFieldCodec.Split(line);
            if (fields == null || !HasValidCodes(fields))
            {
                continue;
            }

            if (fields[0] == LookupProtocol.StudentName && fields.Length == 2)
            {
                names.Add(fields[1]);
            }
            else if (fields[0] == LookupProtocol.IsEnrolled && fields.Length == 6)
            {
                if (EnrolmentGroupOf(fields, out var group) == null)
                {
                    if (!enrolments.TryGetValue(group, out var codes))
                    {
                        enrolments[group] = codes = new List<string>();
                    }

                    codes.Add(fields[1]);
                }
            }
        }

        var prefetched = new PrefetchedAnswers();
        var any = false;
        if (names.Count > 1)
        {
            any = true;
            try
            {
                prefetched.AddNames(names, await _store.FindStudentNamesAsync(names, cancellationToken), null);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                prefetched.AddNames(names, null, exception);
            }
        }

        foreach (var (group, codes) in enrolments)
        {
            if (codes.Count < 2)
            {
                continue;
            }

            any = true;
            try
            {
                prefetched.AddEnrolments(group, codes, await _store.FindEnrolledStudentsAsync(codes, group.ClassCode, group.CourseCode, group.Year, group.Semester, cancellationToken), null);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                prefetched.AddEnrolments(group, codes, null, exception);
            }
        }

        session.Prefetched = any ? prefetched : null;
    }

    /// <summary>The check AnswerQueryAsync makes first: every argument is present and not too long.</summary>
    private static bool HasValidCodes(string[] fields)
    {
        for (var i = 1; i < fields.Length; i++)
        {
            if (fields[i].Length == 0 || fields[i].Length > MaximumCodeLength)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>January-June is the first semester, July-December the second (docs/protocol.md).</summary>
    public static int SemesterOfMonth(int month) => month <= 6 ? 1 : 2;

    private async Task<string> AuthenticateAsync(LookupSession session, string terminalId, string proof, CancellationToken cancellationToken)
    {
        if (session.Nonce == null)
        {
            return ErrorLine("sem desafio em modo aberto");
        }

        if (terminalId.Length == 0 || terminalId.Length > MaximumCodeLength)
        {
            session.TerminalId = null;
            session.RefusedTerminalId = terminalId.Length == 0 ? "(empty)" : terminalId[..MaximumCodeLength] + "...";
            return ErrorLine("terminal invalido");
        }

        string? keyHex;
        session.AuthenticationUnavailable = false;
        try
        {
            keyHex = await _store.FindTerminalKeyHexAsync(terminalId, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Not a refusal: the key could not be checked. The terminal retries later (LookupFailure.Unreachable);
            // an earlier success on this connection no longer counts.
            _logger.LogError(exception, "Terminal key lookup failed for terminal {TerminalId}", terminalId);
            session.TerminalId = null;
            session.AuthenticationUnavailable = true;
            return ErrorLine(exception is DatabaseUnavailableException ? ServerUnavailable : "falha interna");
        }

        var key = keyHex == null ? null : HexText.ToBytes(keyHex);

        // The same answer for an unknown terminal and a wrong proof, so the answer does not tell which ids exist.
        if (key == null || !LookupAuthentication.IsValidProof(key, session.Nonce, terminalId, proof))
        {
            // A failed attempt also ends an earlier success: the connection is no longer vouched for.
            // It ends the connection; the connection logs it with the client's address, rate-limited.
            session.TerminalId = null;
            session.RefusedTerminalId = terminalId;
            return ErrorLine("autenticacao recusada");
        }

        session.TerminalId = terminalId;
        _logger.LogInformation("Terminal {TerminalId} authenticated", terminalId);
        return LookupProtocol.Ok;
    }

    /// <summary>A name answer; a stored name breaking the data rules is answered repaired (DataRules.RepairName).</summary>
    private string NameLine(string command, string? name, string notFound)
    {
        if (name != null)
        {
            var repaired = DataRules.RepairName(name);
            if (repaired != null)
            {
                DataRuleLog.NameRepaired(_logger, command, DataRules.Check(ValueKind.Name, name) ?? "breaks the rules");
                name = repaired;
            }
        }

        return AnswerLine(name, notFound);
    }

    /// <summary>
    /// A code or address answer; one breaking the data rules is answered ERRO|dado invalido, never cut or
    /// altered, since a changed code or address would file or mail the roll wrongly.
    /// </summary>
    private string CheckedLine(string command, ValueKind kind, string? value, string notFound)
    {
        if (value != null)
        {
            var problem = DataRules.Check(kind, value);
            if (problem != null)
            {
                DataRuleLog.ValueRefused(_logger, command, problem);
                return ErrorLine(InvalidDataReason);
            }
        }

        return AnswerLine(value, notFound);
    }

    /// <summary>
    /// The value as an answer line. Most values need no escape (LookupFieldCodec): they are returned as they
    /// are, the same text as <c>LookupFieldCodec.Join</c> makes, without its array and builder per answer.
    /// </summary>
    public static string AnswerLine(string? value, string notFound) =>
        value == null ? notFound
        : value.AsSpan().IndexOfAny(EscapedCharacters) < 0 ? value
        : LookupFieldCodec.Join(new[] { value });
}
