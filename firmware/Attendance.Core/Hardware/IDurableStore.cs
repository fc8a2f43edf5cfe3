namespace Attendance.Core.Hardware
{
    /// <summary>
    /// Small named records that survive a reboot or power cut: the open roll's journal and the outbox.
    /// On the board this is a flash file system; on a PC, a folder. Names are short ASCII
    /// (letters, digits, '-', '_', '.'), because flash file systems are picky.
    /// </summary>
    public interface IDurableStore
    {
        /// <summary>
        /// Appends bytes to the named record, creating it if needed, and flushes before returning.
        /// A power cut during the call may leave a torn tail; readers must detect it.
        /// </summary>
        void Append(string name, byte[] data, int offset, int count);

        /// <summary>
        /// Replaces the named record as a whole. Either the old or the new content survives a power cut
        /// (write to a temporary name, flush, then rename).
        /// </summary>
        void Replace(string name, byte[] data, int offset, int count);

        /// <summary>Returns the whole record, or null when it does not exist. For small records only: a roll or a report is read in pieces (<see cref="ReadAt"/>).</summary>
        byte[] Read(string name);

        /// <summary>
        /// Copies up to <paramref name="count"/> bytes of the named record, from byte <paramref name="position"/> on,
        /// into <paramref name="buffer"/>; returns how many were copied (0 at or past the end), or -1 when the record
        /// does not exist. Lets a record of any size be read through one small buffer (the board's heap).
        /// </summary>
        int ReadAt(string name, int position, byte[] buffer, int offset, int count);

        /// <summary>The record's size in bytes, or -1 when it does not exist.</summary>
        int Length(string name);

        /// <summary>Deletes the named record; does nothing when it does not exist.</summary>
        void Delete(string name);

        /// <summary>Names of all records starting with <paramref name="prefix"/>, in ordinal order.</summary>
        string[] List(string prefix);
    }
}
