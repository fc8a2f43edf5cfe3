using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Attendance.LookupServer.Tests;

/// <summary>
/// A throw-away PostgreSQL cluster on a random loopback port in a temporary folder (initdb, pg_ctl), owned by
/// the postgres user when the tests run as root (PostgreSQL refuses to run as root). ATTENDANCE_POSTGRES_CONNECTION
/// names an existing server instead. When PostgreSQL cannot be started the tests fail, unless
/// ATTENDANCE_POSTGRES_ABSENT=1 says it is intentionally missing (then they are inconclusive).
/// </summary>
public sealed class PostgresCluster : IDisposable
{
    private readonly string? _folder;
    private readonly string? _binaries;
    private int _databases;

    private PostgresCluster(string adminConnectionString, string? folder, string? binaries)
    {
        AdminConnectionString = adminConnectionString;
        _folder = folder;
        _binaries = binaries;
    }

    public string AdminConnectionString { get; }

    public static PostgresCluster Start()
    {
        var existing = Environment.GetEnvironmentVariable("ATTENDANCE_POSTGRES_CONNECTION");
        if (!string.IsNullOrEmpty(existing))
        {
            return new PostgresCluster(existing, null, null);
        }

        var binaries = FindBinaries();
        if (binaries == null)
        {
            Unavailable("no PostgreSQL binaries (initdb) under /usr/lib/postgresql/*/bin; install the postgresql package");
        }

        var asRoot = Environment.UserName == "root";
        var folder = Path.Combine(Path.GetTempPath(), "attendance-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        if (asRoot)
        {
            Run("chown", ["postgres:postgres", folder], asPostgres: false);
        }

        var data = Path.Combine(folder, "data");
        var port = ToolProcess.FreeLoopbackPort();
        Run(Path.Combine(binaries!, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"], asRoot);
        Run(Path.Combine(binaries!, "pg_ctl"), ["-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60",
            "-o", "-p " + port + " -h 127.0.0.1 -k " + folder + " -c fsync=off -c max_connections=300", "start"], asRoot);
        return new PostgresCluster("Host=127.0.0.1;Port=" + port + ";Username=postgres;Database=postgres", folder, binaries);
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public string CreateDatabase()
    {
        var name = "attendance_" + Environment.ProcessId + "_" + Interlocked.Increment(ref _databases);
        using var connection = new Npgsql.NpgsqlConnection(AdminConnectionString);
        connection.Open();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "CREATE DATABASE " + name + " ENCODING 'UTF8'";
            command.ExecuteNonQuery();
        }

        var builder = new Npgsql.NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name };
        return builder.ToString();
    }

    /// <summary>Runs one statement as the cluster's administrator.</summary>
    public void Execute(string sql)
    {
        using var connection = new Npgsql.NpgsqlConnection(AdminConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// A new login role that may open at most <paramref name="connectionLimit"/> connections (-1: no limit) and an
    /// empty database it owns; returns the connection string as that role. Superusers are exempt from connection
    /// limits, so tests that exhaust connections use such a role.
    /// </summary>
    public string CreateOwnedDatabase(string role, int connectionLimit)
    {
        Execute("CREATE ROLE " + role + " LOGIN PASSWORD 'test' CONNECTION LIMIT " + connectionLimit);
        var admin = CreateDatabase();
        var database = new Npgsql.NpgsqlConnectionStringBuilder(admin).Database!;
        Execute("ALTER DATABASE " + database + " OWNER TO " + role);
        using (var connection = new Npgsql.NpgsqlConnection(admin))
        {
            // PostgreSQL 15 no longer lets every role create in the public schema: give it to the owner.
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "ALTER SCHEMA public OWNER TO " + role;
            command.ExecuteNonQuery();
        }

        return new Npgsql.NpgsqlConnectionStringBuilder(admin) { Username = role, Password = "test" }.ToString();
    }

    public void Dispose()
    {
        if (_folder == null)
        {
            return;
        }

        try
        {
            Run(Path.Combine(_binaries!, "pg_ctl"), ["-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop"], Environment.UserName == "root");
        }
        catch (Exception exception)
        {
            Console.Error.WriteLine("pg_ctl stop: " + exception.Message);
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void Unavailable(string reason)
    {
        if (Environment.GetEnvironmentVariable("ATTENDANCE_POSTGRES_ABSENT") == "1")
        {
            Assert.Inconclusive("PostgreSQL intentionally absent (ATTENDANCE_POSTGRES_ABSENT=1): " + reason);
        }

        Assert.Fail("PostgreSQL is required for these tests: " + reason + ". Set ATTENDANCE_POSTGRES_ABSENT=1 only where it is intentionally missing.");
    }

    private static string? FindBinaries()
    {
        var root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.GetDirectories(root)
            .Select(version => Path.Combine(version, "bin"))
            .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
            .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var v) ? v : 0)
            .FirstOrDefault();
    }

    private static void Run(string program, string[] arguments, bool asPostgres)
    {
        if (ToolProcess.Run(program, arguments, asPostgres ? ["runuser", "-u", "postgres", "--"] : []) is { } failure)
        {
            Unavailable(failure);
        }
    }
}
