using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Attendance.Bench.Archive;
using Attendance.Bench.Burst;
using Attendance.Core.Lookup;
using Attendance.Core.Security;
using Attendance.LookupServer;
using Attendance.LookupServer.Network;
using Attendance.LookupServer.Storage;
using Attendance.Portal.Data;
using Attendance.Portal.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// The stored rolls at a year's scale (issue 14). For each database: generate the year (one transaction), then time
// in the server (Storage/SqlRollArchive, what a portal page waits for) the class sheet and the roll search, against
// a plain indexed lookup (a student's name by code, on a connection opened the same way) measured in the same run; then the upload
// of a 60-student roll over loopback TCP to the real server, against the close's own pipelined lookup step (60
// NOMEALUNO + 60 MATRICULADO in one write) on the same connection.
// Arguments: [classes] [students per class] [sessions per class] [iterations] [which: all|sqlite|postgresql]
var classes = args.Length > 0 ? int.Parse(args[0]) : 500;
var students = args.Length > 1 ? int.Parse(args[1]) : 60;
var sessions = args.Length > 2 ? int.Parse(args[2]) : 60;
var iterations = args.Length > 3 ? int.Parse(args[3]) : 200;
var which = args.Length > 4 ? args[4] : "all";
const double TargetMilliseconds = 200;

var data = new ArchiveData(classes, students, sessions);
Console.WriteLine($"Stored rolls: {classes} classes x {students} students x {sessions} sessions = {classes * sessions:N0} rolls, {(long)classes * sessions * students:N0} presences; "
    + $"{iterations} timed queries of each kind, {Environment.ProcessorCount} cores");
Console.WriteLine("| Database | Measure | p50 ms | p95 ms | baseline p95 ms (same run) | ratio | target | result |");
Console.WriteLine("|---|---|---:|---:|---:|---:|---|---|");

var failed = false;
var folder = Path.Combine(Path.GetTempPath(), "attendance-bench-archive-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(folder);
try
{
    if (which is "all" or "sqlite")
    {
        failed |= !await RunAsync("SQLite", "sqlite", "Data Source=" + Path.Combine(folder, "archive.db"));
    }

    if (which is "all" or "postgresql")
    {
        using var postgres = BenchPostgres.TryStart();
        if (postgres == null)
        {
            Console.WriteLine("| PostgreSQL | | | | | | | SKIPPED (no PostgreSQL) |");
        }
        else
        {
            failed |= !await RunAsync("PostgreSQL", "postgresql", postgres.CreateDatabase("archive"));
        }
    }
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(folder, recursive: true);
}

return failed ? 1 : 0;

async Task<bool> RunAsync(string title, string provider, string connectionString)
{
    await using var database = new LookupDatabase(new DatabaseOptions { Provider = provider, ConnectionString = connectionString });
    var (seconds, rows) = await data.WriteAsync(database);
    Console.WriteLine($"| {title} | generate the year (one transaction{(provider == "sqlite" ? ", prepared inserts" : ", binary COPY")}, then ANALYZE) | | | | | {rows:N0} rows in {seconds:F1} s | |");

    var archive = new SqlRollArchive(database, TimeZoneInfo.Utc);
    var random = new Random(14);
    var ok = true;

    // Warm-up: the first queries open connections and fill the page cache.
    for (var i = 0; i < 20; i++)
    {
        await archive.GetClassSheetAsync(ArchiveData.ClassCode(i), 2026, data.SemesterOf(i), PortalScope.All, CancellationToken.None);
        await archive.SearchRollsAsync(new RollSearch(), PortalScope.All, CancellationToken.None);
    }

    // The baseline goes the archive's way (a pooled connection opened per call, one parameterised query), so the
    // ratio is the query's own cost; the lookup store's prepared SQLite sessions would hide the connection's.
    var baseline = await TimeAsync(iterations, async () =>
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM students WHERE code = @code";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@code";
        parameter.Value = ArchiveData.StudentCode(random.Next(data.StudentPool));
        command.Parameters.Add(parameter);
        if (await command.ExecuteScalarAsync() == null)
        {
            throw new InvalidOperationException("no such student");
        }
    });
    Row(title, "plain indexed lookup (baseline): a student's name by code, connection opened as the archive does", baseline, null, "", null);

    var sheets = await TimeAsync(iterations, async () =>
    {
        var i = random.Next(classes);
        var scope = random.Next(2) == 0 ? PortalScope.All : PortalScope.ForProfessor(ArchiveData.ProfessorCode(i / ArchiveData.ClassesPerProfessor));
        var sheet = await archive.GetClassSheetAsync(ArchiveData.ClassCode(i), 2026, data.SemesterOf(i), scope, CancellationToken.None);
        if (sheet == null || sheet.Sessions.Count != sessions || sheet.Rows.Count != students)
        {
            throw new InvalidOperationException("wrong class sheet for " + ArchiveData.ClassCode(i));
        }
    });
    ok &= Row(title, $"class sheet ({sessions} sessions x {students} students; secretary or the class's professor)", sheets, baseline, $"p95 <= {TargetMilliseconds} ms", TargetMilliseconds);

    var kinds = new (string Name, Func<RollSearch> Search, Func<PortalScope> Scope)[]
    {
        ("newest first, no filter", () => new RollSearch(), () => PortalScope.All),
        ("a professor's own (scope in SQL)", () => new RollSearch(), () => PortalScope.ForProfessor(ArchiveData.ProfessorCode(random.Next(classes / ArchiveData.ClassesPerProfessor)))),
        ("by class", () => new RollSearch(ClassCode: ArchiveData.ClassCode(random.Next(classes))), () => PortalScope.All),
        ("by course and a week", () =>
        {
            var day = new DateOnly(2026, 9, 1).AddDays(random.Next(100));
            return new RollSearch(CourseCode: "K" + random.Next(ArchiveData.Courses), From: day, To: day.AddDays(6));
        }, () => PortalScope.All),
        ("by student code", () => new RollSearch(Student: ArchiveData.StudentCode(random.Next(data.StudentPool))), () => PortalScope.All),
        ("by student name (contains, any case)", () => new RollSearch(Student: "conceição " + ArchiveData.StudentCode(random.Next(data.StudentPool))[1..]), () => PortalScope.All),
        ("by student name, professor scope", () => new RollSearch(Student: "CONCEIÇÃO " + ArchiveData.StudentCode(random.Next(data.StudentPool))[1..]),
            () => PortalScope.ForProfessor(ArchiveData.ProfessorCode(random.Next(classes / ArchiveData.ClassesPerProfessor)))),
        ("page 40 of everything", () => new RollSearch(Page: 40), () => PortalScope.All),
    };
    var all = new List<double>();
    foreach (var (name, search, scope) in kinds)
    {
        var times = await TimeAsync(Math.Max(20, iterations / kinds.Length), () => archive.SearchRollsAsync(search(), scope(), CancellationToken.None));
        all.AddRange(times);
        Row(title, "roll search: " + name, times, baseline, "", null);
    }

    ok &= Row(title, "roll search, all kinds above together", all, baseline, $"p95 <= {TargetMilliseconds} ms", TargetMilliseconds);
    ok &= await UploadAsync(title, provider, connectionString);
    return ok;
}

async Task<bool> UploadAsync(string title, string provider, string connectionString)
{
    var builder = LookupServerApp.CreateBuilder([
        "--Lookup:BindAddress=127.0.0.1", "--Lookup:Port=0", "--Lookup:Database:Provider=" + provider, "--Lookup:Database:ConnectionString=" + connectionString,
        "--Lookup:Archive:TimeZone=UTC",
    ]);
    builder.Logging.ClearProviders();
    using var host = builder.Build();
    await LookupServerApp.PrepareDatabaseAsync(host.Services, CancellationToken.None);
    await host.StartAsync();
    try
    {
        var port = host.Services.GetRequiredService<LookupListener>().BoundPort;
        using var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync("127.0.0.1", port);
        var stream = client.GetStream();
        var reader = new StreamReader(stream, new UTF8Encoding(false));
        var greeting = (await reader.ReadLineAsync())!.Split('|');
        var terminal = 7;
        await Send(stream, "AUTENTICAR|" + ArchiveData.TerminalId(terminal) + "|" + LookupAuthentication.ComputeProof(data.Keys[terminal], greeting[2], ArchiveData.TerminalId(terminal)));
        if (await reader.ReadLineAsync() != "OK")
        {
            throw new InvalidOperationException("AUTENTICAR refused");
        }

        var lookups = new List<double>();
        var uploads = new List<double>();
        var count = Math.Max(20, iterations / 2);
        for (var n = -10; n < count; n++)
        {
            var i = (n + 10) * 7 % classes;
            var opened = data.OpenedUtc(i, sessions - 1) + 86400;
            var codes = Enumerable.Range(0, students).Select(seat => ArchiveData.StudentCode(data.StudentOf(i, seat))).ToArray();
            var lookup = codes.Select(code => "NOMEALUNO|" + code)
                .Concat(codes.Select(code => "MATRICULADO|" + code + "|" + ArchiveData.ClassCode(i) + "|K" + (i % ArchiveData.Courses) + "|2026|" + (data.SemesterOf(i) == 1 ? 3 : 10)))
                .ToArray();
            var roll = new RollContent(ArchiveData.TerminalId(terminal), ArchiveData.TerminalId(terminal) + "-bench-" + n + "-" + Guid.NewGuid().ToString("N")[..6],
                ArchiveData.ProfessorCode(i / ArchiveData.ClassesPerProfessor), ArchiveData.ClassCode(i), opened, opened + 5400, opened + 900, false,
                codes.Select((code, seat) => new RollContent.Swipe(code, opened + seat * 10)).ToArray());
            var upload = new List<string>
            {
                string.Join('|', "CHAMADA", roll.RollId, roll.ProfessorCode, roll.ClassCode, UploadTime.Text(opened), UploadTime.Text(opened + 5400), UploadTime.Text(opened + 900), "0", students.ToString()),
            };
            upload.AddRange(roll.Presences.Select(p => "PRESENCA|" + p.StudentCode + "|" + UploadTime.Text(p.FirstSwipeUtc)));
            upload.Add("FIMCHAMADA|" + roll.RollId + "|" + RollVerificationCode.Grouped(RollVerificationCode.Compute(data.Keys[terminal], roll)));

            var lookupTime = await RoundTripAsync(stream, reader, lookup, null);
            var uploadTime = await RoundTripAsync(stream, reader, upload.ToArray(), "CHAMADAGUARDADA|" + roll.RollId);
            if (n >= 0)
            {
                lookups.Add(lookupTime);
                uploads.Add(uploadTime);
            }
        }

        Row(title, $"close's lookup step over TCP (baseline): {students} NOMEALUNO + {students} MATRICULADO, one write", lookups, null, "", null);
        return Row(title, $"upload of a {students}-student roll over TCP: CHAMADA + {students} PRESENCA + FIMCHAMADA, one write, stored in one transaction", uploads, lookups,
            "one round trip (by the protocol); reported", null);
    }
    finally
    {
        await host.StopAsync();
    }
}

static async Task Send(NetworkStream stream, params string[] lines)
{
    var bytes = Encoding.UTF8.GetBytes(string.Concat(lines.Select(line => line + "\r\n")));
    await stream.WriteAsync(bytes);
}

static async Task<double> RoundTripAsync(NetworkStream stream, StreamReader reader, string[] lines, string? last)
{
    var watch = Stopwatch.StartNew();
    await Send(stream, lines);
    string? answer = null;
    for (var i = 0; i < lines.Length; i++)
    {
        answer = await reader.ReadLineAsync() ?? throw new InvalidOperationException("connection closed");
        if (answer.StartsWith("ERRO", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("answer " + answer + " to " + lines[i].Split('|')[0]);
        }
    }

    if (last != null && answer != last)
    {
        throw new InvalidOperationException("last answer " + answer + ", expected " + last);
    }

    return watch.Elapsed.TotalMilliseconds;
}

static async Task<List<double>> TimeAsync(int count, Func<Task> action)
{
    var times = new List<double>(count);
    for (var i = 0; i < count; i++)
    {
        var watch = Stopwatch.StartNew();
        await action();
        times.Add(watch.Elapsed.TotalMilliseconds);
    }

    return times;
}

static double Percentile(List<double> values, double fraction)
{
    var sorted = values.Order().ToArray();
    return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(fraction * sorted.Length) - 1)];
}

static bool Row(string title, string measure, List<double> times, List<double>? baseline, string target, double? limit)
{
    var p95 = Percentile(times, 0.95);
    var basis = baseline == null ? null : (double?)Percentile(baseline, 0.95);
    var pass = limit == null || p95 <= limit;
    var result = limit == null ? "" : pass ? "PASS" : "FAIL";
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {title} | {measure} | {Percentile(times, 0.5):F2} | {p95:F2} | {(basis == null ? "" : basis.Value.ToString("F2", CultureInfo.InvariantCulture))} | {(basis == null ? "" : (p95 / basis.Value).ToString("F1", CultureInfo.InvariantCulture) + "x")} | {target} | {result} |"));
    return pass;
}
