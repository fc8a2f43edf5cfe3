using System;
using System.Threading;
using Attendance.Core.Hardware;
using nanoFramework.Runtime.Native;

namespace Attendance.Terminal.Startup
{
    /// <summary>
    /// Software watchdog. The main loop calls <see cref="Beat"/> after every step; a separate thread reboots the
    /// board when no beat arrives for <see cref="StallLimitMilliseconds"/>. Nothing is lost by the reboot: the open
    /// roll is journaled and unsent mail waits in the flash outbox. nanoFramework exposes no managed hardware
    /// watchdog (nanoFramework.Hardware.Esp32 has Configuration, Sleep, HighResTimer, Logging, NativeMemory, Touch,
    /// pulse counters; System.Device.* has none), so this thread stands in for one.
    /// </summary>
    public sealed class Supervisor
    {
        /// <summary>
        /// Longer than the slowest healthy step: a roll close with a lookup (10 s timeout) and an SMTP session
        /// (30 s per reply) is well under three minutes even when every peer is slow.
        /// </summary>
        public const int StallLimitMilliseconds = 180000;

        private const int CheckIntervalMilliseconds = 5000;

        private readonly IEventLog _log;
        private readonly object _lock = new object();
        private long _lastBeat;
        private string _phase = "start-up";

        public Supervisor(IEventLog log)
        {
            _log = log;
            _lastBeat = Environment.TickCount64;
        }

        /// <summary>Starts the watching thread.</summary>
        public void Start()
        {
            var thread = new Thread(Watch);
            thread.Start();
        }

        /// <summary>Proof of life from the main loop, with what it is doing (shown if it stalls).</summary>
        public void Beat(string phase)
        {
            lock (_lock)
            {
                _lastBeat = Environment.TickCount64;
                _phase = phase;
            }
        }

        private void Watch()
        {
            while (true)
            {
                Thread.Sleep(CheckIntervalMilliseconds);
                long silent;
                string phase;
                lock (_lock)
                {
                    silent = Environment.TickCount64 - _lastBeat;
                    phase = _phase;
                }

                if (silent > StallLimitMilliseconds)
                {
                    _log.Write(LogLevel.Error, "supervisor", "no progress for " + (silent / 1000).ToString() + " s in '" + phase + "': rebooting");
                    Thread.Sleep(500);
                    Power.RebootDevice();
                }
            }
        }
    }
}
