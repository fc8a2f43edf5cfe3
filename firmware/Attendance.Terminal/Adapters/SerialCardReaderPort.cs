using System;
using System.IO.Ports;
using System.Threading;
using Attendance.Core.Hardware;

namespace Attendance.Terminal.Adapters
{
    /// <summary>
    /// The barcode reader's UART (8 data bits, no parity, 1 stop bit). <see cref="Read"/> waits on the port's
    /// DataReceived event and then copies only what <see cref="SerialPort.BytesToRead"/> says is buffered, so the
    /// native Read never blocks for more bytes than have arrived. Framing into card codes is Core's job.
    /// </summary>
    public sealed class SerialCardReaderPort : ICardReaderPort, IDisposable
    {
        private readonly SerialPort _port;
        private readonly AutoResetEvent _dataArrived = new AutoResetEvent(false);

        public SerialCardReaderPort(string portName, int baudRate)
        {
            _port = new SerialPort(portName, baudRate, Parity.None, 8, StopBits.One);
            _port.Handshake = Handshake.None;
            _port.DataReceived += OnDataReceived;
            _port.Open();
        }

        public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
        {
            if (_port.BytesToRead == 0)
            {
                // A stale signal from bytes already consumed only ends this wait early; the caller reads again.
                _dataArrived.WaitOne(timeoutMilliseconds, false);
            }

            int available = _port.BytesToRead;
            if (available == 0)
            {
                return 0;
            }

            try
            {
                return _port.Read(buffer, offset, available < count ? available : count);
            }
            catch (TimeoutException)
            {
                return 0;
            }
        }

        public void Dispose()
        {
            _port.DataReceived -= OnDataReceived;
            _port.Close();
            _port.Dispose();
        }

        private void OnDataReceived(object sender, SerialDataReceivedEventArgs e)
        {
            _dataArrived.Set();
        }
    }
}
