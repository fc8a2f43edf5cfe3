using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Attendance.Bench.Shared;
using Attendance.Core.Lookup;
using Attendance.Core.Security;
using Attendance.LookupServer.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Attendance.Bench.Lookup;

/// <summary>
/// Answers per second of the real lookup server (SQLite) over loopback with 1, 16 and 256 authenticated
/// connections, each keeping a batch of requests in flight (pipelined: write a batch, read its answers). The
/// mix is what a closing roll asks: one NOMEALUNO and one MATRICULADO per student, over many students (two
/// thirds enrolled), plus a few unknown codes. Baseline: the same questions asked in process of the server's
/// database store (<see cref="SqlLookupStore"/>, without the server's answer cache, the same database file) with the same number of concurrent callers,
/// i.e. the database's own speed without protocol, sockets or authentication. The load generator runs on the
/// same cores as the server, so its own cost is kept small (pre-encoded batches, answers only counted).
/// </summary>
public static class ThroughputBenchmark
{
    private const double TargetAnswersPerSecond = 100_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var studentCount = args.Length > 0 ? int.Parse(args[0]) : 2000;
        var seconds = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3;
        var batch = args.Length > 2 ? int.Parse(args[2]) : 64;
        var levels = new[] { 1, 16, 256 };

        await using var server = await BenchLookupServer.StartAsync(studentCount, "--Lookup:MaxConnections=1000");
        var requests = Requests(studentCount);
        var batches = Batches(requests, batch);
        // The database store itself, not the server's cached ILookupStore: the baseline stays the database's speed.
        ILookupStore store = server.Services.GetRequiredService<SqlLookupStore>();

        Console.WriteLine($"Lookup throughput: SQLite, {studentCount} students, NOMEALUNO/MATRICULADO mix, {batch} requests in flight per connection, {seconds} s per level, {Environment.ProcessorCount} cores");
        Console.WriteLine("| Connections | server answers/s (loopback TCP) | baseline: store calls/s in process | server / baseline | target 100,000/s |");
        Console.WriteLine("|---:|---:|---:|---:|---|");
        var pass = true;
        foreach (var connections in levels)
        {
            var served = await ServerRateAsync(server.Port, requests, batches, batch, connections, seconds);
            var direct = await StoreRateAsync(store, requests, connections, seconds);
            var met = served >= TargetAnswersPerSecond;
            pass &= met;
            Console.WriteLine($"| {connections} | {served:N0} | {direct:N0} | {served / direct:F2} | {(met ? "PASS" : "FAIL")} |");
        }

        return pass ? 0 : 1;
    }

    private sealed record Request(bool Name, string Student, bool Expected, string Line);

    private static Request[] Requests(int studentCount)
    {
        var random = new Random(8);
        var now = DateTime.UtcNow;
        var classes = SampleData.Classes;
        var list = new List<Request>();
        for (var i = 0; i < 4096; i++)
        {
            // One in 32 codes is unknown (a card from another school, a misread that passed the framer).
            var index = random.Next(studentCount);
            var student = random.Next(32) == 0 ? "X" + index : BenchLookupServer.StudentCode(index);
            var known = student[0] == 'S';
            list.Add(new Request(true, student, known, LookupProtocol.StudentName + "|" + student));
            var (classCode, _, course, _, _) = classes[random.Next(classes.Length)];
            list.Add(new Request(false, student, known && BenchLookupServer.IsEnrolled(index),
                string.Join('|', LookupProtocol.IsEnrolled, student, classCode, course, now.Year, now.Month)));
        }

        return list.ToArray();
    }

    private static byte[][] Batches(Request[] requests, int batch)
    {
        var result = new byte[requests.Length / batch][];
        for (var b = 0; b < result.Length; b++)
        {
            var text = new StringBuilder();
            for (var i = 0; i < batch; i++)
            {
                text.Append(requests[b * batch + i].Line).Append("\r\n");
            }

            result[b] = Encoding.UTF8.GetBytes(text.ToString());
        }

        return result;
    }

    private static async Task<double> ServerRateAsync(int port, Request[] requests, byte[][] batches, int batch, int connections, double seconds)
    {
        var sockets = new Socket[connections];
        for (var i = 0; i < connections; i++)
        {
            sockets[i] = await ConnectAndAuthenticateAsync(port, requests, batches[i % batches.Length], batch * (i % batches.Length));
        }

        long answers = 0;
        var measuring = 0;
        using var stop = new CancellationTokenSource();
        var workers = sockets.Select((socket, index) => Task.Run(async () =>
        {
            var buffer = new byte[64 * 1024];
            var next = index;
            while (!stop.IsCancellationRequested)
            {
                var request = batches[next++ % batches.Length];
                await socket.SendAsync(request, SocketFlags.None);
                var pending = batch;
                while (pending > 0)
                {
                    var read = await socket.ReceiveAsync(buffer, SocketFlags.None);
                    if (read == 0)
                    {
                        throw new InvalidOperationException("The server closed a benchmark connection.");
                    }

                    pending -= buffer.AsSpan(0, read).Count((byte)'\n');
                }

                if (Volatile.Read(ref measuring) == 1)
                {
                    Interlocked.Add(ref answers, batch);
                }
            }
        })).ToArray();

        await Task.Delay(TimeSpan.FromSeconds(Math.Min(1, seconds / 2))); // warm-up
        Volatile.Write(ref measuring, 1);
        var watch = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        var counted = Interlocked.Read(ref answers);
        var elapsed = watch.Elapsed.TotalSeconds;
        stop.Cancel();
        await Task.WhenAll(workers);
        foreach (var socket in sockets)
        {
            socket.Dispose();
        }

        return counted / elapsed;
    }

    /// <summary>Greeting with nonce, AUTENTICAR with the demo terminal's proof, OK; then a checked first batch.</summary>
    private static async Task<Socket> ConnectAndAuthenticateAsync(int port, Request[] requests, byte[] firstBatch, int firstRequest)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        using var reader = new LineReader(socket);
        var greeting = LookupFieldCodec.Split(await reader.ReadLineAsync())!;
        var proof = LookupAuthentication.ComputeProof(HexText.ToBytes(SampleData.DemoTerminalKeyHex), greeting[2], SampleData.DemoTerminalId);
        await socket.SendAsync(Encoding.UTF8.GetBytes(LookupProtocol.Authenticate + "|" + SampleData.DemoTerminalId + "|" + proof + "\r\n"), SocketFlags.None);
        var answer = await reader.ReadLineAsync();
        if (answer != LookupProtocol.Ok)
        {
            throw new InvalidOperationException("Authentication failed: " + answer);
        }

        // The answers must be right, not only fast: the connection's first batch is read line by line and checked.
        await socket.SendAsync(firstBatch, SocketFlags.None);
        for (var i = firstRequest; i < firstRequest + firstBatch.Count(b => b == (byte)'\n'); i++)
        {
            var line = await reader.ReadLineAsync();
            var request = requests[i];
            var right = request.Name
                ? (request.Expected ? line.StartsWith("Estudante ", StringComparison.Ordinal) : line == LookupProtocol.NotStudent)
                : line == (request.Expected ? LookupProtocol.Enrolled : LookupProtocol.NotEnrolled);
            if (!right)
            {
                throw new InvalidOperationException("Wrong answer '" + line + "' to " + request.Line);
            }
        }

        return socket;
    }

    private static async Task<double> StoreRateAsync(ILookupStore store, Request[] requests, int callers, double seconds)
    {
        long calls = 0;
        var measuring = 0;
        var now = DateTime.UtcNow;
        var semester = now.Month <= 6 ? 1 : 2;
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, callers).Select(index => Task.Run(async () =>
        {
            var next = index * 61;
            while (!stop.IsCancellationRequested)
            {
                var request = requests[next++ % requests.Length];
                bool found;
                if (request.Name)
                {
                    found = await store.FindStudentNameAsync(request.Student, CancellationToken.None) != null;
                }
                else
                {
                    var fields = request.Line.Split('|');
                    found = await store.IsEnrolledAsync(request.Student, fields[2], fields[3], now.Year, semester, CancellationToken.None);
                }

                if (found != request.Expected)
                {
                    throw new InvalidOperationException("Unexpected answer to " + request.Line);
                }

                if (Volatile.Read(ref measuring) == 1)
                {
                    Interlocked.Increment(ref calls);
                }
            }
        })).ToArray();

        await Task.Delay(TimeSpan.FromSeconds(Math.Min(1, seconds / 2)));
        Volatile.Write(ref measuring, 1);
        var watch = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        var counted = Interlocked.Read(ref calls);
        var elapsed = watch.Elapsed.TotalSeconds;
        stop.Cancel();
        await Task.WhenAll(workers);
        return counted / elapsed;
    }

    /// <summary>Reads CRLF-terminated lines during the handshake only.</summary>
    private sealed class LineReader(Socket socket) : IDisposable
    {
        private readonly byte[] buffer = new byte[1024];
        private int length;

        public async Task<string> ReadLineAsync()
        {
            while (true)
            {
                var end = Array.IndexOf(buffer, (byte)'\n', 0, length);
                if (end >= 0)
                {
                    var line = Encoding.UTF8.GetString(buffer, 0, end).TrimEnd('\r');
                    Array.Copy(buffer, end + 1, buffer, 0, length - end - 1);
                    length -= end + 1;
                    return line;
                }

                var read = await socket.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None);
                if (read == 0)
                {
                    throw new InvalidOperationException("Connection closed during the handshake.");
                }

                length += read;
            }
        }

        public void Dispose()
        {
        }
    }
}
