using System;
using System.Text;
using Attendance.Core.Roll;
using Attendance.Core.Tests.Fakes;

namespace Attendance.Core.Tests.Roll
{
    /// <summary>
    /// A roll with its fakes, and a tiny script language for table tests. Tokens, separated by spaces:
    /// a card code swipes it and writes the result; "+N" advances the clocks N minutes; "+Nd" N days;
    /// "down"/"up" make the lookup server unreachable/reachable ("keyrefused": it refuses the terminal's key); "unset"/"set" unset/set the clock;
    /// "overdue" writes "auto" or "open" from CloseIfOverdue; "hand" does BeginClose and CompleteClose;
    /// "reboot" makes a new roll on the same store and restores it, writing its state.
    /// Professors: P100 (p100@uni.example) and P200; P200 is in the offline cache from the start.
    /// </summary>
    public class RollHarness
    {
        public static readonly DateTime Start = new DateTime(2026, 11, 23, 8, 15, 0);

        public RollHarness(int capacity)
        {
            Options = new RollOptions();
            Options.Capacity = capacity;
            Clock = new FakeClock(Start);
            Store = new InMemoryDurableStore();
            Directory = new FakeProfessorDirectory();
            Directory.AddProfessor("P100", "p100@uni.example");
            Directory.AddProfessor("P200", "p200@uni.example");
            Roll = new AttendanceRoll(Options, Clock, Store, Directory);
            Roll.Restore();
            Roll.Professors.Confirm("P200", Start);
        }

        public RollOptions Options;
        public FakeClock Clock;
        public InMemoryDurableStore Store;
        public FakeProfessorDirectory Directory;
        public AttendanceRoll Roll;

        public string Run(string script)
        {
            StringBuilder output = new StringBuilder();
            string[] tokens = script.Split(' ');
            for (int index = 0; index < tokens.Length; index++)
            {
                string word = Step(tokens[index]);
                if (word != null)
                {
                    if (output.Length > 0)
                    {
                        output.Append(' ');
                    }

                    output.Append(word);
                }
            }

            return output.ToString();
        }

        public AttendanceRoll Reboot()
        {
            Roll = new AttendanceRoll(Options, Clock, Store, Directory);
            Roll.Restore();
            return Roll;
        }

        private string Step(string token)
        {
            if (token.Length == 0)
            {
                return null;
            }

            if (token[0] == '+')
            {
                bool days = token.EndsWith("d");
                int amount = int.Parse(token.Substring(1, token.Length - (days ? 2 : 1)));
                Clock.Advance((days ? TimeSpan.TicksPerDay : TimeSpan.TicksPerMinute) * amount / TimeSpan.TicksPerMillisecond);
                return null;
            }

            switch (token)
            {
                case "down":
                    Directory.Unreachable = true;
                    Directory.FailureKind = Attendance.Core.Lookup.LookupFailure.Unreachable;
                    return null;
                case "keyrefused":
                    Directory.Unreachable = true;
                    Directory.FailureKind = Attendance.Core.Lookup.LookupFailure.KeyRefused;
                    return null;
                case "up":
                    Directory.Unreachable = false;
                    return null;
                case "unset":
                    Clock.UtcNow = new DateTime(1970, 1, 1);
                    return null;
                case "set":
                    Clock.UtcNow = Start.AddHours(1);
                    return null;
                case "overdue":
                    return Roll.CloseIfOverdue() ? "auto" : "open";
                case "hand":
                    Roll.BeginClose();
                    Roll.CompleteClose();
                    return null;
                case "reboot":
                    return StateName(Reboot().State);
                default:
                    return ResultName(Roll.Swipe(token));
            }
        }

        public static string StateName(RollState state)
        {
            switch (state)
            {
                case RollState.Closed: return "closed";
                case RollState.Open: return "open";
                default: return "closing";
            }
        }

        // Enum.ToString may print numbers on the board, so names are spelled here.
        public static string ResultName(SwipeResult result)
        {
            switch (result)
            {
                case SwipeResult.Opened: return "Opened";
                case SwipeResult.OpenedFromCache: return "OpenedFromCache";
                case SwipeResult.NotProfessor: return "NotProfessor";
                case SwipeResult.ServerUnreachable: return "ServerUnreachable";
                case SwipeResult.KeyRefused: return "KeyRefused";
                case SwipeResult.ClockNotSet: return "ClockNotSet";
                case SwipeResult.Accepted: return "Accepted";
                case SwipeResult.Duplicate: return "Duplicate";
                case SwipeResult.RollFull: return "RollFull";
                case SwipeResult.OtherProfessor: return "OtherProfessor";
                case SwipeResult.Closing: return "Closing";
                case SwipeResult.ClosePending: return "ClosePending";
                case SwipeResult.StorageFailed: return "StorageFailed";
                default: return "Unknown";
            }
        }

        /// <summary>The roll's whole content as one line, for equality checks after a restore.</summary>
        public static string Describe(AttendanceRoll roll)
        {
            ClosedRoll snapshot = roll.Snapshot();
            if (snapshot == null)
            {
                return "closed";
            }

            StringBuilder text = new StringBuilder();
            text.Append(StateName(roll.State) + " " + snapshot.RollId + " " + snapshot.ProfessorCode + " "
                + snapshot.ProfessorEmail + " " + snapshot.OpenedUtc.Ticks.ToString() + " "
                + snapshot.ClosedUtc.Ticks.ToString() + " " + (snapshot.ClosedAutomatically ? "auto" : "manual"));
            for (int index = 0; index < snapshot.StudentCodes.Length; index++)
            {
                text.Append(" " + snapshot.StudentCodes[index] + "@" + snapshot.SwipeTimesUtc[index].Ticks.ToString());
            }

            return text.ToString();
        }
    }
}
