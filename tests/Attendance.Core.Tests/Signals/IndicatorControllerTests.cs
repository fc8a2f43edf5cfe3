using System.Text;
using Attendance.Core.Roll;
using Attendance.Core.Signals;
using Attendance.Core.Tests.Fakes;

namespace Attendance.Core.Tests.Signals
{
    [TestClass]
    public class IndicatorControllerTests
    {
        // The signal starts at t=0 over the steady colour; what is lit at each sampled time.
        // Enums travel through [DataRow] as (int): the board stores no value for an enum-typed attribute argument (NANO014).
        [TestMethod]
        [DataRow(true, (int)Signal.None, "0 50 5000", "green green green")]
        [DataRow(false, (int)Signal.None, "0 50 5000", "red red red")]
        [DataRow(true, (int)Signal.Accepted, "0 50 100 450 499 500 1000", "off off green green green green green")]
        [DataRow(true, (int)Signal.Duplicate, "0 100 200 300 599 600", "off green off green green green")]
        [DataRow(true, (int)Signal.BadRead, "0 150 300 450 600 750 899 900", "red off red off red off off green")]
        [DataRow(false, (int)Signal.BadRead, "0 150 899 900", "red off off red")]
        [DataRow(true, (int)Signal.RollFull, "0 1999 2000", "red red green")]
        [DataRow(true, (int)Signal.OtherProfessor, "0 200 400 600 800 1000 1199 1200", "red green red green red green green green")]
        [DataRow(false, (int)Signal.NetworkTrouble, "0 399 400 600 1000 1199 1200", "both both off both off off red")]
        [DataRow(false, (int)Signal.MailQueuedForRetry, "0 1499 1500 1699 1700", "both both off off red")]
        [DataRow(false, (int)Signal.KeyRefused, "0 999 1000 1200 1500 1700 2000 2199 2200", "red red off both off both off off red")]
        [DataRow(true, (int)Signal.KeyRefused, "0 999 1000 1200 2200", "red red off both green")]
        public void A_signal_plays_once_over_the_roll_colour(bool open, int signalValue, string times, string expected)
        {
            Signal signal = (Signal)signalValue;
            FakeIndicatorLights lights = new FakeIndicatorLights();
            IndicatorController controller = new IndicatorController(lights);
            controller.SetRollOpen(open);
            controller.Show(signal, 0);

            Assert.AreEqual(expected, Sample(controller, lights, times));
        }

        // Conditions set at t=0: "sending", "failed" (e-mail failed permanently), "clock" (not set), "open".
        [TestMethod]
        [DataRow("sending", "0 899 900 999 1000 1900", "red red green green red green")]
        [DataRow("failed", "0 200 400 600 1999 2000", "red off red off off red")]
        [DataRow("clock", "0 499 500 1000", "red red off red")]
        [DataRow("clock open", "0 500 1000", "red off red")]
        [DataRow("sending open", "0 900", "green green")]
        [DataRow("failed open", "0 200", "green green")]
        [DataRow("sending failed", "900 1200", "green red")]
        [DataRow("clock sending failed", "0 500 950", "red off off")]
        public void Lasting_conditions_repeat_by_priority(string conditions, string times, string expected)
        {
            FakeIndicatorLights lights = new FakeIndicatorLights();
            IndicatorController controller = new IndicatorController(lights);
            string[] names = conditions.Split(' ');
            for (int index = 0; index < names.Length; index++)
            {
                switch (names[index])
                {
                    case "sending": controller.SetSending(true, 0); break;
                    case "failed": controller.ReportMailFailedPermanently(0); break;
                    case "clock": controller.SetClockNotSet(true, 0); break;
                    case "open": controller.SetRollOpen(true); break;
                }
            }

            Assert.AreEqual(expected, Sample(controller, lights, times));
        }

        [TestMethod]
        public void A_permanent_mail_failure_lasts_until_cleared_and_a_signal_shows_over_it()
        {
            FakeIndicatorLights lights = new FakeIndicatorLights();
            IndicatorController controller = new IndicatorController(lights);
            controller.ReportMailFailedPermanently(0);

            Assert.AreEqual("red off", Sample(controller, lights, "100000 100200"));
            controller.Show(Signal.NetworkTrouble, 100300);
            Assert.AreEqual("both", Sample(controller, lights, "100300"));
            controller.ClearMailFailure();
            Assert.AreEqual("red red", Sample(controller, lights, "102000 102200"));
        }

        [TestMethod]
        public void A_new_signal_replaces_the_running_one()
        {
            FakeIndicatorLights lights = new FakeIndicatorLights();
            IndicatorController controller = new IndicatorController(lights);
            controller.SetRollOpen(true);
            controller.Show(Signal.RollFull, 0);
            controller.Update(0);
            controller.Show(Signal.Accepted, 100);

            Assert.AreEqual("off green green", Sample(controller, lights, "100 200 2000"));
            Assert.AreEqual(Signal.None, controller.Current);
        }

        [TestMethod]
        [DataRow("0 10 20 30 40 50 60 70 80 90", 1)]
        [DataRow("0 0 0", 1)]
        public void The_lights_are_switched_only_on_a_change(string times, int expectedSets)
        {
            FakeIndicatorLights lights = new FakeIndicatorLights();
            IndicatorController controller = new IndicatorController(lights);

            Sample(controller, lights, times);

            Assert.AreEqual(expectedSets, lights.SetCount);
        }

        [TestMethod]
        public void Each_change_of_a_pattern_switches_the_lights_once()
        {
            FakeIndicatorLights lights = new FakeIndicatorLights();
            IndicatorController controller = new IndicatorController(lights);
            controller.SetRollOpen(true);
            controller.Show(Signal.Duplicate, 0);

            for (int time = 0; time <= 1000; time += 10)
            {
                controller.Update(time);
            }

            // off, green, off, green: four outputs for the whole pattern and the steady green after it.
            Assert.AreEqual(4, lights.SetCount);
        }

        [TestMethod]
        [DataRow((int)SwipeResult.Accepted, (int)Signal.Accepted)]
        [DataRow((int)SwipeResult.Duplicate, (int)Signal.Duplicate)]
        [DataRow((int)SwipeResult.RollFull, (int)Signal.RollFull)]
        [DataRow((int)SwipeResult.OtherProfessor, (int)Signal.OtherProfessor)]
        [DataRow((int)SwipeResult.ServerUnreachable, (int)Signal.NetworkTrouble)]
        [DataRow((int)SwipeResult.KeyRefused, (int)Signal.KeyRefused)]
        [DataRow((int)SwipeResult.NotProfessor, (int)Signal.BadRead)]
        [DataRow((int)SwipeResult.StorageFailed, (int)Signal.BadRead)]
        [DataRow((int)SwipeResult.ClosePending, (int)Signal.BadRead)]
        [DataRow((int)SwipeResult.Opened, (int)Signal.None)]
        [DataRow((int)SwipeResult.Closing, (int)Signal.None)]
        public void Swipe_results_map_to_signals(int resultValue, int expectedSignalValue)
        {
            Assert.AreEqual(expectedSignalValue, (int)SignalPatterns.ForSwipe((SwipeResult)resultValue));
        }

        private static string Sample(IndicatorController controller, FakeIndicatorLights lights, string times)
        {
            StringBuilder lit = new StringBuilder();
            string[] parts = times.Split(' ');
            for (int index = 0; index < parts.Length; index++)
            {
                controller.Update(long.Parse(parts[index]));
                if (lit.Length > 0)
                {
                    lit.Append(' ');
                }

                lit.Append(lights.Lit);
            }

            return lit.ToString();
        }
    }
}
