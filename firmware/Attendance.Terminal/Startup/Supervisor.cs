using System;
using System.Threading;
using Attendance.Core.Hardware;
using nanoFramework.Runtime.Native;

namespace Attendance.Terminal.Startup
{
    /// <summary>
    /// Software watchdog over the terminal's two loops. The door loop calls <see cref="Beat"/> after every step,
    /// with the network worker's silence (how long the worker has been inside a pass without any network call
    /// returning); the worker's thread calls <see cref="BeatNetwork"/> after every turn of its loop. A separate
    /// thread reboots the board when the door loop is silent for <see cref="DoorStallLimitMilliseconds"/>, or
    /// the worker for <see cref="NetworkStallLimitMilliseconds"/>. Nothing is lost by the reboot: the open roll is
    /// journaled and unsent mail waits in the flash outbox. nanoFramework exposes no managed hardware watchdog
    /// (nanoFramework.Hardware.Esp32 has Configuration, Sleep, HighResTimer, Logging, NativeMemory, Touch, pulse
    /// counters; System.Device.* has none), so this thread stands in for one.
    /// </summary>
    public sealed class Supervisor
    {
        /// <summary>
        /// The door loop does bounded work only: a 20 ms card read, flash writes, and at most one professor
        /// check of a few seconds. A minute without a step is a stuck door.
        /// </summary>
        public const int DoorStallLimitMilliseconds = 60000;

        /// <summary>
        /// Longer than the longest single wait of the worker: every connect, read and write is bounded by its
        /// timeout, the longest being SMTP's 10 minutes for the reply to the final dot (RFC 5321 section
        /// 4.5.3.2.6). A slow server that answers within its timeouts never reaches this; a worker blocked past
        /// every timeout (or whose thread ended) does.
        /// </summary>
        public const int NetworkStallLimitMilliseconds = 900000;

        private const int CheckIntervalMilliseconds = 5000;

        private readonly IEventLog _log;
        private readonly object _lock = new object();
        private long _lastBeat;
        private long _lastNetworkBeat;
        private long _networkSilence;
        private bool _networkStarted;
        private string _phase = "start-up";

        public Supervisor(IEventLog log)
        {
            _log = log;
            _lastBeat = Environment.TickCount64;
            _lastNetworkBeat = _lastBeat;
        }

        /// <summary>Starts the watching thread.</summary>
        public void Start()
        {
            var thread = new Thread(Watch);
            thread.Start();
        }

        /// <summary>Proof of life from the door loop (or start-up), with what it is doing (shown if it stalls).</summary>
        public void Beat(string phase)
        {
            Beat(phase, 0);
        }

        /// <summary>Proof of life from the door loop, with the worker's silence inside its current pass (0 when idle).</summary>
        public void Beat(string phase, long networkSilenceMilliseconds)
        {
            lock (_lock)
            {
                _lastBeat = Environment.TickCount64;
                _phase = phase;
                _networkSilence = networkSilenceMilliseconds;
            }
        }

        /// <summary>Proof of life from the network worker's loop, between passes (the first one starts the watch on it).</summary>
        public void BeatNetwork()
        {
            lock (_lock)
            {
                _lastNetworkBeat = Environment.TickCount64;
                _networkStarted = true;
            }
        }

        private void Watch()
        {
            while (true)
            {
                Thread.Sleep(CheckIntervalMilliseconds);
                long now = Environment.TickCount64;
                long doorSilent;
                long loopSilent;
                long networkSilence;
                bool networkStarted;
                string phase;
                lock (_lock)
                {
                    networkStarted = _networkStarted;
                    doorSilent = now - _lastBeat;
                    loopSilent = now - _lastNetworkBeat;
                    networkSilence = _networkSilence;
                    phase = _phase;
                }

                string stuck = null;
                if (doorSilent > DoorStallLimitMilliseconds)
                {
                    stuck = "door loop silent for " + (doorSilent / 1000).ToString() + " s in '" + phase + "'";
                }
                else if (networkSilence > NetworkStallLimitMilliseconds)
                {
                    stuck = "network worker without progress for " + (networkSilence / 1000).ToString() + " s";
                }
                else if (networkStarted && networkSilence == 0 && loopSilent > NetworkStallLimitMilliseconds)
                {
                    // Not inside a pass, yet its loop has not turned: the worker's thread has ended or hangs outside the network.
                    stuck = "network worker loop silent for " + (loopSilent / 1000).ToString() + " s";
                }

                if (stuck != null)
                {
                    _log.Write(LogLevel.Error, "supervisor", stuck + ": rebooting");
                    Thread.Sleep(500);
                    Power.RebootDevice();
                }
            }
        }
    }
}
