using System;

namespace Attendance.Core.Lookup
{
    /// <summary>
    /// Names and value formats of the roll upload (docs/protocol.md, "Uploading a roll"), shared by the terminal
    /// that sends it and the server that stores it.
    /// </summary>
    public static class UploadProtocol
    {
        /// <summary>CHAMADA|roll id|professor|class|opened|closed|late after|auto|count.</summary>
        public const string RollStart = "CHAMADA";

        /// <summary>PRESENCA|student|first swipe.</summary>
        public const string Presence = "PRESENCA";

        /// <summary>FIMCHAMADA|roll id|verification code.</summary>
        public const string RollEnd = "FIMCHAMADA";

        /// <summary>The answer to FIMCHAMADA: CHAMADAGUARDADA|roll id (stored now or before).</summary>
        public const string RollStored = "CHAMADAGUARDADA";

        /// <summary>An older server's answer to a command it does not know: the upload is not supported there.</summary>
        public const string UnknownCommand = "comando desconhecido";

        /// <summary>Arguments of <see cref="RollStart"/>.</summary>
        public const int RollStartArguments = 8;

        /// <summary>Most PRESENCA lines of one upload.</summary>
        public const int MaximumPresences = 10000;

        /// <summary>Characters of a time on the wire: yyyyMMddTHHmmssZ.</summary>
        public const int TimeLength = 16;

        /// <summary>
        /// A UTC time as the upload writes it, ISO 8601 basic format to the second: "20261123T081500Z". Built by
        /// hand: the board has no custom format specifiers.
        /// </summary>
        public static string FormatUtc(DateTime utc)
        {
            // One char array and one string: this runs once per student in the upload, on the board's heap.
            char[] text = new char[TimeLength];
            Digits(utc.Year, text, 0, 4);
            Digits(utc.Month, text, 4, 2);
            Digits(utc.Day, text, 6, 2);
            text[8] = 'T';
            Digits(utc.Hour, text, 9, 2);
            Digits(utc.Minute, text, 11, 2);
            Digits(utc.Second, text, 13, 2);
            text[15] = 'Z';
            return new string(text);
        }

        /// <summary>
        /// <see cref="FormatUtc"/>'s 16 ASCII characters written as bytes at <paramref name="offset"/>, allocating
        /// nothing (the verification code hashes one per student).
        /// </summary>
        public static void WriteUtc(DateTime utc, byte[] buffer, int offset)
        {
            DigitBytes(utc.Year, buffer, offset, 4);
            DigitBytes(utc.Month, buffer, offset + 4, 2);
            DigitBytes(utc.Day, buffer, offset + 6, 2);
            buffer[offset + 8] = (byte)'T';
            DigitBytes(utc.Hour, buffer, offset + 9, 2);
            DigitBytes(utc.Minute, buffer, offset + 11, 2);
            DigitBytes(utc.Second, buffer, offset + 13, 2);
            buffer[offset + 15] = (byte)'Z';
        }

        /// <summary>
        /// Parses <see cref="FormatUtc"/>'s text (exactly that shape, a real calendar time); false when malformed.
        /// </summary>
        public static bool TryParseUtc(string text, out DateTime utc)
        {
            utc = DateTime.MinValue;
            if (text == null || text.Length != TimeLength || text[8] != 'T' || text[15] != 'Z')
            {
                return false;
            }

            int year = Number(text, 0, 4);
            int month = Number(text, 4, 2);
            int day = Number(text, 6, 2);
            int hour = Number(text, 9, 2);
            int minute = Number(text, 11, 2);
            int second = Number(text, 13, 2);
            if (year < 1601 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59)
            {
                return false;
            }

            utc = new DateTime(year, month, day, hour, minute, second);
            return true;
        }

        private static void Digits(int value, char[] text, int start, int width)
        {
            for (int i = start + width - 1; i >= start; i--)
            {
                text[i] = (char)('0' + (value % 10));
                value /= 10;
            }
        }

        private static void DigitBytes(int value, byte[] buffer, int start, int width)
        {
            for (int i = start + width - 1; i >= start; i--)
            {
                buffer[i] = (byte)('0' + (value % 10));
                value /= 10;
            }
        }

        private static int Number(string text, int start, int count)
        {
            int value = 0;
            for (int i = start; i < start + count; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9')
                {
                    return -1;
                }

                value = value * 10 + (c - '0');
            }

            return value;
        }
    }
}
