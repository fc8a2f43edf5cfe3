namespace Attendance.Core.Lookup
{
    /// <summary>
    /// Answers whether a card is a professor's (EHPROFESSOR). The roll asks it only for a card that would open
    /// a roll, never for student swipes, so students never wait for the network.
    /// </summary>
    public interface IProfessorDirectory
    {
        /// <summary>
        /// Returns the professor's e-mail address, or null when the server answers NAOEHPROFESSOR.
        /// Throws <see cref="LookupException"/> when the server cannot be asked (the roll then applies its
        /// offline policy).
        /// </summary>
        string FindProfessorEmail(string cardCode);
    }
}
