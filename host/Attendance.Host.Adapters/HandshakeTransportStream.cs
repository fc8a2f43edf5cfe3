namespace Attendance.Host.Adapters;

/// <summary>
/// The stream under an <see cref="System.Net.Security.SslStream"/>, passing every call through while noting
/// whether the transport itself failed: the peer closed (a read returned 0), the connection was reset or broke
/// (an I/O error from the socket). <see cref="SocketNetworkConnector"/> asks it after a failed handshake to tell
/// a cut handshake (transient: try again later) from a TLS refusal (certificate not trusted, wrong name, a peer
/// that does not speak TLS: permanent until the configuration changes). SslStream's own exceptions do not say
/// which: an EOF and a garbled record both come out as <see cref="IOException"/>.
/// </summary>
internal sealed class HandshakeTransportStream(Stream inner) : Stream
{
    /// <summary>True once a read returned 0 bytes or the transport threw.</summary>
    public bool TransportFailed { get; private set; }

    public string TransportFailure { get; private set; } = string.Empty;

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override bool CanTimeout => inner.CanTimeout;

    public override int ReadTimeout
    {
        get => inner.ReadTimeout;
        set => inner.ReadTimeout = value;
    }

    public override int WriteTimeout
    {
        get => inner.WriteTimeout;
        set => inner.WriteTimeout = value;
    }

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return Received(inner.Read(buffer));
        }
        catch (Exception exception) when (IsTransport(exception))
        {
            throw Failed(exception);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return Received(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception exception) when (IsTransport(exception))
        {
            throw Failed(exception);
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        try
        {
            inner.Write(buffer);
        }
        catch (Exception exception) when (IsTransport(exception))
        {
            throw Failed(exception);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsTransport(exception))
        {
            throw Failed(exception);
        }
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private static bool IsTransport(Exception exception) =>
        exception is IOException or System.Net.Sockets.SocketException or ObjectDisposedException;

    private int Received(int count)
    {
        if (count == 0)
        {
            TransportFailed = true;
            TransportFailure = "the peer closed the connection";
        }

        return count;
    }

    private Exception Failed(Exception exception)
    {
        TransportFailed = true;
        TransportFailure = exception.InnerException?.Message ?? exception.Message;
        return exception;
    }
}
