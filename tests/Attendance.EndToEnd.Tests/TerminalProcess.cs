using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Attendance.EndToEnd.Tests;

/// <summary>
/// The host terminal (host/Attendance.HostTerminal, attendance-terminal.dll) as its own operating-system process,
/// so that a kill is a real SIGKILL with no clean-up. Its log (standard error) is collected line by line and the
/// test waits for the lines it expects instead of sleeping.
/// </summary>
public sealed class TerminalProcess : IDisposable
{
    private readonly Process process;
    private readonly List<string> logLines = [];
    private readonly List<string> lightLines = [];

    private TerminalProcess(Process process)
    {
        this.process = process;
    }

    /// <summary>Full path of attendance-terminal.dll, built by the test project's reference (see the .csproj).</summary>
    public static string ProgramPath { get; } = typeof(TerminalProcess).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == "HostTerminalPath").Value!;

    public bool HasExited => process.HasExited;

    /// <summary>Everything logged so far, for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (logLines)
            {
                return string.Join("\n", logLines);
            }
        }
    }

    public static TerminalProcess Start(string configFile, string serialPort, string dataFolder)
    {
        if (!File.Exists(ProgramPath))
        {
            throw new InvalidOperationException("The host terminal is not built at " + ProgramPath);
        }

        // The dotnet host running these tests (dotnet test sets DOTNET_HOST_PATH), so the terminal runs on the
        // same runtime even when "dotnet" on PATH is another installation.
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        var start = new ProcessStartInfo(string.IsNullOrEmpty(dotnet) || !File.Exists(dotnet) ? "dotnet" : dotnet)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardErrorEncoding = Encoding.UTF8,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in new[] { ProgramPath, "--config", configFile, "--serial", serialPort, "--data", dataFolder, "--no-colour" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var terminal = new TerminalProcess(process);
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data != null)
            {
                lock (terminal.logLines)
                {
                    terminal.logLines.Add(line.Data);
                }
            }
        };
        // The LED changes ("14:05:10.123  red ●  green ○"), one line each; read all along so the pipe never fills.
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data != null)
            {
                lock (terminal.lightLines)
                {
                    terminal.lightLines.Add(line.Data);
                }
            }
        };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return terminal;
    }

    /// <summary>The LED states drawn so far, oldest first, as "red ●  green ○" (time stamp removed).</summary>
    public string[] Lights()
    {
        lock (lightLines)
        {
            return lightLines.Select(line => line.Contains("red ", StringComparison.Ordinal) ? line[line.IndexOf("red ", StringComparison.Ordinal)..] : line).ToArray();
        }
    }

    /// <summary>How the LEDs are drawn: "red ●  green ○".</summary>
    public static string LightState(bool red, bool green) => "red " + (red ? "●" : "○") + "  green " + (green ? "●" : "○");

    /// <summary>Waits until the LEDs have been drawn in <paramref name="state"/> more than <paramref name="seenBefore"/> times.</summary>
    public void WaitForLights(string state, TimeSpan timeout, int seenBefore = 0)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Lights().Count(line => line == state) <= seenBefore)
        {
            if (DateTime.UtcNow > deadline || process.HasExited)
            {
                Assert.Fail("The LEDs were not drawn as '" + state + "' within " + timeout.TotalSeconds + " s. LEDs:\n"
                    + string.Join("\n", Lights()) + "\nLog:\n" + Log);
            }

            Thread.Sleep(25);
        }
    }

    /// <summary>Lines logged so far that contain <paramref name="text"/>.</summary>
    public string[] LinesContaining(string text)
    {
        lock (logLines)
        {
            return logLines.Where(line => line.Contains(text, StringComparison.Ordinal)).ToArray();
        }
    }

    /// <summary>
    /// Waits until the log holds more than <paramref name="seenBefore"/> lines containing <paramref name="text"/>
    /// and returns the newest; fails the test with the whole log on timeout or if the terminal exits.
    /// </summary>
    public string WaitForLog(string text, TimeSpan timeout, int seenBefore = 0)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var lines = LinesContaining(text);
            if (lines.Length > seenBefore)
            {
                return lines[^1];
            }

            if (process.HasExited)
            {
                process.WaitForExit();
                Assert.Fail("The terminal exited (code " + process.ExitCode + ") before logging '" + text + "'. Log:\n" + Log);
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("The terminal did not log '" + text + "' within " + timeout.TotalSeconds + " s. Log:\n" + Log);
            }

            Thread.Sleep(25);
        }
    }

    /// <summary>SIGKILL: no finally blocks, no flushing, as a power cut would leave the data folder.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: false);
        if (!process.WaitForExit(10000))
        {
            Assert.Fail("The terminal did not die within 10 s of SIGKILL");
        }
    }

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10000);
            }
        }
        finally
        {
            process.Dispose();
        }
    }
}
