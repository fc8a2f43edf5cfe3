using System.Collections.Concurrent;
using Attendance.Core.Hardware;

namespace Attendance.Host.Adapters;

/// <summary>
/// Card bytes typed on standard input (or piped in), one code per line. A background thread reads the input so
/// that <see cref="Read"/> can honour its timeout and the terminal keeps driving LEDs and the outbox.
/// </summary>
public sealed class StandardInputCardReaderPort : ICardReaderPort
{
    private readonly BlockingCollection<byte[]> chunks = new();
    private byte[]? pending;
    private int pendingOffset;

    public StandardInputCardReaderPort(Stream input)
    {
        var thread = new Thread(() => Pump(input)) { IsBackground = true, Name = "stdin card reader" };
        thread.Start();
    }

    /// <summary>True once the input has ended and every byte was read.</summary>
    public bool Ended => chunks.IsCompleted && pending == null;

    public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
    {
        if (pending == null)
        {
            if (!chunks.TryTake(out pending, Math.Max(0, timeoutMilliseconds)))
            {
                return 0;
            }

            pendingOffset = 0;
        }

        var copied = Math.Min(count, pending.Length - pendingOffset);
        Array.Copy(pending, pendingOffset, buffer, offset, copied);
        pendingOffset += copied;
        if (pendingOffset == pending.Length)
        {
            pending = null;
        }

        return copied;
    }

    private void Pump(Stream input)
    {
        var buffer = new byte[256];
        try
        {
            int read;
            while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
            {
                chunks.Add(buffer.AsSpan(0, read).ToArray());
            }
        }
        finally
        {
            chunks.CompleteAdding();
        }
    }
}
