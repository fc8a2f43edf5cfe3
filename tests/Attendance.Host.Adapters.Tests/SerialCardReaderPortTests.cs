using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Attendance.Host.Adapters;
using Microsoft.Win32.SafeHandles;

namespace Attendance.Host.Adapters.Tests;

/// <summary>
/// The PC's serial adapter over a real pseudo-terminal pair, read as the door loop reads it (20 ms at a time)
/// while the machine is busy: every byte written must come out, in order.
/// </summary>
[TestClass]
public sealed class SerialCardReaderPortTests
{
    [TestMethod]
    public void Every_byte_arrives_through_short_reads_on_a_busy_machine()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Inconclusive("needs openpty (Linux)");
        }

        using var pair = PtyPair.Open();
        using var port = new SerialCardReaderPort(pair.SecondaryPath, 9600);

        // The lost-bytes race needs a read to time out while the port's loop is reading: short reads, bursts
        // written at random moments, and every core busy.
        using var busy = new CancellationTokenSource();
        var spinners = Enumerable.Range(0, Environment.ProcessorCount * 2)
            .Select(_ => new Thread(() => { while (!busy.IsCancellationRequested) { Thread.SpinWait(1000); } }) { IsBackground = true })
            .ToList();
        spinners.ForEach(thread => thread.Start());

        // One code at a time, at random moments around the door's 20 ms read timeout (as cards arrive at a real
        // door, only faster): most reads time out, and some time out just as a code arrives.
        var expected = new StringBuilder();
        var random = new Random(11);
        const int codes = 800;
        for (int i = 0; i < codes; i++)
        {
            expected.Append("C").Append(i.ToString("D5")).Append('\r');
        }

        byte[] sent = Encoding.ASCII.GetBytes(expected.ToString());
        var writer = new Thread(() =>
        {
            for (int i = 0; i < codes; i++)
            {
                pair.Primary.Write(sent, i * 7, 7);
                Thread.Sleep(random.Next(10, 31));
            }
        });
        writer.Start();

        var received = new MemoryStream();
        var buffer = new byte[64];
        var clock = Stopwatch.StartNew();
        while (received.Length < sent.Length && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            int count = port.Read(buffer, 0, buffer.Length, 20);
            received.Write(buffer, 0, count);
            if (!writer.IsAlive && count == 0 && received.Length < sent.Length && clock.Elapsed > TimeSpan.FromSeconds(5))
            {
                // Give the line a moment after the last write, then stop: what did not come is lost.
                Thread.Sleep(200);
                if (port.Read(buffer, 0, buffer.Length, 20) == 0)
                {
                    break;
                }
            }
        }

        busy.Cancel();
        writer.Join();
        string got = Encoding.ASCII.GetString(received.ToArray());
        Assert.AreEqual(sent.Length, got.Length, "bytes lost between the line and the reader");
        Assert.AreEqual(expected.ToString(), got);
    }

    /// <summary>A pseudo-terminal pair from openpty(3): the port opens the secondary side, the test writes the primary.</summary>
    private sealed class PtyPair : IDisposable
    {
        private readonly SafeFileHandle secondary;

        private PtyPair(FileStream primary, SafeFileHandle secondary, string path)
        {
            Primary = primary;
            this.secondary = secondary;
            SecondaryPath = path;
        }

        public FileStream Primary { get; }

        public string SecondaryPath { get; }

        public static PtyPair Open()
        {
            var name = new byte[256];
            if (openpty(out int primary, out int secondary, name, IntPtr.Zero, IntPtr.Zero) != 0)
            {
                throw new IOException("openpty failed with errno " + Marshal.GetLastPInvokeError());
            }

            string path = Encoding.ASCII.GetString(name, 0, Array.IndexOf(name, (byte)0));
            var attributes = new byte[256];
            if (tcgetattr(secondary, attributes) == 0)
            {
                // Raw, as a UART: no CR to LF translation, no echo (the port sets this too when it opens).
                cfmakeraw(attributes);
                tcsetattr(secondary, 0, attributes);
            }

            var primaryHandle = new SafeFileHandle(primary, ownsHandle: true);
            return new PtyPair(new FileStream(primaryHandle, FileAccess.ReadWrite, bufferSize: 0), new SafeFileHandle(secondary, ownsHandle: true), path);
        }

        public void Dispose()
        {
            Primary.Dispose();
            secondary.Dispose();
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int openpty(out int primary, out int secondary, byte[] name, IntPtr termios, IntPtr windowSize);

        [DllImport("libc", SetLastError = true)]
        private static extern int tcgetattr(int descriptor, byte[] termios);

        [DllImport("libc", SetLastError = true)]
        private static extern int tcsetattr(int descriptor, int optionalActions, byte[] termios);

        [DllImport("libc")]
        private static extern void cfmakeraw(byte[] termios);
    }
}
