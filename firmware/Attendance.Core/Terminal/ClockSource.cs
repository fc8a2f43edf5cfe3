namespace Attendance.Core.Terminal
{
    /// <summary>Where the terminal's wall clock came from, for the health report.</summary>
    public enum ClockSource
    {
        /// <summary>Not set yet (before 2020): no roll opens.</summary>
        Unset,

        /// <summary>Set before the server was asked: SNTP on the board, the operating system on a PC.</summary>
        Sntp,

        /// <summary>Set from the lookup server's authenticated time because SNTP was silent.</summary>
        Server,
    }
}
