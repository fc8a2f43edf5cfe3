using System.Diagnostics;

namespace Attendance.EndToEnd.Tests;

/// <summary>
/// A serial line made of two pseudo-terminals joined by socat ("pty,raw,echo=0" on both ends), as an operator
/// would test a terminal without a reader: the terminal opens <see cref="TerminalSide"/> as its serial port
/// and the test writes card codes into <see cref="ReaderSide"/>.
/// </summary>
public sealed class SocatPair : IDisposable
{
    private readonly Process socat;
    private readonly string folder;
    private readonly FileStream readerStream;
    private readonly FileStream terminalKeepAlive;

    private SocatPair(Process socat, string folder)
    {
        this.socat = socat;
        this.folder = folder;
        // Both sides stay open for the pair's lifetime: when the last handle of either pty closes, socat reads a
        // hang-up (EIO) and ends the line. The terminal process may be killed and restarted, so this process
        // holds the terminal side too (it never reads from it, so the terminal still gets every byte).
        readerStream = new FileStream(ReaderSide, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
        terminalKeepAlive = new FileStream(TerminalSide, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
    }

    public string ReaderSide => Path.Combine(folder, "reader");

    public string TerminalSide => Path.Combine(folder, "terminal");

    public static SocatPair Start()
    {
        var folder = Directory.CreateTempSubdirectory("uart").FullName;
        var start = new ProcessStartInfo("socat")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("pty,raw,echo=0,link=" + Path.Combine(folder, "reader"));
        start.ArgumentList.Add("pty,raw,echo=0,link=" + Path.Combine(folder, "terminal"));
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("socat did not start");
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            Directory.Delete(folder, recursive: true);
            throw new InvalidOperationException("socat is not installed (apt-get install socat; see .ci/apt-packages)", exception);
        }


        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!(File.Exists(Path.Combine(folder, "reader")) && File.Exists(Path.Combine(folder, "terminal"))))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                var error = process.HasExited ? process.StandardError.ReadToEnd() : "(still running)";
                Stop(process);
                Directory.Delete(folder, recursive: true);
                throw new InvalidOperationException("socat did not create the pty pair within 10 s: " + error);
            }

            Thread.Sleep(20);
        }

        try
        {
            return new SocatPair(process, folder);
        }
        catch
        {
            Stop(process);
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    /// <summary>Writes bytes as the barcode reader would, in one chunk.</summary>
    public void WriteFromReader(byte[] bytes)
    {
        if (socat.HasExited)
        {
            throw new InvalidOperationException("socat has ended the line: " + socat.StandardError.ReadToEnd());
        }

        readerStream.Write(bytes);
        readerStream.Flush();
    }

    public void Dispose()
    {
        try
        {
            readerStream.Dispose();
            terminalKeepAlive.Dispose();
            Stop(socat);
        }
        finally
        {
            socat.Dispose();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit(5000);
        }
    }
}
