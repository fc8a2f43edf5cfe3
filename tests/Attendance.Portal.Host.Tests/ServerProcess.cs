using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Attendance.LookupServer;

namespace Attendance.Portal.Host.Tests;

/// <summary>
/// The real lookup server (the built Attendance.LookupServer.dll beside the tests, as `dotnet run --project
/// server/Attendance.LookupServer` runs it) as a process in a folder of its own, with the portal on a free port.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, string folder)
    {
        _process = process;
        Folder = folder;
    }

    public string Folder { get; }

    /// <summary>The portal's address, e.g. http://127.0.0.1:41234, once it listens.</summary>
    public Uri PortalAddress { get; private set; } = null!;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static string ServerDll => typeof(LookupServerApp).Assembly.Location;

    /// <summary>A server with the portal, a SQLite database in <paramref name="folder"/>, lookups on a free loopback port.</summary>
    public static async Task<ServerProcess> StartAsync(string folder, params string[] settings)
    {
        var process = Start(folder, ["--Lookup:BindAddress=127.0.0.1", "--Lookup:Port=0", "--Portal:Port=0", "--MailArchive:Enabled=false", .. settings]);
        var server = new ServerProcess(process, folder);
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Line(string? text)
        {
            if (text == null)
            {
                listening.TrySetException(new AssertFailedException("the server stopped:\n" + server.Output));
                return;
            }

            lock (server._output)
            {
                server._output.AppendLine(text);
            }

            var match = Regex.Match(text, @"Portal listening on (https?://\S+)");
            if (match.Success)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value));
            }
        }

        process.OutputDataReceived += (_, line) => Line(line.Data);
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data != null)
            {
                Line(line.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            server.PortalAddress = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            await server.DisposeAsync();
            throw new AssertFailedException("the portal did not listen within 60 s:\n" + server.Output);
        }

        return server;
    }

    /// <summary>Runs a command (users, terminals...) or a server that is expected to stop by itself; returns its exit code and output.</summary>
    public static async Task<(int Status, string Output, string Errors)> RunAsync(string folder, string? input, params string[] arguments)
    {
        using var process = Start(folder, arguments, input != null);
        if (input != null)
        {
            await process.StandardInput.WriteLineAsync(input);
            process.StandardInput.Close();
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("'" + string.Join(" ", arguments) + "' did not finish in 60 s");
        }

        return (process.ExitCode, await output, await errors);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static Process Start(string folder, string[] arguments, bool input = false)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input,
        };
        start.ArgumentList.Add(ServerDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }
}
