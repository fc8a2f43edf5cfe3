using System.Collections;
using System.Threading;
using Attendance.Core.Hardware;
using Attendance.Core.Lookup;
using Attendance.Core.Mail.Smtp;
using Attendance.Core.Roll;
using Attendance.Core.Tests.Fakes;

namespace Attendance.Core.Tests.Terminal
{
    /// <summary>
    /// A network call that hangs: the first call blocks until <see cref="Release"/> or until its own deadline
    /// (so a failing test ends instead of hanging), as a server that accepts and never answers does. Later
    /// calls pass straight through.
    /// </summary>
    public class Stall
    {
        private readonly ManualResetEvent entered = new ManualResetEvent(false);
        private readonly ManualResetEvent released = new ManualResetEvent(false);
        private readonly int deadlineMilliseconds;
        private int calls;

        public Stall(int deadlineMilliseconds)
        {
            this.deadlineMilliseconds = deadlineMilliseconds;
        }

        /// <summary>True while a call is blocked here.</summary>
        public bool Holding { get; private set; }

        /// <summary>True once the deadline passed without a release (the stall ended on its own).</summary>
        public bool TimedOut { get; private set; }

        public void Release()
        {
            released.Set();
        }

        /// <summary>Waits (real time) until a call is blocked here; false after <paramref name="milliseconds"/>.</summary>
        public bool WaitUntilHolding(int milliseconds)
        {
            return entered.WaitOne(milliseconds, false);
        }

        /// <summary>Called by the fake at the start of each call.</summary>
        public void Enter()
        {
            bool first;
            lock (this)
            {
                calls++;
                first = calls == 1;
            }

            if (!first)
            {
                return;
            }

            Holding = true;
            entered.Set();
            TimedOut = !released.WaitOne(deadlineMilliseconds, false);
            Holding = false;
        }
    }

    /// <summary>An SMTP sender whose first send hangs on a <see cref="Stall"/>; records every message's recipients.</summary>
    public class StallingSmtpSender : ISmtpSender
    {
        private readonly Stall stall;
        private readonly MailFakeSender accepting = new MailFakeSender();

        public StallingSmtpSender(Stall stall)
        {
            this.stall = stall;
        }

        public int Sends
        {
            get { return accepting.Sends; }
        }

        public SmtpSendResult Send(SmtpMessage message)
        {
            if (stall != null)
            {
                stall.Enter();
            }

            lock (accepting)
            {
                return accepting.Send(message);
            }
        }
    }

    /// <summary>A report builder whose first lookup hangs on a <see cref="Stall"/>; keeps every roll it built.</summary>
    public class StallingReportBuilder : IRollReportBuilder
    {
        private readonly Stall stall;
        private readonly RecordingReportBuilder recording = new RecordingReportBuilder();
        private readonly ArrayList rolls = new ArrayList();

        public StallingReportBuilder(Stall stall)
        {
            this.stall = stall;
        }

        /// <summary>The rolls looked up so far, in order.</summary>
        public ClosedRoll[] Rolls()
        {
            lock (rolls)
            {
                return (ClosedRoll[])rolls.ToArray(typeof(ClosedRoll));
            }
        }

        public RollReport Build(ClosedRoll roll, ReportEntryArea area)
        {
            if (stall != null)
            {
                stall.Enter();
            }

            lock (rolls)
            {
                RollReport report = recording.Build(roll, area);
                rolls.Add(recording.LastRoll);
                return report;
            }
        }
    }

    /// <summary>The in-memory store behind a lock: the door loop and the network worker write it from two threads.</summary>
    public class LockedStore : IDurableStore
    {
        private readonly InMemoryDurableStore inner;

        public LockedStore(InMemoryDurableStore inner)
        {
            this.inner = inner;
        }

        public void Append(string name, byte[] data, int offset, int count)
        {
            lock (inner)
            {
                inner.Append(name, data, offset, count);
            }
        }

        public void Replace(string name, byte[] data, int offset, int count)
        {
            lock (inner)
            {
                inner.Replace(name, data, offset, count);
            }
        }

        public byte[] Read(string name)
        {
            lock (inner)
            {
                return inner.Read(name);
            }
        }

        public int ReadAt(string name, int position, byte[] buffer, int offset, int count)
        {
            lock (inner)
            {
                return inner.ReadAt(name, position, buffer, offset, count);
            }
        }

        public int Length(string name)
        {
            lock (inner)
            {
                return inner.Length(name);
            }
        }

        public void Delete(string name)
        {
            lock (inner)
            {
                inner.Delete(name);
            }
        }

        public string[] List(string prefix)
        {
            lock (inner)
            {
                return inner.List(prefix);
            }
        }
    }

    /// <summary>An event log two threads can write.</summary>
    public class LockedLog : IEventLog
    {
        private readonly MailRecordingLog inner = new MailRecordingLog();

        public void Write(LogLevel level, string source, string message)
        {
            lock (inner)
            {
                inner.Write(level, source, message);
            }
        }

        public string All()
        {
            lock (inner)
            {
                return inner.All();
            }
        }
    }

    /// <summary>
    /// A lookup host that accepts nothing: every connect waits out its whole timeout (on the fake clock, so the
    /// test runs at once) and fails with <see cref="NetworkFailure.Timeout"/>. Records each timeout it was given.
    /// </summary>
    public class BlackHoleConnector : INetworkConnector
    {
        private readonly FakeClock clock;

        public BlackHoleConnector(FakeClock clock)
        {
            this.clock = clock;
        }

        public int Connects { get; private set; }

        public int LastTimeoutMilliseconds { get; private set; }

        public INetworkConnection Connect(string host, int port, ConnectionSecurity security, int timeoutMilliseconds)
        {
            Connects++;
            LastTimeoutMilliseconds = timeoutMilliseconds;
            clock.Advance(timeoutMilliseconds);
            throw new NetworkException(NetworkFailure.Timeout, "no answer from " + host);
        }

        public INetworkConnection StartTls(INetworkConnection plainConnection, string host)
        {
            throw new NetworkException(NetworkFailure.TlsFailed, "no TLS here");
        }
    }

    /// <summary>The network worker's thread, as the board and the PC run it: wait for work, run a pass, repeat.</summary>
    public class WorkerThread
    {
        private readonly Attendance.Core.Terminal.TerminalController terminal;
        private readonly Thread thread;
        private bool stopping;

        public WorkerThread(Attendance.Core.Terminal.TerminalController terminal)
        {
            this.terminal = terminal;
            thread = new Thread(new ThreadStart(Loop));
            thread.Start();
        }

        /// <summary>Exceptions a pass threw (there should be none).</summary>
        public int Failures { get; private set; }

        /// <summary>Asks the loop to end and waits up to <paramref name="milliseconds"/> for it.</summary>
        public bool Stop(int milliseconds)
        {
            stopping = true;
            return thread.Join(milliseconds);
        }

        private void Loop()
        {
            while (!stopping)
            {
                terminal.WaitForNetworkWork(20);
                try
                {
                    terminal.RunNetworkPass();
                }
                catch (System.Exception)
                {
                    Failures++;
                }
            }
        }
    }
}
