using System.Threading;
using Attendance.Core.Configuration;
using Attendance.Terminal.Adapters;
using nanoFramework.Networking;

namespace Attendance.Terminal.Startup
{
    /// <summary>
    /// Starts the firmware's SNTP client (RFC 4330) with the configured servers. It keeps correcting the clock
    /// every hour afterwards; the terminal only waits for the first answer, because a roll opened on an unset
    /// clock would date every swipe in 1970.
    /// </summary>
    public static class TimeStartup
    {
        public static void StartSntp(TerminalSettings settings)
        {
            if (settings.SntpServers.Length > 0)
            {
                Sntp.Server1 = settings.SntpServers[0];
            }

            if (settings.SntpServers.Length > 1)
            {
                Sntp.Server2 = settings.SntpServers[1];
            }

            if (!Sntp.IsStarted)
            {
                Sntp.Start();
            }

            Sntp.UpdateNow();
        }

        /// <summary>Waits up to <paramref name="timeoutMilliseconds"/> for a valid date; true when the clock is set.</summary>
        public static bool WaitForTime(RtcClock clock, int timeoutMilliseconds)
        {
            int waited = 0;
            while (!clock.IsSet && waited < timeoutMilliseconds)
            {
                Thread.Sleep(250);
                waited += 250;
            }

            return clock.IsSet;
        }
    }
}
