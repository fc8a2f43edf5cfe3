using System.Collections;
using System.Text;
using Attendance.Core.Hardware;
using Attendance.Core.Roll;

namespace Attendance.Core.Configuration
{
    /// <summary>
    /// The last good set of settings from the lookup server, on flash, so a terminal restarts with it when the
    /// server is out of reach. One record, replaced whole (<see cref="IDurableStore.Replace"/>):
    /// <c>"SST" | format (1) | payload length (4, little-endian) | payload | CRC-32 (4)</c>, the payload UTF-8 text:
    /// the version on the first line, then one <c>key = value</c> line per setting (values never hold line breaks:
    /// <see cref="ServerSettings.Combine"/> refuses them). A missing, cut or damaged record reads as none, with the
    /// reason in <see cref="Problem"/>: the terminal goes on with its local file, never stops for it.
    /// </summary>
    public class StoredServerSettings
    {
        public const string RecordName = "server-settings";

        public const byte FormatVersion = 1;

        private const int HeaderBytes = 3 + 1 + 4;

        /// <summary>Longest record accepted back (every server key with the longest value, with room to spare).</summary>
        public const int MaximumRecordBytes = 16384;

        private readonly IDurableStore store;

        public StoredServerSettings(IDurableStore store)
        {
            this.store = store;
        }

        /// <summary>Why the last <see cref="Load"/> found no usable set although a record was there; null otherwise.</summary>
        public string Problem { get; private set; }

        public void Save(ServerSettingsSet set)
        {
            StringBuilder text = new StringBuilder();
            text.Append(set.Version);
            text.Append('\n');
            for (int i = 0; i < set.Count; i++)
            {
                text.Append(set.Keys[i]);
                text.Append(" = ");
                text.Append(set.Values[i]);
                text.Append('\n');
            }

            byte[] payload = Encoding.UTF8.GetBytes(text.ToString());
            byte[] record = new byte[HeaderBytes + payload.Length + 4];
            record[0] = (byte)'S';
            record[1] = (byte)'S';
            record[2] = (byte)'T';
            record[3] = FormatVersion;
            LittleEndian.WriteUInt32(record, 4, (uint)payload.Length);
            System.Array.Copy(payload, 0, record, HeaderBytes, payload.Length);
            uint crc = Crc32.Compute(record, 0, HeaderBytes + payload.Length);
            LittleEndian.WriteUInt32(record, HeaderBytes + payload.Length, crc);
            store.Replace(RecordName, record, 0, record.Length);
        }

        /// <summary>The stored set, or null (none stored, or damaged: see <see cref="Problem"/>). Never throws for what it reads.</summary>
        public ServerSettingsSet Load()
        {
            Problem = null;
            int length = store.Length(RecordName);
            if (length < 0)
            {
                return null;
            }

            if (length < HeaderBytes + 4 || length > MaximumRecordBytes)
            {
                Problem = "the stored server settings have an impossible size (" + length.ToString() + " bytes); ignored";
                return null;
            }

            byte[] record = store.Read(RecordName);
            if (record == null || record.Length != length || record[0] != (byte)'S' || record[1] != (byte)'S' || record[2] != (byte)'T'
                || record[3] != FormatVersion)
            {
                Problem = "the stored server settings are not a settings record; ignored";
                return null;
            }

            long payloadLength = LittleEndian.ReadUInt32(record, 4);
            if (payloadLength < 0 || HeaderBytes + payloadLength + 4 != record.Length)
            {
                Problem = "the stored server settings are cut short; ignored";
                return null;
            }

            uint crc = Crc32.Compute(record, 0, HeaderBytes + (int)payloadLength);
            if (crc != LittleEndian.ReadUInt32(record, HeaderBytes + (int)payloadLength))
            {
                Problem = "the stored server settings are damaged (checksum); ignored";
                return null;
            }

            string text = Encoding.UTF8.GetString(record, HeaderBytes, (int)payloadLength);
            string[] lines = text.Split('\n');
            ArrayList keys = new ArrayList();
            ArrayList values = new ArrayList();
            for (int i = 1; i < lines.Length; i++)
            {
                int equals = lines[i].IndexOf('=');
                if (equals <= 0)
                {
                    continue;
                }

                keys.Add(lines[i].Substring(0, equals).Trim());
                values.Add(lines[i].Substring(equals + 1).Trim());
            }

            return new ServerSettingsSet(lines[0], ToArray(keys), ToArray(values));
        }

        public void Delete()
        {
            store.Delete(RecordName);
        }

        private static string[] ToArray(ArrayList list)
        {
            string[] items = new string[list.Count];
            for (int i = 0; i < items.Length; i++)
            {
                items[i] = (string)list[i];
            }

            return items;
        }
    }
}
