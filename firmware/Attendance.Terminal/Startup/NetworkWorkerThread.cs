using System;
using System.Threading;
using Attendance.Core.Hardware;
using Attendance.Core.Terminal;

namespace Attendance.Terminal.Startup
{
    /// <summary>
    /// The terminal's second loop on its own thread: waits for a closed roll (or the outbox's poll interval), runs
    /// one network pass (lookups at close, e-mail, retries), beats the supervisor, repeats. A pass may block on
    /// the network within its timeouts; the door loop on the main thread never waits for it.
    /// </summary>
    public sealed class NetworkWorkerThread
    {
        /// <summary>Longest sleep between looks at the outbox; the door loop wakes the worker at once after a close.</summary>
        private const int WaitMilliseconds = 1000;

        private const int PauseAfterFailureMilliseconds = 1000;

        private readonly TerminalController _controller;
        private readonly Supervisor _supervisor;
        private readonly IEventLog _log;
        private readonly SettingsSync _settings;
        private readonly Thread _thread;
        private bool _stopping;

        /// <param name="settings">Time and settings from the lookup server, asked after each pass when due.</param>
        public NetworkWorkerThread(TerminalController controller, SettingsSync settings, Supervisor supervisor, IEventLog log)
        {
            _controller = controller;
            _settings = settings;
            _supervisor = supervisor;
            _log = log;
            _supervisor.BeatNetwork();
            _thread = new Thread(Run);
            _thread.Start();
        }

        /// <summary>
        /// Asks the loop to end after its current pass and waits up to <paramref name="milliseconds"/>. Returns false
        /// when it is still inside a pass (then a second worker must not start on the same outbox).
        /// </summary>
        public bool Stop(int milliseconds)
        {
            _stopping = true;
            return _thread.Join(milliseconds);
        }

        private void RunSettingsPass()
        {
            try
            {
                _settings.RunOnce();
            }
            catch (OutOfMemoryException)
            {
                _log.Write(LogLevel.Error, "settings", "out of memory: rebooting (journal and outbox are on flash)");
                nanoFramework.Runtime.Native.Power.RebootDevice();
            }
            catch (Exception exception)
            {
                // A flash fault while keeping a set: the running settings stay, the next pass tries again.
                _log.Write(LogLevel.Error, "settings", "settings pass failed: " + exception.Message);
            }
        }

        private void Run()
        {
            while (!_stopping)
            {
                _controller.WaitForNetworkWork(WaitMilliseconds);
                try
                {
                    _controller.RunNetworkPass();
                }
                catch (OutOfMemoryException)
                {
                    _log.Write(LogLevel.Error, "network", "out of memory: rebooting (journal and outbox are on flash)");
                    nanoFramework.Runtime.Native.Power.RebootDevice();
                }
                catch (Exception exception)
                {
                    // Everything the pass worked on is on flash; the next pass starts from there again.
                    _log.Write(LogLevel.Error, "network", "network pass failed: " + exception.Message);
                    Thread.Sleep(PauseAfterFailureMilliseconds);
                }

                RunSettingsPass();
                _supervisor.BeatNetwork();
            }
        }
    }
}
