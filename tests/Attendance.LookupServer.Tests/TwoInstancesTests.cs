using System.Collections.Concurrent;
using Attendance.Core.Lookup;
using Attendance.Core.Roll;
using Attendance.Core.Security;
using Attendance.Host.Adapters;
using Attendance.LookupServer.Storage;

namespace Attendance.LookupServer.Tests;

/// <summary>
/// Two lookup server instances on one PostgreSQL database (server/README.md, "More than one instance"), terminals
/// listing both (<c>lookup.host = a, b</c>), and one instance stopped while closes are under way: every roll
/// still becomes a complete report, the exchanges cut in the middle restarted on the other instance. The burst
/// bench (bench/Attendance.Bench.Burst) does the same with server processes and a SIGKILL.
/// </summary>
[TestClass]
public class TwoInstancesTests
{
    private const int Closes = 240;
    private const int Terminals = 12;
    private const int Students = 60;

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task Every_roll_completes_when_one_of_two_instances_on_one_PostgreSQL_stops_during_closes()
    {
        var connectionString = await Servers.NewDatabaseAsync(Servers.PostgreSql);
        await RunningServer.SeedAsync(Servers.PostgreSql, connectionString);
        var first = await RunningServer.StartAsync(Servers.PostgreSql, connectionString);
        await using var second = await RunningServer.StartAsync(Servers.PostgreSql, connectionString);
        var hosts = new[] { "127.0.0.1", "127.0.0.1" };
        var ports = new[] { first.Port, second.Port };

        var reports = new ConcurrentDictionary<int, RollReport>();
        var failures = new ConcurrentQueue<string>();
        var answeredBySecondAfterStop = 0;
        var started = 0;
        var stopped = 0;
        var firstStopping = new TaskCompletionSource();

        var terminals = Enumerable.Range(0, Terminals).Select(terminal => Task.Run(() =>
        {
            // Each terminal has its own list, as each board does; half of them start with each instance.
            var servers = new LookupServerList(hosts, ports) { Preferred = terminal % 2 };
            var client = new LookupClient(new SocketNetworkConnector(), Settings(servers));
            var builder = new RollReportBuilder(client);
            int close;
            while ((close = Interlocked.Increment(ref started) - 1) < Closes)
            {
                if (close == Closes / 3)
                {
                    firstStopping.TrySetResult();
                }

                try
                {
                    reports[close] = builder.Build(Roll(close));
                    if (Volatile.Read(ref stopped) == 1 && client.LastServer == 1)
                    {
                        Interlocked.Increment(ref answeredBySecondAfterStop);
                    }
                }
                catch (Exception exception)
                {
                    failures.Enqueue("roll " + close + ": " + exception.Message);
                }
            }
        })).ToArray();

        await firstStopping.Task;
        Volatile.Write(ref stopped, 1);
        await first.DisposeAsync();
        await Task.WhenAll(terminals);

        Assert.AreEqual(0, failures.Count, string.Join("\n", failures.Take(5)));
        Assert.AreEqual(Closes, reports.Count);
        foreach (var (close, report) in reports)
        {
            AssertComplete(close, report);
        }

        Assert.IsTrue(answeredBySecondAfterStop > 0, "after the stop, the closes were answered by the second instance");
    }

    private static LookupClientSettings Settings(LookupServerList servers) => new()
    {
        Servers = servers,
        Host = servers.HostAt(0),
        TerminalId = TestData.TerminalId,
        TerminalKey = HexText.ToBytes(TestData.TerminalKeyHex),
        RequestTimeoutMilliseconds = 10_000,
    };

    /// <summary>A 60-student roll of the demo's five students in turn, on a Monday at 09:30 (class C101).</summary>
    private static ClosedRoll Roll(int close)
    {
        var opened = new DateTime(TestData.Year, 11, 23, 9, 30, 0, DateTimeKind.Utc);
        return new ClosedRoll
        {
            RollId = "T01-" + close,
            TerminalId = TestData.TerminalId,
            ProfessorCode = "P1001",
            OpenedUtc = opened,
            ClosedUtc = opened.AddHours(1),
            StudentCodes = Enumerable.Range(0, Students).Select(i => SampleData.Students[(close + i) % SampleData.Students.Length].Code).ToArray(),
            SwipeTimesUtc = Enumerable.Range(0, Students).Select(i => opened.AddSeconds(i)).ToArray(),
        };
    }

    /// <summary>Every student once, in order, with the name and enrolment of the data: nothing missing, nothing doubled.</summary>
    private static void AssertComplete(int close, RollReport report)
    {
        Assert.AreEqual("C101", report.ClassCode, "roll " + close);
        Assert.AreEqual("Engenharia Informática", report.CourseName, "roll " + close);
        Assert.AreEqual(Students, report.Entries.Length, "roll " + close);
        for (var i = 0; i < Students; i++)
        {
            var (code, name) = SampleData.Students[(close + i) % SampleData.Students.Length];
            var entry = report.Entries[i];
            Assert.AreEqual(code, entry.StudentCode, "roll " + close + ", line " + i);
            Assert.AreEqual(name, entry.StudentName, "roll " + close + ", line " + i);
            var expected = SampleData.IsEnrolled(code, "C101") ? AttendanceStatus.Enrolled : AttendanceStatus.NotEnrolled;
            Assert.AreEqual(expected, entry.Status, "roll " + close + ", line " + i);
        }
    }
}
