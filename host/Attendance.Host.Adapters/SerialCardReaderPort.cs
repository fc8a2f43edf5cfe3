using System.IO.Ports;
using Attendance.Core.Hardware;

namespace Attendance.Host.Adapters;

/// <summary>
/// Card bytes from a real serial port: a USB barcode reader in serial (CDC/VCP) mode, a USB-RS-232 adapter, or
/// one end of a pseudo-terminal pair. 8N1 without flow control, as barcode readers ship.
/// </summary>
public sealed class SerialCardReaderPort : ICardReaderPort, IDisposable
{
    private readonly SerialPort port;

    public SerialCardReaderPort(string portName, int baudRate)
    {
        port = new SerialPort(portName, baudRate, Parity.None, 8, StopBits.One)
        {
            Handshake = Handshake.None,
            ReadTimeout = 100,
        };
        port.Open();
    }

    public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
    {
        port.ReadTimeout = Math.Max(1, timeoutMilliseconds);
        try
        {
            return port.Read(buffer, offset, count);
        }
        catch (TimeoutException)
        {
            return 0;
        }
    }

    public void Dispose() => port.Dispose();
}
