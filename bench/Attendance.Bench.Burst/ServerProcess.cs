using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Attendance.Bench.Burst;

/// <summary>
/// One lookup server instance as its own process (the Release build beside this bench), so that its memory is
/// its own and it can be killed like a crashed instance. Logging below Warning is off: 2,000 connection lines
/// per burst would time the console.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public int ProcessId => _process.Id;

    public static ServerProcess Start(string provider, string connectionString, int maxConnections, params string[] extraArguments)
    {
        var dll = FindServer();
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new List<string>
        {
            dll, "--Lookup:BindAddress=127.0.0.1", "--Lookup:Port=" + port, "--Lookup:MaxConnections=" + maxConnections,
            "--Lookup:Database:Provider=" + provider, "--Lookup:Database:ConnectionString=" + connectionString,
            "--Lookup:Database:SampleData=false", "--Logging:LogLevel:Default=Warning",

            // Every simulated terminal connects from 127.0.0.1, as 1,000 doors behind one NAT address would: such a
            // campus sets the per-address budget of logins in progress to its number of terminals (server/README.md,
            // "Hostile clients"). The attackers' idle connections come from other addresses.
            "--Lookup:Admission:MaxUnauthenticatedPerAddress=" + maxConnections,
            "--Logging:LogLevel:Attendance.LookupServer.Requests=Warning",
        }.Concat(extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the lookup server");
        process.OutputDataReceived += (_, line) => { if (line.Data != null) Console.Error.WriteLine("  [server " + port + "] " + line.Data); };
        process.ErrorDataReceived += (_, line) => { if (line.Data != null) Console.Error.WriteLine("  [server " + port + "] " + line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, port);
        server.WaitUntilListening();
        return server;
    }

    /// <summary>Resident set size now, in MiB (/proc/pid/status VmRSS).</summary>
    public double WorkingSetMiB => ReadStatusKiB("VmRSS:") / 1024.0;

    /// <summary>Highest resident set size since start, in MiB (VmHWM).</summary>
    public double PeakWorkingSetMiB => ReadStatusKiB("VmHWM:") / 1024.0;

    /// <summary>SIGKILL: the instance dies as in a crash, its connections reset by the kernel.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private long ReadStatusKiB(string field)
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/" + _process.Id + "/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    return long.Parse(line[field.Length..].Trim().Split(' ')[0]);
                }
            }
        }
        catch (IOException)
        {
        }

        return 0;
    }

    private void WaitUntilListening()
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException("the lookup server exited with " + _process.ExitCode + " at start");
            }

            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }

        throw new TimeoutException("the lookup server did not listen within 60 s");
    }

    private static string FindServer()
    {
        // bench/run builds this bench in Release, which builds the server's Release output beside its project.
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory != null && !File.Exists(Path.Combine(directory.FullName, "Attendance.Firmware.sln")))
        {
            directory = directory.Parent;
        }

        if (directory == null)
        {
            throw new InvalidOperationException("cannot find the repository root above " + AppContext.BaseDirectory);
        }

        var dll = Path.Combine(directory.FullName, "server", "Attendance.LookupServer", "bin", "Release", "net10.0", "Attendance.LookupServer.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException(dll + " is missing: build with dotnet build -c Release bench/Attendance.Bench.Burst/Attendance.Bench.Burst.csproj");
        }

        return dll;
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
