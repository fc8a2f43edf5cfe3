using System.Net;
using System.Net.Sockets;
using System.Text;
using Attendance.LookupServer.Storage;
using Attendance.Mail.Tests;

namespace Attendance.EndToEnd.Tests;

/// <summary>
/// One classroom on loopback: the socat serial line, the lookup server (SQLite, demo data), the SMTP server and
/// the terminal process, all in one temporary folder; <see cref="DisposeAsync"/> stops every process it started.
/// Every step waits for the terminal's log line that shows it was handled, so nothing depends on sleeps.
/// </summary>
public sealed class EndToEndRig : IAsyncDisposable
{
    /// <summary>Generous bounds for a loaded 2-core machine; a passing run takes a fraction of them.</summary>
    public static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(20);

    public const string Sender = "terminal-t01@example.edu";

    private readonly string folder;
    private readonly List<TerminalProcess> terminals = [];

    private EndToEndRig(string folder, SocatPair line, LookupServerHost lookup, SmtpPeer smtp, string[] settings)
    {
        this.folder = folder;
        Line = line;
        Lookup = lookup;
        Smtp = smtp;
        DataFolder = Path.Combine(folder, "terminal-data");
        ConfigFile = Path.Combine(folder, "terminal.config");
        File.WriteAllText(ConfigFile, string.Join("\n",
            "terminal.id = " + SampleData.DemoTerminalId,
            "terminal.key = demo-key-T01-not-for-production!",
            "lookup.host = 127.0.0.1",
            "lookup.port = " + lookup.Port,
            "lookup.timeout-ms = 5000",
            "smtp.host = 127.0.0.1",
            "smtp.port = " + smtp.Port,
            "smtp.security = none",
            "mail.from = " + Sender,
            "mail.retry-first-seconds = 1",
            "mail.retry-max-seconds = 2",
            "language = pt",
            "time.utc-offset-minutes = 0",
            "card.suffix = cr") + "\n"
            // Heartbeats off unless a test asks for them: they would add connections the other tests do not expect.
            + (settings.Any(setting => setting.StartsWith("health.", StringComparison.Ordinal)) ? "" : "health.interval-seconds = 0\n")
            + string.Join("\n", settings) + "\n", new UTF8Encoding(false));
    }

    public SocatPair Line { get; }

    public LookupServerHost Lookup { get; }

    public SmtpPeer Smtp { get; }

    public string DataFolder { get; }

    public string ConfigFile { get; }

    /// <summary>The terminal process now running (the newest one started).</summary>
    public TerminalProcess Terminal => terminals.Count > 0 ? terminals[^1] : throw new InvalidOperationException("no terminal started");

    /// <summary>
    /// Starts everything but the terminal; the lookup server only when asked. <paramref name="settings"/> are
    /// terminal.config lines added to the rig's (keys the rig does not set, or health.interval-seconds).
    /// </summary>
    public static async Task<EndToEndRig> StartAsync(bool lookupRunning = true, params string[] settings)
    {
        var folder = Directory.CreateTempSubdirectory("attendance-e2e").FullName;
        SocatPair? line = null;
        SmtpPeer? smtp = null;
        LookupServerHost? lookup = null;
        try
        {
            line = SocatPair.Start();
            smtp = SmtpPeer.Start(tls: false);
            lookup = new LookupServerHost(Path.Combine(folder, "lookup.db"), FreePort());
            if (lookupRunning)
            {
                await lookup.StartAsync();
            }

            return new EndToEndRig(folder, line, lookup, smtp, settings);
        }
        catch
        {
            if (lookup != null)
            {
                await lookup.DisposeAsync();
            }

            smtp?.Dispose();
            line?.Dispose();
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    /// <summary>Starts a terminal process on the same line, settings and data folder, and waits until it is ready.</summary>
    public TerminalProcess StartTerminal()
    {
        var terminal = TerminalProcess.Start(ConfigFile, Line.TerminalSide, DataFolder);
        terminals.Add(terminal);
        terminal.WaitForLog("terminal: Ready;", StepTimeout);
        return terminal;
    }

    /// <summary>
    /// When each code was first accepted into the roll: between the moment its bytes were written and the moment
    /// the terminal's verdict was seen (UTC), so the times in the e-mail can be checked against the swipes.
    /// </summary>
    public Dictionary<string, (DateTime NotBefore, DateTime NotAfter)> AcceptedSwipes { get; } = [];

    /// <summary>Swipes a card (its code and the reader's CR) and waits for the terminal's verdict on it.</summary>
    public string Swipe(string code)
    {
        var seen = Terminal.LinesContaining("Card " + code + ":").Length;
        var before = DateTime.UtcNow;
        Line.WriteFromReader(Encoding.ASCII.GetBytes(code + "\r"));
        var verdict = Terminal.WaitForLog("Card " + code + ":", StepTimeout, seen);
        if (verdict.EndsWith(": accepted", StringComparison.Ordinal))
        {
            AcceptedSwipes.Add(code, (before, DateTime.UtcNow));
        }

        return verdict;
    }

    /// <summary>Sends bytes that are no card code (noise on the line) and waits for the terminal to reject them.</summary>
    public string SwipeGarbled(byte[] bytes)
    {
        var seen = Terminal.LinesContaining("Bad read").Length;
        Line.WriteFromReader(bytes);
        return Terminal.WaitForLog("Bad read", StepTimeout, seen);
    }

    /// <summary>The professor's closing swipe; returns the roll id from the terminal's log.</summary>
    public string Close(string professor)
    {
        var seen = Terminal.LinesContaining("closed with").Length;
        Swipe(professor);
        var closed = Terminal.WaitForLog("closed with", StepTimeout, seen);
        // "info  terminal: Roll T01-20261123T081500Z closed with 5 student(s); queued for mail"
        var start = closed.IndexOf("Roll ", StringComparison.Ordinal) + "Roll ".Length;
        return closed[start..closed.IndexOf(' ', start)];
    }

    /// <summary>
    /// Waits until the SMTP server holds at least <paramref name="count"/> complete messages; returns them all.
    /// smtp_peer.py writes msg-N.rcpt after msg-N.eml is closed, so a message counts once its .rcpt has content.
    /// </summary>
    public string[] WaitForMessages(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var messages = Smtp.Messages().Where(Complete).ToArray();
            if (messages.Length >= count)
            {
                return messages;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("Expected " + count + " message(s) at the SMTP server within " + timeout.TotalSeconds + " s, found "
                    + messages.Length + ". Terminal log:\n" + Terminal.Log);
            }

            Thread.Sleep(50);
        }
    }

    /// <summary>
    /// After a delivery: the outbox must empty itself (nothing left that could be sent again), and over a further
    /// retry period (mail.retry-max-seconds = 2) no second copy may arrive.
    /// </summary>
    public void AssertDeliveredExactlyOnce()
    {
        var deadline = DateTime.UtcNow + StepTimeout;
        while (OutboxFiles().Length > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("The outbox still holds " + string.Join(", ", OutboxFiles()) + " after the delivery. Log:\n" + Terminal.Log);
            }

            Thread.Sleep(50);
        }

        Thread.Sleep(2500);
        Assert.AreEqual(1, Smtp.Messages().Length, "messages at the SMTP server. Log:\n" + Terminal.Log);
        Assert.AreEqual(1, Terminal.LinesContaining("accepted by the mail server").Length, "Log:\n" + Terminal.Log);

        // Idle with no roll open and nothing failed: red steady (docs/signals.md), after any short signal ended.
        var lights = Terminal.Lights();
        Assert.AreEqual(TerminalProcess.LightState(red: true, green: false), lights.LastOrDefault(), "LEDs:\n" + string.Join("\n", lights));
    }

    /// <summary>The outbox's records in the data folder (state, roll, report), whatever their prefix.</summary>
    public string[] OutboxFiles() =>
        Directory.Exists(DataFolder)
            ? Directory.GetFiles(DataFolder).Where(name => name.EndsWith(".state", StringComparison.Ordinal)
                || name.EndsWith(".roll", StringComparison.Ordinal) || name.EndsWith(".report", StringComparison.Ordinal))
                .Select(name => Path.GetFileName(name)).ToArray()
            : [];

    private static bool Complete(string messagePath)
    {
        var recipients = new FileInfo(Path.ChangeExtension(messagePath, ".rcpt"));
        return recipients.Exists && recipients.Length > 0;
    }

    /// <summary>Envelope recipients of a message the SMTP server saved (msg-N.rcpt beside msg-N.eml).</summary>
    public static string[] EnvelopeRecipients(string messagePath) =>
        File.ReadAllLines(Path.ChangeExtension(messagePath, ".rcpt")).Where(line => line.Length > 0).ToArray();

    public async ValueTask DisposeAsync()
    {
        var errors = new List<Exception>();
        foreach (var terminal in terminals)
        {
            Try(terminal.Dispose, errors);
        }

        try
        {
            await Lookup.DisposeAsync();
        }
        catch (Exception exception)
        {
            errors.Add(exception);
        }

        Try(Smtp.Dispose, errors);
        Try(Line.Dispose, errors);
        Try(() => Directory.Delete(folder, recursive: true), errors);
        if (errors.Count > 0)
        {
            throw new AggregateException("cleaning up the end-to-end rig", errors);
        }
    }

    private static void Try(Action action, List<Exception> errors)
    {
        try
        {
            action();
        }
        catch (Exception exception)
        {
            errors.Add(exception);
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
