namespace Attendance.Core.Roll
{
    /// <summary>What a card swipe did; each value has its own LED signal (docs/signals.md).</summary>
    public enum SwipeResult
    {
        /// <summary>A professor confirmed by the lookup server opened the roll.</summary>
        Opened = 0,

        /// <summary>The server could not be reached; a professor in the offline cache opened the roll.</summary>
        OpenedFromCache = 1,

        /// <summary>Roll closed: the server says the card is not a professor's (NAOEHPROFESSOR).</summary>
        NotProfessor = 2,

        /// <summary>Roll closed: the server could not be reached and the card is not in the offline cache.</summary>
        ServerUnreachable = 3,

        /// <summary>The clock has not been set by SNTP yet (year before 2020): no roll is opened or changed.</summary>
        ClockNotSet = 4,

        /// <summary>A student's first swipe, stored.</summary>
        Accepted = 5,

        /// <summary>The student was already stored; nothing changed.</summary>
        Duplicate = 6,

        /// <summary>The roll holds its capacity of students; the swipe was not stored.</summary>
        RollFull = 7,

        /// <summary>A professor other than the one who opened the roll; refused.</summary>
        OtherProfessor = 8,

        /// <summary>The professor who opened the roll swiped again: the roll is now <see cref="RollState.Closing"/>.</summary>
        Closing = 9,

        /// <summary>The roll is closing and waits for the caller to hand it over; the swipe was ignored.</summary>
        ClosePending = 10,

        /// <summary>The journal could not be written (flash fault): nothing changed, so nothing is kept only in RAM.</summary>
        StorageFailed = 11,

        /// <summary>
        /// Roll closed: the lookup server refused this terminal's key and the card is not in the offline cache
        /// (with the card cached, the roll opens from the cache as with an unreachable server).
        /// </summary>
        KeyRefused = 12,
    }
}
