using Attendance.Core.Roll;

namespace Attendance.Core.Signals
{
    /// <summary>
    /// The LED patterns, as steps of (duration in milliseconds, lights): lights is 0 off, 1 red, 2 green,
    /// 3 both. Kept as data so docs/signals.md and the timeline tests can be checked against one table.
    /// Patterns are at least 100 ms per step because shorter blinks are hard to see in a lit corridor.
    /// </summary>
    public static class SignalPatterns
    {
        public const int Off = 0;
        public const int Red = 1;
        public const int Green = 2;
        public const int Both = 3;

        // Shown once.
        private static readonly int[] AcceptedSteps = { 100, Off, 400, Green };
        private static readonly int[] DuplicateSteps = { 100, Off, 100, Green, 100, Off, 300, Green };
        private static readonly int[] BadReadSteps = { 150, Red, 150, Off, 150, Red, 150, Off, 150, Red, 150, Off };
        private static readonly int[] RollFullSteps = { 2000, Red };
        private static readonly int[] OtherProfessorSteps = { 200, Red, 200, Green, 200, Red, 200, Green, 200, Red, 200, Green };
        private static readonly int[] NetworkTroubleSteps = { 400, Both, 200, Off, 400, Both, 200, Off };
        private static readonly int[] MailQueuedSteps = { 1500, Both, 200, Off };

        // A long red, then "both" twice: starts unlike any other pattern, so it is not taken for network trouble.
        private static readonly int[] KeyRefusedSteps = { 1000, Red, 200, Off, 300, Both, 200, Off, 300, Both, 200, Off };

        // Green flickering over the steady red for as long as the professor check may take (3 s at most): the card
        // was read and is being checked. The check's result replaces it as soon as it is known.
        private static readonly int[] CheckingProfessorSteps =
        {
            150, Green, 150, Off, 150, Green, 150, Off, 150, Green, 150, Off, 150, Green, 150, Off, 150, Green, 150, Off,
            150, Green, 150, Off, 150, Green, 150, Off, 150, Green, 150, Off, 150, Green, 150, Off, 150, Green, 150, Off,
        };

        // Repeated while the condition lasts.
        public static readonly int[] Sending = { 900, Red, 100, Green };
        public static readonly int[] MailFailedPermanently = { 200, Red, 200, Off, 200, Red, 1400, Off };
        public static readonly int[] ClockNotSet = { 500, Red, 500, Off };

        /// <summary>The steps of a signal shown once; null for <see cref="Signal.None"/>.</summary>
        public static int[] StepsOf(Signal signal)
        {
            switch (signal)
            {
                case Signal.Accepted: return AcceptedSteps;
                case Signal.Duplicate: return DuplicateSteps;
                case Signal.BadRead: return BadReadSteps;
                case Signal.RollFull: return RollFullSteps;
                case Signal.OtherProfessor: return OtherProfessorSteps;
                case Signal.NetworkTrouble: return NetworkTroubleSteps;
                case Signal.MailQueuedForRetry: return MailQueuedSteps;
                case Signal.KeyRefused: return KeyRefusedSteps;
                case Signal.CheckingProfessor: return CheckingProfessorSteps;
                default: return null;
            }
        }

        /// <summary>Total length of a pattern in milliseconds.</summary>
        public static long DurationOf(int[] steps)
        {
            long total = 0;
            for (int index = 0; index < steps.Length; index += 2)
            {
                total += steps[index];
            }

            return total;
        }

        /// <summary>Lights of the step at <paramref name="elapsed"/> milliseconds into the pattern; -1 past its end.</summary>
        public static int LightsAt(int[] steps, long elapsed)
        {
            if (elapsed < 0)
            {
                return -1;
            }

            for (int index = 0; index < steps.Length; index += 2)
            {
                if (elapsed < steps[index])
                {
                    return steps[index + 1];
                }

                elapsed -= steps[index];
            }

            return -1;
        }

        /// <summary>What the person at the door should see after a swipe (the roll's colour change needs no extra signal).</summary>
        public static Signal ForSwipe(SwipeResult result)
        {
            switch (result)
            {
                case SwipeResult.Accepted: return Signal.Accepted;
                case SwipeResult.Duplicate: return Signal.Duplicate;
                case SwipeResult.RollFull: return Signal.RollFull;
                case SwipeResult.OtherProfessor: return Signal.OtherProfessor;
                case SwipeResult.ServerUnreachable: return Signal.NetworkTrouble;
                case SwipeResult.KeyRefused: return Signal.KeyRefused;
                case SwipeResult.NotProfessor: return Signal.BadRead;
                case SwipeResult.ClosePending: return Signal.BadRead;
                case SwipeResult.StorageFailed: return Signal.BadRead;
                default: return Signal.None;
            }
        }
    }
}
