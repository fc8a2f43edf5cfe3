using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Attendance.Bench.Burst;

/// <summary>
/// A throw-away PostgreSQL cluster on a free loopback port (initdb, pg_ctl; run as the postgres user when the bench
/// runs as root), like tests/Attendance.LookupServer.Tests/PostgresCluster.cs, or the server named by
/// ATTENDANCE_POSTGRES_CONNECTION. max_connections is 300 so that two server instances with their pools fit.
/// </summary>
public sealed class BenchPostgres : IDisposable
{
    private readonly string? _folder;
    private readonly string? _binaries;

    private BenchPostgres(string adminConnectionString, string? folder, string? binaries)
    {
        AdminConnectionString = adminConnectionString;
        _folder = folder;
        _binaries = binaries;
    }

    public string AdminConnectionString { get; }

    /// <summary>Null when there is no PostgreSQL on this machine (the reason goes to standard error).</summary>
    public static BenchPostgres? TryStart()
    {
        var existing = Environment.GetEnvironmentVariable("ATTENDANCE_POSTGRES_CONNECTION");
        if (!string.IsNullOrEmpty(existing))
        {
            return new BenchPostgres(existing, null, null);
        }

        var binaries = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb"))).OrderDescending().FirstOrDefault()
            : null;
        if (binaries == null)
        {
            Console.Error.WriteLine("no PostgreSQL binaries under /usr/lib/postgresql/*/bin (install postgresql, or set ATTENDANCE_POSTGRES_CONNECTION)");
            return null;
        }

        var asRoot = Environment.UserName == "root";
        var folder = Path.Combine(Path.GetTempPath(), "attendance-bench-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        if (asRoot)
        {
            Run("chown", ["postgres:postgres", folder], false);
        }

        var data = Path.Combine(folder, "data");
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        Run(Path.Combine(binaries, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"], asRoot);
        Run(Path.Combine(binaries, "pg_ctl"), ["-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60",
            "-o", "-p " + port + " -h 127.0.0.1 -k " + folder + " -c fsync=off -c max_connections=300", "start"], asRoot);
        return new BenchPostgres("Host=127.0.0.1;Port=" + port + ";Username=postgres;Database=postgres", folder, binaries);
    }

    public string CreateDatabase(string name)
    {
        using var connection = new Npgsql.NpgsqlConnection(AdminConnectionString);
        connection.Open();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "CREATE DATABASE " + name + " ENCODING 'UTF8'";
            command.ExecuteNonQuery();
        }

        return new Npgsql.NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ToString();
    }

    public void Dispose()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        if (_folder == null)
        {
            return;
        }

        try
        {
            Run(Path.Combine(_binaries!, "pg_ctl"), ["-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop"], Environment.UserName == "root");
            Directory.Delete(_folder, recursive: true);
        }
        catch (Exception exception)
        {
            Console.Error.WriteLine("stopping PostgreSQL: " + exception.Message);
        }
    }

    private static void Run(string program, string[] arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        if (asPostgres)
        {
            foreach (var part in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(part);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + program);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(90_000) || process.ExitCode != 0)
        {
            throw new InvalidOperationException(Path.GetFileName(program) + " failed: " + errors.Result + output.Result);
        }
    }
}
