namespace Attendance.Core.Configuration
{
    /// <summary>
    /// The settings a lookup server offered a terminal (docs/protocol.md, "Time and settings from the server"): the
    /// server's settings version and its <c>key = value</c> pairs, in the server's order. Checked by
    /// <see cref="ServerSettings.Check"/> before it is applied or kept on flash.
    /// </summary>
    public class ServerSettingsSet
    {
        public ServerSettingsSet(string version, string[] keys, string[] values)
        {
            Version = version;
            Keys = keys;
            Values = values;
        }

        /// <summary>The server's settings version, as the server wrote it (changes on every edit).</summary>
        public string Version { get; private set; }

        public string[] Keys { get; private set; }

        public string[] Values { get; private set; }

        public int Count
        {
            get { return Keys.Length; }
        }
    }
}
