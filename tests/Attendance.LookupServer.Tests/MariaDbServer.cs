using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MySqlConnector;

namespace Attendance.LookupServer.Tests;

/// <summary>
/// A throw-away MariaDB server in a temporary folder (mariadb-install-db, then mariadbd on a free loopback port and
/// a socket in that folder, run as the mysql user when the tests run as root; no binary log, and commits written
/// to the OS at once but not synced: they survive the killed server of the tests, not a machine crash).
/// ATTENDANCE_MARIADB_CONNECTION names an existing server (an administrator's connection string) instead. When
/// MariaDB cannot be started the tests fail, unless ATTENDANCE_MARIADB_ABSENT=1 says it is intentionally missing
/// (then they are inconclusive). The server can be killed and started again on the same data (<see cref="Kill"/>,
/// <see cref="Restart"/>), for the tests of a server that goes away.
/// </summary>
public sealed class MariaDbServer : IDisposable
{
    private readonly string? _folder;
    private readonly int _port;
    private Process? _process;
    private int _databases;

    private readonly string _adminTemplate;

    private MariaDbServer(string adminConnectionString, string? folder, int port)
    {
        _adminTemplate = adminConnectionString;
        _folder = folder;
        _port = port;
    }

    /// <summary>The administrator's connection string (root over TCP for a server this fixture started).</summary>
    public string AdminConnectionString => Admin();

    /// <summary>False for a server named by ATTENDANCE_MARIADB_CONNECTION: that one is not killed by tests.</summary>
    public bool OwnProcess => _folder != null;

    public static MariaDbServer Start()
    {
        var existing = Environment.GetEnvironmentVariable("ATTENDANCE_MARIADB_CONNECTION");
        if (!string.IsNullOrEmpty(existing))
        {
            return new MariaDbServer(existing, null, 0);
        }

        if (!File.Exists("/usr/sbin/mariadbd") || !File.Exists("/usr/bin/mariadb-install-db"))
        {
            Unavailable("no /usr/sbin/mariadbd or /usr/bin/mariadb-install-db; install the mariadb-server package");
        }

        var folder = Path.Combine(Path.GetTempPath(), "attendance-mariadb-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        if (AsRoot)
        {
            Run("chown", ["mysql:mysql", folder]);
        }

        Run("/usr/bin/mariadb-install-db", ["--no-defaults", "--datadir=" + Path.Combine(folder, "data"), "--user=" + User,
            "--auth-root-authentication-method=normal", "--skip-test-db", "--skip-name-resolve"]);
        var server = new MariaDbServer("Server=127.0.0.1;Port={port};User ID=root;Database=mysql;Pooling=false", folder, ToolProcess.FreeLoopbackPort());
        server.Launch();
        return server;
    }

    private static bool AsRoot => Environment.UserName == "root";

    private static string User => AsRoot ? "mysql" : Environment.UserName;

    /// <summary>Creates an empty database and returns the connection string of a user that owns it.</summary>
    public string CreateDatabase(int maximumUserConnections = 0)
    {
        var number = Interlocked.Increment(ref _databases);
        var name = "attendance_" + Environment.ProcessId + "_" + number;
        var user = "lookup_" + Environment.ProcessId + "_" + number;
        Execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin");
        // TRIGGER: the migration creates the answer cache's change triggers.
        Execute("CREATE USER '" + user + "'@'127.0.0.1' IDENTIFIED BY 'test' WITH MAX_USER_CONNECTIONS " + maximumUserConnections);
        Execute("GRANT ALL PRIVILEGES ON " + name + ".* TO '" + user + "'@'127.0.0.1'");
        return new MySqlConnectionStringBuilder(Admin()) { Database = name, UserID = user, Password = "test", Pooling = true }.ConnectionString;
    }

    /// <summary>Runs one statement as the server's administrator.</summary>
    public void Execute(string sql)
    {
        using var connection = new MySqlConnection(Admin());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Kills the server (SIGKILL: no goodbye to its clients), as a crash or a pulled cable would.</summary>
    public void Kill()
    {
        if (_process == null)
        {
            throw new InvalidOperationException("only a server this fixture started can be killed");
        }

        _process.Kill();
        _process.WaitForExit(30_000);
        _process.Dispose();
        _process = null;
    }

    /// <summary>Starts the killed server again on the same data and port.</summary>
    public void Restart() => Launch();

    public void Dispose()
    {
        if (_folder == null)
        {
            return;
        }

        try
        {
            _process?.Kill();
            _process?.WaitForExit(30_000);
        }
        catch (InvalidOperationException)
        {
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string Admin() => _adminTemplate.Replace("{port}", _port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private void Launch()
    {
        var folder = _folder!;
        // Its output is read and dropped (the log is error.log): start-up warnings must not mix into a test's or bench's output.
        var start = new ProcessStartInfo("/usr/sbin/mariadbd")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        };
        foreach (var argument in new[]
        {
            "--no-defaults", "--datadir=" + Path.Combine(folder, "data"), "--user=" + User, "--port=" + _port, "--bind-address=127.0.0.1",
            "--socket=" + Path.Combine(folder, "mysqld.sock"), "--pid-file=" + Path.Combine(folder, "mysqld.pid"),
            "--log-error=" + Path.Combine(folder, "error.log"), "--skip-name-resolve", "--skip-log-bin",
            "--innodb-flush-log-at-trx-commit=2", "--innodb-buffer-pool-size=64M", "--max-connections=300",
        })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start mariadbd");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var connection = new MySqlConnection(Admin());
                connection.Open();
                return;
            }
            catch (MySqlException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                Thread.Sleep(100);
            }
            catch (MySqlException exception)
            {
                var log = Path.Combine(folder, "error.log");
                Unavailable("mariadbd did not accept connections (" + exception.Message + "): " + (File.Exists(log) ? File.ReadAllText(log) : "no log"));
            }
        }
    }

    private static void Unavailable(string reason)
    {
        if (Environment.GetEnvironmentVariable("ATTENDANCE_MARIADB_ABSENT") == "1")
        {
            Assert.Inconclusive("MariaDB intentionally absent (ATTENDANCE_MARIADB_ABSENT=1): " + reason);
        }

        Assert.Fail("MariaDB is required for these tests: " + reason + ". Set ATTENDANCE_MARIADB_ABSENT=1 only where it is intentionally missing.");
    }

    private static void Run(string program, string[] arguments)
    {
        if (ToolProcess.Run(program, arguments) is { } failure)
        {
            Unavailable(failure);
        }
    }
}
