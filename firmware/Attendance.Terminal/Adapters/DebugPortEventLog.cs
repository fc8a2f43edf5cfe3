using System;
using Attendance.Core.Hardware;
using Attendance.Core.Logging;

namespace Attendance.Terminal.Adapters
{
    /// <summary>
    /// Log lines ("INF source: message") on the board's debug port, in Release builds too. The terminal's log is a
    /// <see cref="RingEventLog"/>, which keeps the last lines for the health report and hands each one to this sink.
    /// <para>
    /// Why <see cref="Console.WriteLine(string)"/>:
    /// - <c>Debug.WriteLine</c> is <c>[Conditional("DEBUG")]</c> and the .nfproj files do not define DEBUG, so a
    ///   Release image compiled every log call away and the board logged nothing.
    /// - In mscorlib (nanoFramework.CoreLibrary 1.17.11) <c>Console.WriteLine</c> calls the same native method as
    ///   <c>Debug.WriteLine</c> (<c>Debug.WriteLineNative</c>, <c>CLR_Debug::Emit</c> in nf-interpreter) but carries
    ///   no such attribute. With Visual Studio attached the line goes to its Output window over the wire protocol;
    ///   without a debugger the firmware writes it as plain text to its debug text port: on ESP32 the USB-serial
    ///   UART0 (COM1, 921600 baud, the port nanoff flashes through), on the STM32F769I-DISCO the ST-LINK virtual
    ///   COM port. Any serial monitor on that port shows the log; no setting and no pin are needed. nanoFramework's
    ///   own DebugLogger and unit-test launcher moved to Console.WriteLine for the same reason (nanoframework/Home
    ///   issues 737 and 738).
    /// - Not a UART of our own through System.IO.Ports: the ESP32 has three UARTs, COM1 is the debug and deploy
    ///   port and COM2 the card reader; COM3 would take two more GPIOs, which the Ethernet PHY and the PSRAM of
    ///   the recommended boards leave scarce, for output that COM1 already carries.
    /// - nanoFramework.Logging (its serial and stream loggers) is not served by the package feed this repository
    ///   builds from.
    /// The native call writes with no retries, so a port nobody reads never blocks the door loop.
    /// </para>
    /// </summary>
    public sealed class DebugPortEventLog : IEventLog
    {
        public void Write(LogLevel level, string source, string message)
        {
            Console.WriteLine(LogLevelName.Of(level) + " " + source + ": " + message);
        }
    }
}
