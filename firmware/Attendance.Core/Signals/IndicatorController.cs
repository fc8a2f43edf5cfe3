using System;
using Attendance.Core.Hardware;

namespace Attendance.Core.Signals
{
    /// <summary>
    /// Decides what the two LEDs show, without blocking: the caller reports events and calls
    /// <see cref="Update"/> with <see cref="IClock.MonotonicMilliseconds"/> every few tens of milliseconds.
    /// Layers, first that applies wins: a signal shown once (the latest replaces an earlier one); the clock-not-set
    /// pattern; while the roll is closed, sending, then e-mail failed permanently; the steady roll colour (red
    /// closed, green open). The LEDs are switched only when the output changes.
    /// </summary>
    public class IndicatorController
    {
        private readonly IIndicatorLights lights;

        private bool rollOpen;
        private Signal signal;
        private long signalStart;
        private bool clockNotSet;
        private long clockNotSetStart;
        private bool sending;
        private long sendingStart;
        private bool mailFailed;
        private long mailFailedStart;
        private int shownLights = -1;

        public IndicatorController(IIndicatorLights lights)
        {
            if (lights == null)
            {
                throw new ArgumentNullException("lights");
            }

            this.lights = lights;
        }

        /// <summary>The signal being shown once, or <see cref="Signal.None"/> (as of the last <see cref="Update"/>).</summary>
        public Signal Current
        {
            get { return signal; }
        }

        public void SetRollOpen(bool open)
        {
            rollOpen = open;
        }

        /// <summary>Starts <paramref name="shown"/> now, replacing a signal still running.</summary>
        public void Show(Signal shown, long monotonicMilliseconds)
        {
            signal = shown;
            signalStart = monotonicMilliseconds;
        }

        /// <summary>True until SNTP has set the clock; shown in every roll state because no roll can change meanwhile.</summary>
        public void SetClockNotSet(bool notSet, long monotonicMilliseconds)
        {
            if (notSet && !clockNotSet)
            {
                clockNotSetStart = monotonicMilliseconds;
            }

            clockNotSet = notSet;
        }

        /// <summary>True while a closed roll is being looked up and mailed.</summary>
        public void SetSending(bool isSending, long monotonicMilliseconds)
        {
            if (isSending && !sending)
            {
                sendingStart = monotonicMilliseconds;
            }

            sending = isSending;
        }

        /// <summary>An e-mail was refused for good; shown while closed until <see cref="ClearMailFailure"/>.</summary>
        public void ReportMailFailedPermanently(long monotonicMilliseconds)
        {
            if (!mailFailed)
            {
                mailFailedStart = monotonicMilliseconds;
            }

            mailFailed = true;
        }

        public void ClearMailFailure()
        {
            mailFailed = false;
        }

        /// <summary>Sets the LEDs for <paramref name="monotonicMilliseconds"/>, calling the hardware only on a change.</summary>
        public void Update(long monotonicMilliseconds)
        {
            int wanted = LightsAt(monotonicMilliseconds);
            if (wanted != shownLights)
            {
                shownLights = wanted;
                lights.Set((wanted & SignalPatterns.Red) != 0, (wanted & SignalPatterns.Green) != 0);
            }
        }

        private int LightsAt(long now)
        {
            if (signal != Signal.None)
            {
                int once = SignalPatterns.LightsAt(SignalPatterns.StepsOf(signal), now - signalStart);
                if (once >= 0)
                {
                    return once;
                }

                signal = Signal.None;
            }

            if (clockNotSet)
            {
                return Repeating(SignalPatterns.ClockNotSet, now - clockNotSetStart);
            }

            if (!rollOpen)
            {
                if (sending)
                {
                    return Repeating(SignalPatterns.Sending, now - sendingStart);
                }

                if (mailFailed)
                {
                    return Repeating(SignalPatterns.MailFailedPermanently, now - mailFailedStart);
                }
            }

            return rollOpen ? SignalPatterns.Green : SignalPatterns.Red;
        }

        private static int Repeating(int[] steps, long elapsed)
        {
            long period = SignalPatterns.DurationOf(steps);
            long phase = elapsed < 0 ? 0 : elapsed % period;
            return SignalPatterns.LightsAt(steps, phase);
        }
    }
}
