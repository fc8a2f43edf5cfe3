using System.Buffers;
using Attendance.Core.Health;
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

    /// <summary>The settings key never sent over a connection without TLS (docs/protocol.md).</summary>
    public const string SecretOverTlsOnly = "smtp.password";

    private readonly ILookupStore _store;
    private readonly IRollStore? _rolls;
    private readonly ITerminalSettingsSource? _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly LookupMetrics? _metrics;
    private readonly HealthRequestHandler? _health;

    public LookupRequestHandler(ILookupStore store, ILogger logger)
        : this(store, null, logger)
    {
    }

    /// <summary>With <paramref name="rolls"/> null the server does not know the upload (answered as an unknown command).</summary>
    public LookupRequestHandler(ILookupStore store, IRollStore? rolls, ILogger logger)
        : this(store, rolls, null, null, TimeProvider.System, logger, null)
    {
    }

    /// <summary>
    /// With <paramref name="settings"/> null, HORA still gives the time, with settings version 0 and no lines;
    /// <paramref name="time"/> is the clock HORA reads (tests use a fake one). With <paramref name="health"/> null the
    /// server does not know the heartbeat (answered as an unknown command, as by an older server);
    /// <paramref name="metrics"/> null counts nothing.
    /// </summary>
    public LookupRequestHandler(ILookupStore store, IRollStore? rolls, ITerminalSettingsSource? settings, ITerminalHealthStore? health,
        TimeProvider time, ILogger logger, LookupMetrics? metrics)
    {
        _store = store;
        _rolls = rolls;
        _settings = settings;
        _time = time;
        _logger = logger;
        _metrics = metrics;
        _health = health == null ? null : new HealthRequestHandler(health, metrics);
    }

    /// <summary>The meter's counters, or null (tests of the protocol alone).</summary>
    public LookupMetrics? Metrics => _metrics;

    public static string ErrorLine(string reason) => LookupFieldCodec.Join(new[] { LookupProtocol.Error, reason });

    /// <summary>Returns the answer line (without line end) for one request line.</summary>
    public async Task<string> AnswerAsync(LookupSession session, string line, CancellationToken cancellationToken)
    {
        var answer = await AnswerLineAsync(session, line, cancellationToken);
        if (_metrics != null)
        {
            if (answer.StartsWith(LookupProtocol.Error + "|", StringComparison.Ordinal))
            {
                _metrics.Error(answer[(LookupProtocol.Error.Length + 1)..]);
            }
            else if (answer.StartsWith(RollUploadProtocol.Stored + "|", StringComparison.Ordinal))
            {
                _metrics.Upload();
            }
        }

        return answer;
    }

    private async Task<string> AnswerLineAsync(LookupSession session, string line, CancellationToken cancellationToken)
    {
        var fields = LookupFieldCodec.Split(line);
        if (fields == null)
        {
            RequestLog.Malformed(_logger, session.LogName);
            return ErrorLine("linha malformada");
        }

        var command = fields[0];
        var isUpload = _rolls != null && RollUploadProtocol.ArgumentCount(command) >= 0;
        var isHealth = _health != null && HealthProtocol.ArgumentCount(command) >= 0;
        var expected = isUpload ? RollUploadProtocol.ArgumentCount(command)
            : isHealth ? HealthProtocol.ArgumentCount(command)
            : LookupProtocol.ArgumentCount(command);
        if (expected < 0)
        {
            RequestLog.UnknownCommand(_logger, session.LogName);
            _metrics?.Request("unknown");
            return ErrorLine("comando desconhecido");
        }

        _metrics?.Request(command);

        // Per request at Debug only; the connection's summary line (LookupConnection) is at Information.
        RequestLog.Request(_logger, command, session.LogName);
        if (fields.Length - 1 != expected)
        {
            if (isUpload)
            {
                // Any refused upload line drops the upload (docs/protocol.md): the terminal starts it over.
                session.Upload = null;
            }

            return ErrorLine(expected == 1 ? "esperado 1 campo" : "esperados " + expected + " campos");
        }

        if (command == LookupProtocol.Authenticate)
        {
            // A roll is filed under the terminal that authenticated: a new AUTENTICAR drops an unfinished upload.
            session.Upload = null;
            return await AuthenticateAsync(session, fields[1], fields[2], cancellationToken);
        }

        if (isUpload)
        {
            return await AnswerUploadAsync(session, command, fields, cancellationToken);
        }

        if (isHealth)
        {
            try
            {
                return await _health!.AnswerAsync(session, command, fields, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                RequestLog.DatabaseFailed(_logger, exception, command, session.LogName);
                return ErrorLine(exception is DatabaseUnavailableException ? ServerUnavailable : "falha interna");
            }
        }

        if (command == LookupProtocol.ServerTime)
        {
            return await AnswerServerTimeAsync(session, fields[1], cancellationToken);
        }

        if (command == LookupProtocol.Settings)
        {
            return AnswerSettingsLine(session, fields[1]);
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
            session.TerminalKey = null;
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
            session.TerminalKey = null;
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
            session.TerminalKey = null;
            session.RefusedTerminalId = terminalId;
            return ErrorLine("autenticacao recusada");
        }

        session.TerminalId = terminalId;
        session.TerminalKey = key;
        _logger.LogInformation("Terminal {TerminalId} authenticated", terminalId);
        return LookupProtocol.Ok;
    }

    /// <summary>
    /// HORA|terminal nonce (docs/protocol.md, "Time and settings from the server"): the server's UTC time in
    /// milliseconds since 1970, the terminal's settings version and line count, and the proof
    /// HMAC(key, HORA|server nonce|terminal nonce|ms|version|count) with the key the terminal authenticated with.
    /// The settings are read once here and kept on the session, so CONFIGURACAO answers one consistent version.
    /// </summary>
    private async Task<string> AnswerServerTimeAsync(LookupSession session, string terminalNonce, CancellationToken cancellationToken)
    {
        if (session.TerminalId == null || session.TerminalKey == null || session.Nonce == null)
        {
            // Nothing to prove with before AUTENTICAR, and never in open mode (no key, no nonce).
            return ErrorLine(session.AuthenticationUnavailable ? ServerUnavailable : "nao autenticado");
        }

        if (!ServerProof.IsUsableNonce(terminalNonce))
        {
            return ErrorLine("campo 1 invalido");
        }

        TerminalSettingsSnapshot snapshot;
        try
        {
            snapshot = _settings == null ? TerminalSettingsSnapshot.Empty : await _settings.GetEffectiveAsync(session.TerminalId, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            RequestLog.DatabaseFailed(_logger, exception, LookupProtocol.ServerTime, session.LogName);
            return ErrorLine(exception is DatabaseUnavailableException ? ServerUnavailable : "falha interna");
        }

        if (!session.IsTls && snapshot.Lines.Any(line => line.Key == SecretOverTlsOnly))
        {
            // The SMTP password never crosses the network in clear: a terminal on a plain connection keeps it in its
            // own terminal.config (or is told, by its parser, that smtp.user has no password).
            snapshot = snapshot with { Lines = snapshot.Lines.Where(line => line.Key != SecretOverTlsOnly).ToArray() };
            _logger.LogInformation("Settings for terminal {TerminalId} sent without {Key}: the connection is not TLS", session.TerminalId, SecretOverTlsOnly);
        }

        session.TerminalNonce = terminalNonce;
        session.Settings = snapshot;
        var milliseconds = ServerProof.FormatUnixMilliseconds(_time.GetUtcNow().UtcDateTime);
        var version = snapshot.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var count = snapshot.Lines.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var proof = ServerProof.Compute(session.TerminalKey, ServerProof.TimeText(session.Nonce, terminalNonce, milliseconds, version, count));
        return LookupFieldCodec.Join(new[] { LookupProtocol.ServerTime, milliseconds, version, count, proof });
    }

    /// <summary>
    /// CONFIGURACAO|index: line <c>index</c> of the set HORA announced, as CONFIGURACAO|version|count|index|key|value|proof
    /// with proof = HMAC(key, CONFIGURACAO|server nonce|terminal nonce|version|count|index|key|value). Values are never logged.
    /// </summary>
    private string AnswerSettingsLine(LookupSession session, string indexText)
    {
        if (session.TerminalId == null || session.TerminalKey == null || session.Nonce == null)
        {
            return ErrorLine(session.AuthenticationUnavailable ? ServerUnavailable : "nao autenticado");
        }

        var snapshot = session.Settings;
        if (snapshot == null || session.TerminalNonce == null)
        {
            return ErrorLine("sem HORA");
        }

        var index = LookupTime.ParseNumber(indexText, 3);
        if (index < 0 || index >= snapshot.Lines.Count)
        {
            return ErrorLine("campo 1 invalido");
        }

        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var version = snapshot.Version.ToString(invariant);
        var count = snapshot.Lines.Count.ToString(invariant);
        var canonicalIndex = index.ToString(invariant);
        var (key, value) = snapshot.Lines[index];
        var proof = ServerProof.Compute(session.TerminalKey,
            ServerProof.SettingsLineText(session.Nonce, session.TerminalNonce, version, count, canonicalIndex, key, value));
        var line = LookupFieldCodec.Join(new[] { LookupProtocol.Settings, version, count, canonicalIndex, key, value, proof });
        if (System.Text.Encoding.UTF8.GetByteCount(line) > LookupProtocol.MaximumLineBytes)
        {
            // The portal keeps values short enough; a row written by direct SQL may not be.
            DataRuleLog.ValueRefused(_logger, LookupProtocol.Settings, "the value of " + key + " makes a line over " + LookupProtocol.MaximumLineBytes + " bytes");
            return ErrorLine(InvalidDataReason);
        }

        return line;
    }

    /// <summary>
    /// CHAMADA, PRESENCA and FIMCHAMADA (docs/protocol.md, "Uploading a roll"). The lines before FIMCHAMADA are
    /// only checked and kept in <see cref="LookupSession.Upload"/>; FIMCHAMADA checks the verification code with the
    /// key the terminal authenticated with and stores the roll in one transaction. Any error drops the upload.
    /// </summary>
    private async Task<string> AnswerUploadAsync(LookupSession session, string command, string[] fields, CancellationToken cancellationToken)
    {
        if (session.TerminalId == null || session.TerminalKey == null)
        {
            // Before AUTENTICAR, and always in open mode: there is no terminal to file the roll under.
            session.Upload = null;
            return ErrorLine(session.AuthenticationUnavailable ? ServerUnavailable : RollUploadProtocol.NotAuthenticated);
        }

        var pending = session.Upload;
        session.Upload = null;
        string? invalid;
        switch (command)
        {
            case RollUploadProtocol.Begin:
            {
                // CHAMADA|roll id|professor|class|opened UTC|closed UTC|late after UTC|auto|count
                invalid = CodeFieldError(fields, 1, false) ?? CodeFieldError(fields, 2, false) ?? CodeFieldError(fields, 3, true);
                if (invalid != null)
                {
                    return ErrorLine(invalid);
                }

                var opened = UploadTime.Parse(fields[4]);
                var closed = UploadTime.Parse(fields[5]);
                var lateAfter = fields[6].Length == 0 ? null : UploadTime.Parse(fields[6]);
                if (opened == null || closed == null || (fields[6].Length > 0 && lateAfter == null) || closed < opened)
                {
                    return ErrorLine("hora invalida");
                }

                if (fields[7] is not ("0" or "1"))
                {
                    return ErrorLine("campo 7 invalido");
                }

                var count = LookupTime.ParseNumber(fields[8], 5);
                if (count < 0 && fields[8].Length > 0 && fields[8].All(char.IsAsciiDigit))
                {
                    // All digits but more than five of them: a count far over the limit.
                    return ErrorLine(RollUploadProtocol.TooManyPresences);
                }

                if (count < 0)
                {
                    return ErrorLine("campo 8 invalido");
                }

                if (count > RollUploadProtocol.MaximumPresences)
                {
                    return ErrorLine(RollUploadProtocol.TooManyPresences);
                }

                session.Upload = new PendingRoll(fields[1], fields[2], fields[3], opened.Value, closed.Value, lateAfter, fields[7] == "1", count);
                return LookupProtocol.Ok;
            }

            case RollUploadProtocol.Presence:
            {
                // PRESENCA|student|first swipe UTC
                if (pending == null)
                {
                    return ErrorLine(RollUploadProtocol.NotStarted);
                }

                invalid = CodeFieldError(fields, 1, false);
                if (invalid != null)
                {
                    return ErrorLine(invalid);
                }

                var swipe = UploadTime.Parse(fields[2]);
                if (swipe == null)
                {
                    return ErrorLine("hora invalida");
                }

                if (pending.Presences.Count >= pending.ExpectedCount)
                {
                    return ErrorLine(RollUploadProtocol.TooManyPresences);
                }

                pending.Presences.Add(new RollContent.Swipe(fields[1], swipe.Value));
                session.Upload = pending;
                return LookupProtocol.Ok;
            }

            default:
            {
                // FIMCHAMADA|roll id|verification code
                if (pending == null)
                {
                    return ErrorLine(RollUploadProtocol.NotStarted);
                }

                if (fields[1] != pending.RollId || pending.Presences.Count != pending.ExpectedCount)
                {
                    return ErrorLine(RollUploadProtocol.Incomplete);
                }

                var roll = pending.ToContent(session.TerminalId);
                var code = RollVerificationCode.Compute(session.TerminalKey, roll);
                if (RollVerificationCode.Normalise(fields[2]) != code)
                {
                    return ErrorLine(RollUploadProtocol.WrongCode);
                }

                try
                {
                    var outcome = await _rolls!.StoreAsync(roll, code, RollVerificationCode.KeyFingerprint(session.TerminalKey), cancellationToken);

                    // One line per roll, without personal data: the roll id names the terminal and the opening time.
                    RequestLog.RollStored(_logger, pending.RollId, session.TerminalId, roll.Presences.Count, outcome == RollStoreOutcome.AlreadyStored);
                    return LookupFieldCodec.Join(new[] { RollUploadProtocol.Stored, pending.RollId });
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    RequestLog.DatabaseFailed(_logger, exception, command, session.LogName);
                    return ErrorLine(exception is DatabaseUnavailableException ? ServerUnavailable : "falha interna");
                }
            }
        }
    }

    /// <summary>
    /// The error for upload field <paramref name="index"/> when it is not a code (1 to 64 printable ASCII
    /// characters, DataRules), or null; <paramref name="mayBeEmpty"/> for the class (NAOHACADEIRA).
    /// </summary>
    private static string? CodeFieldError(string[] fields, int index, bool mayBeEmpty)
    {
        var value = fields[index];
        if (value.Length == 0 && mayBeEmpty)
        {
            return null;
        }

        if (value.Length == 0 || value.Length > MaximumCodeLength)
        {
            return "campo " + index + " vazio ou longo demais";
        }

        return DataRules.Check(ValueKind.Code, value) == null ? null : "campo " + index + " invalido";
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
