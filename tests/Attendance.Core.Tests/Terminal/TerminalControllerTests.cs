using System;
using Attendance.Core.Configuration;
using Attendance.Core.Hardware;
using Attendance.Core.Mail.Outbox;
using Attendance.Core.Roll;
using Attendance.Core.Terminal;
using Attendance.Core.Tests.Fakes;

namespace Attendance.Core.Tests.Terminal
{
    /// <summary>
    /// The whole terminal driven through its card port with fakes at the network edge: what a person at the
    /// door does, and what reaches the lookup and the mail server. Test methods keep no instance state.
    /// </summary>
    [TestClass]
    public class TerminalControllerTests
    {
        private const string Professor = TerminalRig.Professor;
        private const string ProfessorEmail = TerminalRig.ProfessorEmail;

        [TestMethod]
        public void A_class_from_swipes_to_one_sent_email()
        {
            TerminalRig rig = new TerminalRig();
            TerminalController terminal = rig.Start();

            rig.Port.Swipe(Professor);
            rig.Run(terminal, 3);
            Assert.AreEqual((int)RollState.Open, (int)terminal.RollState);
            Assert.AreEqual("green", rig.Lights.Lit);

            rig.Port.Swipe("A2001");
            rig.Port.Swipe("A2002");
            rig.Port.Swipe("A2001");
            rig.Port.QueueBytes(new byte[] { 0x41, 0x1B, 0xFF, 0x0D });
            rig.Port.Swipe(Professor);
            rig.Run(terminal, 10);

            Assert.AreEqual((int)RollState.Closed, (int)terminal.RollState);
            Assert.AreEqual(1, rig.Sender.Sends);
            Assert.AreEqual(0, terminal.OutboxEntries().Length);
            Assert.AreEqual(2, rig.Reports.LastRoll.StudentCodes.Length);
            Assert.AreEqual("A2001", rig.Reports.LastRoll.StudentCodes[0]);
            Assert.AreEqual("A2002", rig.Reports.LastRoll.StudentCodes[1]);
            Assert.AreEqual(ProfessorEmail, rig.Sender.LastRecipients[0]);
            Assert.AreEqual(0, rig.Store.List("roll").Length);

            rig.Run(terminal, 200);
            Assert.AreEqual("red", rig.Lights.Lit);
            Assert.AreEqual(1, rig.Sender.Sends);
        }

        [TestMethod]
        public void No_roll_opens_while_the_clock_is_unset()
        {
            TerminalRig rig = new TerminalRig();
            rig.Clock.UtcNow = new DateTime(1970, 1, 1, 0, 0, 5);
            TerminalController terminal = rig.Start();

            rig.Port.Swipe(Professor);
            rig.Run(terminal, 3);

            Assert.AreEqual((int)RollState.Closed, (int)terminal.RollState);
            Assert.AreEqual(0, rig.Directory.CallCount);
        }

        [TestMethod]
        public void A_transient_mail_failure_is_retried_and_sent_once()
        {
            TerminalRig rig = new TerminalRig();
            rig.Sender.Outcome = MailFakeSender.Transient;
            TerminalController terminal = rig.Start();

            rig.TakeRollOfOneStudent(terminal);
            Assert.AreEqual(1, rig.Sender.Sends);
            Assert.AreEqual(1, terminal.OutboxEntries().Length);
            Assert.AreEqual((int)OutboxEntryStatus.RetryScheduled, (int)terminal.OutboxEntries()[0].Status);
            Assert.IsTrue(terminal.HasMailToSend);

            rig.Sender.Outcome = MailFakeSender.Accept;
            rig.RunFor(terminal, (TerminalRig.FirstRetrySeconds * 1000) + TerminalController.OutboxPollMilliseconds + 1000);

            Assert.AreEqual(2, rig.Sender.Sends);
            Assert.AreEqual(0, terminal.OutboxEntries().Length);
            rig.RunFor(terminal, 3 * TerminalController.OutboxPollMilliseconds);
            Assert.AreEqual(2, rig.Sender.Sends);
        }

        [TestMethod]
        public void A_permanent_failure_is_kept_and_not_tried_again()
        {
            TerminalRig rig = new TerminalRig();
            rig.Sender.Outcome = MailFakeSender.Permanent;
            TerminalController terminal = rig.Start();

            rig.TakeRollOfOneStudent(terminal);
            rig.RunFor(terminal, 3 * TerminalController.OutboxPollMilliseconds);

            Assert.AreEqual(1, rig.Sender.Sends);
            Assert.AreEqual(1, terminal.OutboxEntries().Length);
            Assert.AreEqual((int)OutboxEntryStatus.Failed, (int)terminal.OutboxEntries()[0].Status);
            Assert.IsFalse(terminal.HasMailToSend);
        }

        [TestMethod]
        public void A_roll_waits_for_the_lookup_server_and_is_sent_when_it_is_back()
        {
            TerminalRig rig = new TerminalRig();
            rig.Reports.Unreachable = true;
            TerminalController terminal = rig.Start();

            rig.TakeRollOfOneStudent(terminal);
            Assert.AreEqual(0, rig.Sender.Sends);
            Assert.AreEqual(1, terminal.OutboxEntries().Length);

            rig.Reports.Unreachable = false;
            rig.RunFor(terminal, (TerminalRig.FirstRetrySeconds * 1000) + TerminalController.OutboxPollMilliseconds + 1000);

            Assert.AreEqual(1, rig.Sender.Sends);
            Assert.AreEqual(0, terminal.OutboxEntries().Length);
        }

        [TestMethod]
        public void A_restart_with_the_roll_open_keeps_every_swipe()
        {
            TerminalRig rig = new TerminalRig();
            TerminalController before = rig.Start();
            rig.Port.Swipe(Professor);
            rig.Port.Swipe("A2001");
            rig.Port.Swipe("A2002");
            rig.Run(before, 5);

            // Power cut: a new terminal over the same flash.
            TerminalController after = rig.Start();
            Assert.AreEqual((int)RollState.Open, (int)after.RollState);
            rig.Port.Swipe("A2002");
            rig.Port.Swipe("A2003");
            rig.Port.Swipe(Professor);
            rig.Run(after, 10);

            Assert.AreEqual(1, rig.Sender.Sends);
            Assert.AreEqual(3, rig.Reports.LastRoll.StudentCodes.Length);
            Assert.AreEqual("A2003", rig.Reports.LastRoll.StudentCodes[2]);
        }

        [TestMethod]
        public void Settings_reach_the_components()
        {
            TerminalSettings settings = new TerminalSettings();
            settings.TerminalId = "Sala 2.14";
            settings.CardCodeMaximumLength = 12;
            settings.RollCapacity = 50;
            settings.SmtpTimeoutMilliseconds = 20000;
            settings.MailRetryFirstSeconds = 7;

            Assert.AreEqual(12, TerminalComponents.CardReader(settings).MaximumLength);
            Assert.AreEqual(12, TerminalComponents.Roll(settings).MaximumCodeLength);
            Assert.AreEqual(50, TerminalComponents.Roll(settings).Capacity);
            Assert.AreEqual(20000, TerminalComponents.Smtp(settings).DataTerminationTimeoutMilliseconds);
            Assert.AreEqual(7, TerminalComponents.Outbox(settings).FirstRetrySeconds);
            Assert.AreEqual("sala-2-14.local", TerminalComponents.ClientDomain(settings));

            settings.SmtpTimeoutMilliseconds = 0;
            Assert.AreEqual(600000, TerminalComponents.Smtp(settings).DataTerminationTimeoutMilliseconds);
        }

        [TestMethod]
        [DataRow("none", (int)ConnectionSecurity.Plain)]
        [DataRow("tls", (int)ConnectionSecurity.Tls)]
        [DataRow("TLS", (int)ConnectionSecurity.Tls)]
        public void Lookup_security_reaches_the_lookup_client(string value, int expected)
        {
            TerminalSettings settings = SettingsParser.Parse(
                "lookup.host = lookup.school.example\n"
                + "lookup.security = " + value + "\n"
                + "smtp.host = mail.school.example\n"
                + "mail.from = attendance@school.example\n"
                + "wifi.ssid = Classrooms\n");

            Assert.AreEqual(expected, (int)TerminalComponents.Lookup(settings).Security);
        }
    }
}
