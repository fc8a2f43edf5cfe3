namespace Attendance.Bench.Mail;

/// <summary>
/// Peak live managed heap while a message is written, measured by forcing a full, compacting collection at
/// every chunk the writer hands to its sink (<c>GC.GetTotalMemory(true)</c>) and keeping the largest value,
/// minus the live heap just before writing (the report and settings, which exist anyway). Between two chunks
/// the writer only holds its state, so the largest sample is its live set; short-lived garbage, which a GC
/// collects, is not counted (that is the allocation figure's job). The host's figure includes up to one
/// allocation context (a few KB), so it is an upper bound; references are 8 bytes here and 4 on the board.
/// </summary>
internal sealed class PeakLiveHeap
{
    private readonly long before;

    public PeakLiveHeap()
    {
        before = GC.GetTotalMemory(true);
    }

    public long Peak { get; private set; }

    public int Samples { get; private set; }

    public void Sample()
    {
        Samples++;
        Peak = Math.Max(Peak, GC.GetTotalMemory(true) - before);
    }
}

/// <summary>Counts bytes and samples the live heap at every chunk.</summary>
internal sealed class SamplingSink(PeakLiveHeap heap) : Attendance.Core.Mail.Message.IMessageSink
{
    public long Total;

    public void Write(byte[] buffer, int offset, int count)
    {
        Total += count;
        heap.Sample();
    }
}

/// <summary>A stream that discards what MimeKit writes and samples the live heap at every write.</summary>
internal sealed class SamplingStream(PeakLiveHeap heap) : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => heap.Sample();
}
