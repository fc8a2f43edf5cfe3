using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Attendance.LookupServer.Tests;

/// <summary>
/// What the private database servers' fixtures (PostgresCluster, MariaDbServer, FirebirdServer) share: a free
/// loopback port, and running a set-up tool to its end with its output read as it comes (a tool that writes more
/// than a pipe holds never blocks) and a bound on its time.
/// </summary>
internal static class ToolProcess
{
    public static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>
    /// Runs <paramref name="program"/> (through <paramref name="prefix"/>, e.g. <c>runuser -u postgres --</c>, when
    /// given) from "/" and waits at most 90 s; returns null when it exited 0, else why it failed.
    /// </summary>
    public static string? Run(string program, IEnumerable<string> arguments, params string[] prefix)
    {
        var start = new ProcessStartInfo(prefix.Length > 0 ? prefix[0] : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        };
        foreach (var argument in prefix.Skip(1).Concat(prefix.Length > 0 ? [program] : []).Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + program);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(90_000))
        {
            process.Kill(entireProcessTree: true);
            return program + " did not finish in 90 s";
        }

        return process.ExitCode == 0 ? null : Path.GetFileName(program) + " failed (" + process.ExitCode + "): " + errors.Result + output.Result;
    }
}
