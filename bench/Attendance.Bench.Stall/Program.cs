using System.Diagnostics;
using System.Globalization;
using System.Text;
using Attendance.Core.Configuration;
using Attendance.Core.Mail.Smtp;
using Attendance.Core.Roll;
using Attendance.Host.Adapters;
using Attendance.HostTerminal;
using Attendance.Bench.Stall;

// Swipe to signal while the outbox is stuck (issue 11). The host terminal's own loops (TerminalRunner) run
// against a lookup host and an SMTP server that accept and never answer. Phase 1 (baseline): an open roll with
// an idle outbox. Phase 2: the roll of phase 1 is closed, the network worker hangs on it, and the same number of
// swipes are made in a new roll. Each student swipe is timed from writing its last byte to the LED change that
// starts its "accepted" signal; a bad read between swipes turns the LEDs red, so every signal is a change.
const int TargetMaxMilliseconds = 50;
var swipes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
const string Professor = "P1001";
const int WarmUp = 50; // untimed swipes first in each roll: JIT and first file writes are not what is measured

using var lookup = new SilentServer();
using var smtp = new SilentServer();
var dataFolder = Directory.CreateTempSubdirectory("bench-stall").FullName;
try
{
    var settings = new TerminalSettings
    {
        TerminalId = "T01",
        LookupHost = "127.0.0.1",
        LookupPort = lookup.Port,
        LookupTimeoutMilliseconds = 10000,
        SmtpHost = "127.0.0.1",
        SmtpPort = smtp.Port,
        SmtpSecurity = SmtpSecurity.None,
        MailFrom = "terminal-t01@example.edu",
        MailRetryFirstSeconds = 1,
        MailRetryMaximumSeconds = 2,
        RollCapacity = swipes + WarmUp + 10,
    };

    // The professor was confirmed by the server yesterday: with the server black-holed, the cache opens the roll.
    new ProfessorCache(new FolderDurableStore(dataFolder), "professors.cache", 16, 30).Confirm(Professor, DateTime.UtcNow.AddDays(-1));

    var port = new FeedingCardPort();
    var lights = new TimedLights();
    var runner = new TerminalRunner(settings, port, lights, new NullLog(), dataFolder);
    using var stopping = new CancellationTokenSource();
    var door = new Thread(() => runner.Run(stopping.Token)) { IsBackground = true, Name = "door loop" };
    door.Start();
    lights.WaitFor(true, false, 0, 10000);

    var idle = Phase("idle outbox", swipes);
    Swipe(Professor, true, false); // closes the roll: the worker takes it and hangs on the black-holed lookup host
    var deadline = Environment.TickCount64 + 10000;
    while (lookup.Accepted < 2 && Environment.TickCount64 < deadline)
    {
        Thread.Sleep(10); // one connection was the door's professor check; the second is the worker's lookup
    }

    var workerConnections = lookup.Accepted;
    var stuck = Phase("outbox stuck", swipes);
    // Still stuck at the end: the closed roll is still in the outbox, nothing reached the SMTP server's greeting.
    var stillStuck = workerConnections >= 2 && Directory.GetFiles(dataFolder, "*.roll").Length == 1 && smtp.Accepted == 0;
    stopping.Cancel();
    door.Join(5000);

    Console.WriteLine("| Phase | swipes | p50 ms | p99 ms | max ms |");
    Console.WriteLine("|---|---:|---:|---:|---:|");
    Row("idle outbox (baseline)", idle);
    Row("outbox stuck (lookup host and SMTP server accept, never answer)", stuck);
    var ratio = Percentile(stuck, 0.99) / Math.Max(Percentile(idle, 0.99), 0.001);
    var pass = stillStuck && stuck.Max() <= TargetMaxMilliseconds;
    Console.WriteLine();
    Console.WriteLine("| Benchmark | ours | baseline (same run) | ratio | target | result |");
    Console.WriteLine("|---|---:|---:|---:|---|---|");
    Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
        "| Swipe to signal while the outbox is stuck, {0:N0} swipes: p50 / p99 / max | {1:F2} / {2:F2} / {3:F2} ms | {4:F2} / {5:F2} / {6:F2} ms (idle outbox) | {7:F2} (p99) | max <= {8} ms | {9} |",
        swipes, Percentile(stuck, 0.5), Percentile(stuck, 0.99), stuck.Max(), Percentile(idle, 0.5), Percentile(idle, 0.99), idle.Max(),
        ratio, TargetMaxMilliseconds, pass ? "PASS" : "FAIL"));
    if (!stillStuck)
    {
        Console.WriteLine("the network worker never connected to the black-holed lookup host: the outbox was not stuck");
    }

    return pass ? 0 : 1;

    double[] Phase(string name, int count)
    {
        Swipe(Professor, false, true); // opens (after the bounded check, or at once within its quiet period)
        for (var i = 0; i < WarmUp; i++)
        {
            Swipe("W" + name[0] + i.ToString("D4", CultureInfo.InvariantCulture), false, false);
            Swipe("A\u001b", true, false);
        }

        var latencies = new double[count];
        for (var i = 0; i < count; i++)
        {
            latencies[i] = Swipe("S" + i.ToString("D5", CultureInfo.InvariantCulture), false, false);
            Swipe("A\u001b", true, false); // a bad read: red, so the next signal is a change again
        }

        return latencies;
    }

    // Writes a code and its CR, waits for the LEDs to show red/green; returns milliseconds from the write.
    double Swipe(string code, bool red, bool green)
    {
        var before = lights.Changes;
        var start = Stopwatch.GetTimestamp();
        port.Write(Encoding.ASCII.GetBytes(code + "\r"));
        var shown = lights.WaitFor(red, green, before, 10000);
        return (shown - start) * 1000.0 / Stopwatch.Frequency;
    }
}
finally
{
    Directory.Delete(dataFolder, recursive: true);
}

static double Percentile(double[] values, double fraction)
{
    var sorted = values.OrderBy(value => value).ToArray();
    return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(fraction * sorted.Length) - 1)];
}

static void Row(string name, double[] values) =>
    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "| {0} | {1} | {2:F2} | {3:F2} | {4:F2} |",
        name, values.Length, Percentile(values, 0.5), Percentile(values, 0.99), values.Max()));
