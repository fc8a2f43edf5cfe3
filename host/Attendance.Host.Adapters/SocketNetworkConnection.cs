using System.Net.Sockets;
using Attendance.Core.Hardware;

namespace Attendance.Host.Adapters;

/// <summary>One connection opened by <see cref="SocketNetworkConnector"/>: a socket, read through a plain or TLS stream.</summary>
public sealed class SocketNetworkConnection : INetworkConnection
{
    private int _readTimeoutMilliseconds = 30_000;

    internal SocketNetworkConnection(Socket socket, Stream stream, bool isSecure)
    {
        Socket = socket;
        Stream = stream;
        IsSecure = isSecure;
        Stream.ReadTimeout = _readTimeoutMilliseconds;
    }

    public bool IsSecure { get; }

    internal Socket Socket { get; }

    internal Stream Stream { get; }

    public int ReadTimeoutMilliseconds
    {
        get => _readTimeoutMilliseconds;
        set
        {
            _readTimeoutMilliseconds = value;
            Stream.ReadTimeout = value <= 0 ? Timeout.Infinite : value;
        }
    }

    public int Read(byte[] buffer, int offset, int count)
    {
        try
        {
            return Stream.Read(buffer, offset, count);
        }
        catch (IOException exception) when (exception.InnerException is SocketException { SocketErrorCode: SocketError.TimedOut })
        {
            throw new NetworkException(NetworkFailure.Timeout, "Nothing received within " + _readTimeoutMilliseconds + " ms.", exception);
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or SocketException)
        {
            throw new NetworkException(NetworkFailure.ConnectionLost, "The connection broke while reading: " + exception.Message, exception);
        }
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        try
        {
            Stream.Write(buffer, offset, count);
            Stream.Flush();
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or SocketException)
        {
            throw new NetworkException(NetworkFailure.ConnectionLost, "The connection broke while writing: " + exception.Message, exception);
        }
    }

    public void Dispose()
    {
        Stream.Dispose();
        Socket.Dispose();
    }
}
