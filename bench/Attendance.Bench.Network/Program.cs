using System.Diagnostics;
using System.Net;
using Attendance.Bench.Lookup;
using Attendance.Bench.Network;
using Attendance.Bench.Shared;
using Attendance.Core.Configuration;
using Attendance.Core.Lookup;
using Attendance.Core.Mail.Outbox;
using Attendance.Core.Mail.Smtp;
using Attendance.Core.Roll;
using Attendance.Core.Terminal;
using Attendance.Core.Tests.Fakes;
using Attendance.Host.Adapters;
using Attendance.LookupServer.Storage;
using Attendance.Mail.Tests;

// Close to mail: time from feeding the professor's closing swipe to the SMTP server's 250 for the message, for a
// roll of N students, the lookup server reached through a link with an added round-trip time (DelayingProxy) and
// the SMTP server (aiosmtpd) on plain loopback. Three ways, same run, same servers:
//   1. TerminalController (the terminal as wired: framer, roll, outbox, RollReportBuilder, SmtpClient), fed by a
//      scripted card port: professor, N students, professor; timed around the Step() that reads the closing
//      swipe, which returns after the outbox has the 250 (the "sent" mark is written inside the SMTP client).
//   2. Outbox + RollReportBuilder directly (same components, no card path), for the client's round-trip count.
//   3. Outbox + SequentialRollLookup (one request per round trip, as the 2002 client): the baseline.
var students = args.Length > 0 ? int.Parse(args[0]) : 300;
var roundTripMilliseconds = args.Length > 1 ? int.Parse(args[1]) : 20;
var runs = args.Length > 2 ? int.Parse(args[2]) : 5;
const int MaximumRoundTrips = 6;
const double MinimumSpeedUp = 50;

await using var server = await BenchLookupServer.StartAsync(students);
await using var proxy = new DelayingProxy(new IPEndPoint(IPAddress.Loopback, server.Port), TimeSpan.FromMilliseconds(roundTripMilliseconds));
using var peer = SmtpPeer.Start(tls: false);

var settings = new TerminalSettings
{
    TerminalId = SampleData.DemoTerminalId,
    TerminalKey = "demo-key-T01-not-for-production!", // SampleData.DemoTerminalKeyHex as text (public demo key)
    LookupHost = "127.0.0.1",
    LookupPort = proxy.EndPoint.Port,
    SmtpHost = "127.0.0.1",
    SmtpPort = peer.Port,
    SmtpSecurity = SmtpSecurity.None,
    SmtpTimeoutMilliseconds = 30000,
    MailFrom = "terminal-t01@escola.example",
    RollCapacity = Math.Max(400, students),
};
var codes = Enumerable.Range(0, students).Select(BenchLookupServer.StudentCode).ToArray();
var log = new QuietLog();
var delivered = 0;

var controller = MeasureController(runs);
var pipelined = MeasureOutbox("Outbox + RollReportBuilder (pipelined)", client => new RollReportBuilder(client), runs);
var sequential = MeasureOutbox("Outbox + one request per round trip (baseline)", client => new SequentialBuilder(client), 1);

Console.WriteLine();
Console.WriteLine($"Close to mail: roll of {students}, lookup link round trip {roundTripMilliseconds} ms (DelayingProxy), SMTP: aiosmtpd on loopback; median of {runs} runs (baseline: 1 run)");
Console.WriteLine("| Path | lookup round trips (wire) | lookup round trips (client) | connections | median ms | baseline / this |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|");
foreach (var row in new[] { sequential, pipelined, controller })
{
    Console.WriteLine($"| {row.Name} | {row.WireRoundTrips} | {(row.ClientRoundTrips < 0 ? "n/a" : row.ClientRoundTrips)} | {row.Connections} | {row.Milliseconds:F1} | {sequential.Milliseconds / row.Milliseconds:F1} |");
}

var expectedMessages = 2 * runs + 2;
var speedUp = sequential.Milliseconds / controller.Milliseconds;
var pass = controller.WireRoundTrips <= MaximumRoundTrips && pipelined.ClientRoundTrips <= MaximumRoundTrips
    && speedUp >= MinimumSpeedUp && peer.Messages().Length == expectedMessages && delivered == expectedMessages;
Console.WriteLine($"{(pass ? "PASS" : "FAIL")}: round trips {controller.WireRoundTrips} (target <= {MaximumRoundTrips}), baseline / terminal {speedUp:F1} (target >= {MinimumSpeedUp}), messages at the SMTP server {peer.Messages().Length} of {expectedMessages}");
foreach (var problem in log.Problems.Take(10))
{
    Console.WriteLine("  log: " + problem);
}

return pass ? 0 : 1;

Row MeasureController(int count)
{
    var cards = new ScriptedCardPort();
    var store = new InMemoryDurableStore();
    var hardware = new TerminalHardware(cards, new FakeIndicatorLights(), new RealClock(), new SocketNetworkConnector(), store, log);
    var terminal = new TerminalController(hardware, settings);
    var times = new List<double>();
    var wire = 0;
    var connections = 0;
    for (var run = -1; run < count; run++) // run -1 warms up (JIT, connection pools, SQLite pages)
    {
        cards.Swipe("P1001");
        terminal.Step();
        if (terminal.RollState != RollState.Open)
        {
            throw new InvalidOperationException("The professor's swipe did not open the roll: " + string.Join("; ", log.Problems));
        }

        foreach (var code in codes)
        {
            cards.Swipe(code);
            terminal.Step();
        }

        var before = peer.Messages().Length;
        cards.Swipe("P1001");
        proxy.ResetCounters();
        var watch = Stopwatch.StartNew();
        terminal.Step();

        // Two loops since issue 11: the door step hands the roll over and wakes the worker; its pass (run here,
        // on the board's worker thread) does the lookup and the e-mail.
        terminal.RunNetworkPass();
        watch.Stop();
        if (terminal.OutboxEntries().Length != 0 || peer.Messages().Length != before + 1)
        {
            throw new InvalidOperationException("The closing swipe did not end in a delivered e-mail: " + string.Join("; ", log.Problems));
        }

        delivered++;
        if (run >= 0)
        {
            times.Add(watch.Elapsed.TotalMilliseconds);
            wire = Math.Max(wire, proxy.RoundTrips);
            connections = Math.Max(connections, proxy.Connections);
        }

        // Roll ids come from the opening second (RollIdentity): wait for the next second so rolls never collide.
        Thread.Sleep(1100 - DateTime.UtcNow.Millisecond);
    }

    return new Row("TerminalController, closing swipe to 250 (pipelined)", wire, -1, connections, Median(times));
}

Row MeasureOutbox(string name, Func<LookupClient, IRollReportBuilder> builderFor, int count)
{
    var client = new LookupClient(new SocketNetworkConnector(), TerminalComponents.Lookup(settings));
    var smtp = new SmtpClient(new SocketNetworkConnector(), TerminalComponents.Smtp(settings), log);
    var clock = new RealClock();
    // As the terminal wires it: a builder that can upload (the real one) also uploads the roll, step 5 of the close.
    var builder = builderFor(client);
    var outbox = new Outbox(new InMemoryDurableStore(), builder, builder as IRollUploader, smtp, clock, TerminalComponents.Outbox(settings), log);
    var times = new List<double>();
    var wire = 0;
    var connections = 0;
    for (var run = 0; run < count; run++)
    {
        var opened = DateTime.UtcNow.AddHours(-1);
        var roll = new ClosedRoll
        {
            RollId = name.Length + "-" + run + "-" + Guid.NewGuid().ToString("N")[..8],
            TerminalId = settings.TerminalId,
            ProfessorCode = "P1001",
            OpenedUtc = opened,
            ClosedUtc = DateTime.UtcNow,
            StudentCodes = codes,
            SwipeTimesUtc = codes.Select((_, i) => opened.AddSeconds(i)).ToArray(),
        };
        proxy.ResetCounters();
        var watch = Stopwatch.StartNew();
        outbox.Enqueue(roll);
        var result = outbox.ProcessDue();
        watch.Stop();
        if (result.Sent != 1)
        {
            throw new InvalidOperationException(name + " did not send: " + string.Join("; ", log.Problems));
        }

        delivered++;
        times.Add(watch.Elapsed.TotalMilliseconds);
        wire = Math.Max(wire, proxy.RoundTrips);
        connections = Math.Max(connections, proxy.Connections);
    }

    return new Row(name, wire, client.LastRoundTrips, connections, Median(times));
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

internal sealed record Row(string Name, int WireRoundTrips, int ClientRoundTrips, int Connections, double Milliseconds);

/// <summary>The baseline as an outbox report builder: SequentialRollLookup's one request per round trip.</summary>
internal sealed class SequentialBuilder(LookupClient client) : IRollReportBuilder
{
    public RollReport Build(ClosedRoll roll, ReportEntryArea area) => (RollReport)client.Run(SequentialRollLookup.Create(client, roll));
}
