using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Attendance.Core.Hardware;

namespace Attendance.Bench.Stall;

/// <summary>
/// The barcode reader's UART: bytes written by the benchmark come out of the next Read, which blocks up to its
/// timeout like the real port. Records when each chunk was written (the swipe's last byte).
/// </summary>
internal sealed class FeedingCardPort : ICardReaderPort
{
    private readonly BlockingCollection<byte[]> chunks = new();

    public void Write(byte[] bytes) => chunks.Add(bytes);

    public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
    {
        if (!chunks.TryTake(out var bytes, timeoutMilliseconds))
        {
            return 0;
        }

        bytes.CopyTo(buffer, offset);
        return bytes.Length;
    }
}

/// <summary>The LEDs: each change is time-stamped (Stopwatch ticks) and can be waited for.</summary>
internal sealed class TimedLights : IIndicatorLights
{
    private readonly object gate = new();
    private long changes;
    private bool red;
    private bool green;
    private long changedAt;

    public void Set(bool redOn, bool greenOn)
    {
        lock (gate)
        {
            red = redOn;
            green = greenOn;
            changedAt = Stopwatch.GetTimestamp();
            changes++;
            Monitor.PulseAll(gate);
        }
    }

    /// <summary>Waits for a change after <paramref name="afterChange"/> to the given state; returns its time stamp.</summary>
    public long WaitFor(bool redOn, bool greenOn, long afterChange, int timeoutMilliseconds)
    {
        var deadline = Environment.TickCount64 + timeoutMilliseconds;
        lock (gate)
        {
            while (changes <= afterChange || red != redOn || green != greenOn)
            {
                var left = deadline - Environment.TickCount64;
                if (left <= 0)
                {
                    throw new TimeoutException("the LEDs never showed red=" + redOn + " green=" + greenOn);
                }

                Monitor.Wait(gate, (int)left);
            }

            return changedAt;
        }
    }

    public long Changes
    {
        get
        {
            lock (gate)
            {
                return changes;
            }
        }
    }
}

/// <summary>A server that accepts every connection and never sends a byte (SMTP without a greeting, a black-holed lookup host).</summary>
internal sealed class SilentServer : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly List<Socket> held = [];
    private readonly Thread accepting;

    public SilentServer()
    {
        listener.Start();
        accepting = new Thread(Accept) { IsBackground = true };
        accepting.Start();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public int Accepted
    {
        get
        {
            lock (held)
            {
                return held.Count;
            }
        }
    }

    public void Dispose()
    {
        listener.Stop();
        lock (held)
        {
            held.ForEach(socket => socket.Dispose());
        }
    }

    private void Accept()
    {
        try
        {
            while (true)
            {
                var socket = listener.AcceptSocket();
                lock (held)
                {
                    held.Add(socket);
                }
            }
        }
        catch (SocketException)
        {
            // stopped
        }
    }
}

/// <summary>Drops the log (the console is not what is timed).</summary>
internal sealed class NullLog : IEventLog
{
    public void Write(LogLevel level, string source, string message)
    {
    }
}
