namespace Attendance.Core.Signals
{
    /// <summary>A short pattern shown once over the steady roll colour (docs/signals.md).</summary>
    public enum Signal
    {
        /// <summary>Nothing to show.</summary>
        None = 0,

        /// <summary>A student's swipe was stored.</summary>
        Accepted = 1,

        /// <summary>The student was already on the roll.</summary>
        Duplicate = 2,

        /// <summary>The card could not be read, is not a professor's when the roll is closed, or was not taken.</summary>
        BadRead = 3,

        /// <summary>The roll holds as many students as it can.</summary>
        RollFull = 4,

        /// <summary>Another professor's card while a roll is open.</summary>
        OtherProfessor = 5,

        /// <summary>The lookup server could not be reached to recognise a professor.</summary>
        NetworkTrouble = 6,

        /// <summary>The e-mail could not be sent now and waits in the outbox for a retry.</summary>
        MailQueuedForRetry = 7,

        /// <summary>
        /// The lookup server refused this terminal's key (AUTENTICAR answered ERRO): the server is reachable but
        /// will answer nothing until the key is fixed on either side. Distinct from <see cref="NetworkTrouble"/>.
        /// </summary>
        KeyRefused = 8,

        /// <summary>
        /// A card that may open the roll is being checked with the lookup server: shown during that wait (at most
        /// a few seconds), then replaced by the swipe's own signal.
        /// </summary>
        CheckingProfessor = 9,
    }
}
