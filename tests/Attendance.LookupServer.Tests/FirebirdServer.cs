using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using FirebirdSql.Data.FirebirdClient;

namespace Attendance.LookupServer.Tests;

/// <summary>
/// A throw-away Firebird 3 server of Debian's firebird3.0-server, started privately: a temporary root folder
/// (FIREBIRD) holding its own firebird.conf (a free loopback port, its own IPC name), databases.conf and a copy
/// of the installed security database (SYSDBA's password from /etc/firebird/3.0/SYSDBA.password), with links
/// to the installed messages, plugins and character sets; /usr/sbin/firebird (SuperServer) runs in the
/// foreground as the firebird user when the tests run as root. The system service is never touched. When it
/// cannot be started the tests fail, unless ATTENDANCE_FIREBIRD_ABSENT=1 says Firebird is intentionally missing.
/// </summary>
public sealed class FirebirdServer : IDisposable
{
    private const string Installed = "/usr/lib/x86_64-linux-gnu/firebird/3.0";
    private readonly string _folder;
    private readonly int _port;
    private readonly string _password;
    private Process? _process;
    private int _databases;

    private FirebirdServer(string folder, int port, string password)
    {
        _folder = folder;
        _port = port;
        _password = password;
    }

    public static FirebirdServer Start()
    {
        if (!File.Exists("/usr/sbin/firebird") || !Directory.Exists(Installed))
        {
            Unavailable("no /usr/sbin/firebird; install the firebird3.0-server package");
        }

        var password = ReadSysdbaPassword();
        var folder = Path.Combine(Path.GetTempPath(), "attendance-firebird-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        foreach (var part in new[] { "lock", "tmp", "data" })
        {
            Directory.CreateDirectory(Path.Combine(folder, part));
        }

        foreach (var part in new[] { "intl", "lib", "plugins", "UDF", "firebird.msg", "plugins.conf" })
        {
            File.CreateSymbolicLink(Path.Combine(folder, part), Path.Combine(Installed, part));
        }

        try
        {
            File.Copy("/var/lib/firebird/3.0/system/security3.fdb", Path.Combine(folder, "security3.fdb"));
        }
        catch (UnauthorizedAccessException exception)
        {
            // The installed security database is readable by root and the firebird group only.
            Unavailable("cannot copy /var/lib/firebird/3.0/system/security3.fdb (" + exception.Message + "): run the tests as root or in the firebird group");
        }

        var port = ToolProcess.FreeLoopbackPort();
        File.WriteAllText(Path.Combine(folder, "firebird.conf"),
            "RemoteServicePort = " + port + "\nRemoteBindAddress = 127.0.0.1\nSecurityDatabase = " + Path.Combine(folder, "security3.fdb")
            + "\nUdfAccess = None\nIpcName = attendance_fb_" + port + "\nRemotePipeName = attendance_fb_" + port + "\n");
        File.WriteAllText(Path.Combine(folder, "databases.conf"), "security.db = " + Path.Combine(folder, "security3.fdb") + "\n");
        if (AsRoot)
        {
            Run("chown", ["-R", "firebird:firebird", folder]);
        }

        var server = new FirebirdServer(folder, port, password);
        server.Launch();
        return server;
    }

    private static bool AsRoot => Environment.UserName == "root";

    /// <summary>A new empty database (UTF8, 16 KB pages, no forced writes) and its SYSDBA connection string.</summary>
    public string CreateDatabase()
    {
        var path = Path.Combine(_folder, "data", "attendance_" + Interlocked.Increment(ref _databases) + ".fdb");
        var connectionString = new FbConnectionStringBuilder
        {
            DataSource = "127.0.0.1",
            Port = _port,
            Database = path,
            UserID = "SYSDBA",
            Password = _password,
            Charset = "UTF8",
        }.ConnectionString;
        FbConnection.CreateDatabase(connectionString, pageSize: 16384, forcedWrites: false);
        return connectionString;
    }

    /// <summary>Runs statements, each in its own transaction, on a database of this server.</summary>
    public static void Execute(string connectionString, params string[] statements)
    {
        using var connection = new FbConnection(connectionString);
        connection.Open();
        foreach (var statement in statements)
        {
            using var transaction = connection.BeginTransaction();
            using var command = new FbCommand(statement, connection, transaction);
            command.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    /// <summary>Kills the server (SIGKILL), as a crash or a pulled cable would.</summary>
    public void Kill()
    {
        _process!.Kill(entireProcessTree: true);
        _process.WaitForExit(30_000);
        _process.Dispose();
        _process = null;
    }

    /// <summary>Starts the killed server again on the same databases and port.</summary>
    public void Restart() => Launch();

    public void Dispose()
    {
        try
        {
            _process?.Kill(entireProcessTree: true);
            _process?.WaitForExit(30_000);
        }
        catch (InvalidOperationException)
        {
        }

        FbConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Launch()
    {
        var start = new ProcessStartInfo(AsRoot ? "runuser" : "/usr/sbin/firebird") { WorkingDirectory = "/", RedirectStandardOutput = true, RedirectStandardError = true };
        if (AsRoot)
        {
            foreach (var part in new[] { "-u", "firebird", "--", "/usr/sbin/firebird" })
            {
                start.ArgumentList.Add(part);
            }
        }

        start.Environment["FIREBIRD"] = _folder;
        start.Environment["FIREBIRD_LOCK"] = Path.Combine(_folder, "lock");
        start.Environment["FIREBIRD_TMP"] = Path.Combine(_folder, "tmp");
        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start firebird");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, _port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                Thread.Sleep(50);
            }
            catch (SocketException exception)
            {
                var log = Path.Combine(_folder, "firebird.log");
                Unavailable("firebird did not listen on port " + _port + " (" + exception.Message + "): " + (File.Exists(log) ? File.ReadAllText(log) : "no log"));
            }
        }
    }

    private static string ReadSysdbaPassword()
    {
        const string file = "/etc/firebird/3.0/SYSDBA.password";
        try
        {
            var line = File.ReadAllLines(file).FirstOrDefault(text => text.StartsWith("ISC_PASSWORD=", StringComparison.Ordinal));
            if (line != null)
            {
                return line["ISC_PASSWORD=".Length..].Trim('"');
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Unavailable("cannot read " + file + " (" + exception.Message + ")");
        }

        Unavailable(file + " has no ISC_PASSWORD line");
        return "";
    }

    private static void Unavailable(string reason)
    {
        if (Environment.GetEnvironmentVariable("ATTENDANCE_FIREBIRD_ABSENT") == "1")
        {
            Assert.Inconclusive("Firebird intentionally absent (ATTENDANCE_FIREBIRD_ABSENT=1): " + reason);
        }

        Assert.Fail("Firebird is required for these tests: " + reason + ". Set ATTENDANCE_FIREBIRD_ABSENT=1 only where it is intentionally missing.");
    }

    private static void Run(string program, string[] arguments)
    {
        if (ToolProcess.Run(program, arguments) is { } failure)
        {
            Unavailable(failure);
        }
    }
}
