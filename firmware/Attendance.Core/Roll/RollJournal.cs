using System;
using System.Text;
using Attendance.Core.Hardware;

namespace Attendance.Core.Roll
{
    /// <summary>
    /// The open roll's append-only journal in the durable store. Each record is
    /// <c>length (2 bytes) | type (1) | payload | CRC-32 (4)</c>, where length counts type and payload and the
    /// CRC covers length, type and payload; integers are little-endian, times are UTC ticks.
    /// A power cut during an append leaves a short or mismatching last record, which <see cref="NextRecord"/>
    /// rejects; the reader keeps the records before it.
    /// Record types: Open (format version, opening time, roll number, terminal id, professor code, e-mail or
    /// none), Swipe (time, code), Close (time, automatic flag). Version 2 added the roll number
    /// (<see cref="RollSequence"/>); a version 1 Open (no number) is still read, as roll number 0.
    /// </summary>
    public class RollJournal
    {
        public const byte OpenRecord = 1;
        public const byte SwipeRecord = 2;
        public const byte CloseRecord = 3;

        public const byte FormatVersion = 2;

        /// <summary>The Open record before the roll number (still read after an upgrade).</summary>
        public const byte FormatVersion1 = 1;

        /// <summary>Length, type and CRC around every payload.</summary>
        public const int Overhead = 2 + 1 + 4;

        private const int NoEmail = 0xFFFF;

        private readonly IDurableStore store;
        private readonly string name;

        // Reused for every swipe and close record: appending allocates nothing on the roll's side.
        private readonly byte[] scratch;

        public RollJournal(IDurableStore store, string name, int maximumCodeLength)
        {
            this.store = store;
            this.name = name;
            scratch = new byte[Overhead + 8 + 1 + maximumCodeLength + 8];
        }

        public string Name
        {
            get { return name; }
        }

        public byte[] ReadAll()
        {
            return store.Read(name);
        }

        public void Delete()
        {
            store.Delete(name);
        }

        /// <summary>Keeps a damaged journal's bytes as "damaged.NAME" for a person to look at (the outbox caps such copies).</summary>
        public void SetAside(byte[] data)
        {
            store.Replace("damaged." + name, data, 0, data.Length);
        }

        /// <summary>Replaces the journal with the first <paramref name="count"/> bytes of <paramref name="data"/>.</summary>
        public void Replace(byte[] data, int count)
        {
            store.Replace(name, data, 0, count);
        }

        public void AppendOpen(long openedTicks, long sequence, string terminalId, string professorCode, string professorEmail)
        {
            byte[] record = new byte[OpenRecordSize(terminalId, professorCode, professorEmail)];
            int end = EncodeOpen(record, 0, openedTicks, sequence, terminalId, professorCode, professorEmail);
            store.Replace(name, record, 0, end);
        }

        public void AppendSwipe(long swipeTicks, char[] code, int length)
        {
            int end = EncodeSwipe(scratch, 0, swipeTicks, code, length);
            store.Append(name, scratch, 0, end);
        }

        public void AppendClose(long closedTicks, bool automatic)
        {
            int end = EncodeClose(scratch, 0, closedTicks, automatic);
            store.Append(name, scratch, 0, end);
        }

        public static int OpenRecordSize(string terminalId, string professorCode, string professorEmail)
        {
            int emailBytes = professorEmail == null ? 0 : Encoding.UTF8.GetBytes(professorEmail).Length;
            return Overhead + 1 + 8 + 8 + 1 + terminalId.Length + 1 + professorCode.Length + 2 + emailBytes;
        }

        public static int EncodeOpen(
            byte[] buffer, int position, long openedTicks, long sequence, string terminalId, string professorCode, string professorEmail)
        {
            int payload = position + 3;
            LittleEndian.WriteInt64(buffer, payload + 1, openedTicks);
            int cursor;
            if (sequence > 0)
            {
                buffer[payload] = FormatVersion;
                LittleEndian.WriteInt64(buffer, payload + 9, sequence);
                cursor = WriteAscii(buffer, payload + 17, terminalId);
            }
            else
            {
                // A roll restored from a version-1 journal has no number: rewriting it (after a failed append, or
                // to drop a damaged record) keeps version 1, so it keeps its identity and still replays.
                buffer[payload] = FormatVersion1;
                cursor = WriteAscii(buffer, payload + 9, terminalId);
            }

            cursor = WriteAscii(buffer, cursor, professorCode);
            if (professorEmail == null)
            {
                LittleEndian.WriteUInt16(buffer, cursor, NoEmail);
                cursor += 2;
            }
            else
            {
                byte[] email = Encoding.UTF8.GetBytes(professorEmail);
                LittleEndian.WriteUInt16(buffer, cursor, email.Length);
                Array.Copy(email, 0, buffer, cursor + 2, email.Length);
                cursor += 2 + email.Length;
            }

            return Seal(buffer, position, OpenRecord, cursor);
        }

        public static int EncodeSwipe(byte[] buffer, int position, long swipeTicks, char[] code, int length)
        {
            int payload = position + 3;
            LittleEndian.WriteInt64(buffer, payload, swipeTicks);
            buffer[payload + 8] = (byte)length;
            for (int index = 0; index < length; index++)
            {
                buffer[payload + 9 + index] = (byte)code[index];
            }

            return Seal(buffer, position, SwipeRecord, payload + 9 + length);
        }

        public static int EncodeClose(byte[] buffer, int position, long closedTicks, bool automatic)
        {
            int payload = position + 3;
            LittleEndian.WriteInt64(buffer, payload, closedTicks);
            buffer[payload + 8] = automatic ? (byte)1 : (byte)0;
            return Seal(buffer, position, CloseRecord, payload + 9);
        }

        /// <summary>
        /// Checks the record at <paramref name="position"/>: returns the position after it, or -1 when it is
        /// torn (runs past <paramref name="end"/>) or damaged (CRC mismatch). Its type is
        /// <c>data[position + 2]</c> and its payload starts at <c>position + 3</c>.
        /// </summary>
        public static int NextRecord(byte[] data, int position, int end)
        {
            if (end - position < Overhead)
            {
                return -1;
            }

            int length = LittleEndian.ReadUInt16(data, position);
            if (length < 1 || end - position - 2 - 4 < length)
            {
                return -1;
            }

            int crcAt = position + 2 + length;
            if (Crc32.Compute(data, position, 2 + length) != LittleEndian.ReadUInt32(data, crcAt))
            {
                return -1;
            }

            return crcAt + 4;
        }

        /// <summary>Longest record a terminal writes (an Open with a 255-character code and a long e-mail), for resynchronising.</summary>
        public const int MaximumRecordBytes = 2048;

        /// <summary>
        /// The position of the first intact record (length in range, CRC matching) at or after
        /// <paramref name="from"/>, or -1. Used after a damaged record to find where the intact ones resume;
        /// the length bound keeps the scan linear in practice on a 400-student journal.
        /// </summary>
        public static int NextIntactRecord(byte[] data, int from, int end)
        {
            for (int position = from; position <= end - Overhead; position++)
            {
                int length = LittleEndian.ReadUInt16(data, position);
                if (length >= 1 && length + Overhead - 1 <= MaximumRecordBytes && NextRecord(data, position, end) >= 0)
                {
                    return position;
                }
            }

            return -1;
        }

        /// <summary>Reads a length-prefixed ASCII string written by <see cref="WriteAscii"/>; null when it runs past <paramref name="end"/>.</summary>
        public static string ReadAscii(byte[] data, int position, int end)
        {
            if (position >= end || position + 1 + data[position] > end)
            {
                return null;
            }

            int length = data[position];
            char[] characters = new char[length];
            for (int index = 0; index < length; index++)
            {
                characters[index] = (char)data[position + 1 + index];
            }

            return new string(characters);
        }

        private static int WriteAscii(byte[] buffer, int position, string text)
        {
            buffer[position] = (byte)text.Length;
            for (int index = 0; index < text.Length; index++)
            {
                buffer[position + 1 + index] = (byte)text[index];
            }

            return position + 1 + text.Length;
        }

        private static int Seal(byte[] buffer, int position, byte type, int payloadEnd)
        {
            LittleEndian.WriteUInt16(buffer, position, payloadEnd - position - 2);
            buffer[position + 2] = type;
            LittleEndian.WriteUInt32(buffer, payloadEnd, Crc32.Compute(buffer, position, payloadEnd - position));
            return payloadEnd + 4;
        }
    }
}
