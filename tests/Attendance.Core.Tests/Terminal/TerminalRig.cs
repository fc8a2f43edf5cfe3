using System;
using Attendance.Core.Configuration;
using Attendance.Core.Hardware;
using Attendance.Core.Lookup;
using Attendance.Core.Terminal;
using Attendance.Core.Tests.Fakes;

namespace Attendance.Core.Tests.Terminal
{
    /// <summary>
    /// The fakes around one terminal, and the steps the terminal tests drive it with. <see cref="Start"/> may be
    /// called again over the same fakes to model a reboot.
    /// </summary>
    public class TerminalRig
    {
        public const string Professor = "P1001";
        public const string ProfessorEmail = "prof@school.example";
        public const int FirstRetrySeconds = 2;

        public readonly FakeClock Clock = new FakeClock(new DateTime(2026, 11, 23, 8, 0, 0));
        public readonly ScriptedCardReaderPort Port = new ScriptedCardReaderPort();
        public readonly FakeIndicatorLights Lights = new FakeIndicatorLights();
        public readonly InMemoryDurableStore Store = new InMemoryDurableStore();
        public readonly FakeProfessorDirectory Directory = new FakeProfessorDirectory();
        public readonly RecordingReportBuilder Reports = new RecordingReportBuilder();
        public readonly MailFakeSender Sender = new MailFakeSender();
        public readonly TerminalSettings Settings = new TerminalSettings();

        public TerminalRig()
        {
            Directory.AddProfessor(Professor, ProfessorEmail);
            Settings.TerminalId = "T01";
            Settings.MailFrom = "terminal@school.example";
            Settings.MailRetryFirstSeconds = FirstRetrySeconds;
            Settings.MailRetryMaximumSeconds = FirstRetrySeconds;
        }

        public TerminalController Start()
        {
            return Start(Directory);
        }

        /// <summary>A terminal over these fakes with another professor directory.</summary>
        public TerminalController Start(IProfessorDirectory directory)
        {
            TerminalHardware hardware = new TerminalHardware(Port, Lights, Clock, new FakeNetworkConnector(), Store, new MailRecordingLog());
            return new TerminalController(hardware, Settings, directory, Reports, Sender);
        }

        /// <summary>
        /// Steps the terminal, 20 ms of fake time per step (the port's read timeout): a door-loop step, then one
        /// network-worker pass run synchronously (the board and the PC run it on its own thread).
        /// </summary>
        public void Run(TerminalController terminal, int steps)
        {
            for (int i = 0; i < steps; i++)
            {
                terminal.Step();
                terminal.RunNetworkPass();
                Clock.Advance(TerminalController.CardReadTimeoutMilliseconds);
            }
        }

        public void RunFor(TerminalController terminal, int milliseconds)
        {
            Run(terminal, milliseconds / TerminalController.CardReadTimeoutMilliseconds);
        }

        /// <summary>The professor opens, one student swipes, the professor closes: the roll goes to the outbox.</summary>
        public void TakeRollOfOneStudent(TerminalController terminal)
        {
            Port.Swipe(Professor);
            Port.Swipe("A2001");
            Port.Swipe(Professor);
            Run(terminal, 5);
        }
    }
}
