// Package: nanoFramework.System.IO.Ports 1.1.139 (assembly System.IO.Ports)
// Reference API only: signatures as in nanoframework/System.IO.Ports at tag v1.1.139 (System.IO.Ports/SerialPort.cs,
// Handshake.cs, Parity.cs, StopBits.cs, SerialData.cs, SerialDataReceivedEventArgs.cs,
// SerialDataReceivedEventHandler.cs), bodies throw null. Only the members this repository uses; enums whole.
// README.md beside.

namespace System.IO.Ports
{
    public sealed class SerialPort : IDisposable
    {
        public SerialPort(string portName, int baudRate = 9600, Parity parity = Parity.None, int dataBits = 8, StopBits stopBits = StopBits.One) { }
        public void Open() { throw null; }
        public void Close() { throw null; }
        public Handshake Handshake { get { throw null; } set { throw null; } }
        public int BytesToRead { get { throw null; } }
        public event SerialDataReceivedEventHandler DataReceived { add { throw null; } remove { throw null; } }
        public int Read(byte[] buffer, int offset, int count) { throw null; }
        public void Dispose() { throw null; }
    }

    public enum Handshake
    {
        None,
        XOnXOff,
        RequestToSend,
        RequestToSendXOnXOff
    }

    public enum Parity
    {
        None = 0,
        Odd = 1,
        Even = 2
    }

    public enum StopBits
    {
        One = 1,
        Two = 2,
        OnePointFive = 3
    }

    public enum SerialData
    {
        Chars = 1,
        WatchChar = 2
    }

    public class SerialDataReceivedEventArgs : EventArgs
    {
        internal SerialDataReceivedEventArgs(SerialData eventCode) { }
        public SerialData EventType { get { throw null; } }
    }

    public delegate void SerialDataReceivedEventHandler(object sender, SerialDataReceivedEventArgs e);
}
