namespace Attendance.Core.Roll
{
    /// <summary>Settings of the roll. Defaults suit a lecture room of up to 400 students.</summary>
    public class RollOptions
    {
        /// <summary>This terminal's identity (ASCII letters, digits, '-'), the first part of every RollId.</summary>
        public string TerminalId = "T01";

        /// <summary>Most students one roll stores; memory for them is reserved when the roll object is made.</summary>
        public int Capacity = 400;

        /// <summary>Longest card code the roll stores (match <see cref="Cards.CardReaderOptions.MaximumLength"/>).</summary>
        public int MaximumCodeLength = 20;

        /// <summary>A roll open this long closes itself (a professor who forgot to swipe out).</summary>
        public int MaximumOpenMinutes = 240;

        /// <summary>Most professors remembered for opening a roll while the lookup server is unreachable.</summary>
        public int ProfessorCacheCapacity = 16;

        /// <summary>A cached professor not confirmed by the server for this many days no longer opens a roll offline.</summary>
        public int ProfessorCacheDays = 30;

        /// <summary>Durable record of the open roll.</summary>
        public string JournalName = "roll.journal";

        /// <summary>Durable roll counter (two copies, this name plus ".a" and ".b"; see RollSequence).</summary>
        public string SequenceName = "sequence.roll";

        /// <summary>Durable record of the professor cache.</summary>
        public string ProfessorCacheName = "professors.cache";
    }
}
