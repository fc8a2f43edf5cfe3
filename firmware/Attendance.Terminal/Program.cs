using System.Diagnostics;
using System.Threading;

namespace Attendance.Terminal
{
    /// <summary>
    /// Entry point of the board application. Skeleton: the device-application issue wires the adapters
    /// (UART, GPIO, sockets, flash) to Attendance.Core here.
    /// </summary>
    public class Program
    {
        public static void Main()
        {
            Debug.WriteLine("Attendance terminal starting");
            Thread.Sleep(Timeout.Infinite);
        }
    }
}
