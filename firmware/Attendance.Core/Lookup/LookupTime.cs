using System;

namespace Attendance.Core.Lookup
{
    /// <summary>
    /// Local wall-clock values the protocol speaks in (docs/protocol.md, "Times and weekdays"): HH:MM and the
    /// ISO 8601 weekday, 1 = Monday .. 7 = Sunday, from a UTC time and a configured offset (the board has no
    /// time zones).
    /// </summary>
    public static class LookupTime
    {
        public static DateTime ToLocal(DateTime utc, int utcOffsetMinutes)
        {
            return utc.AddMinutes(utcOffsetMinutes);
        }

        /// <summary>ISO 8601 weekday: 1 = Monday .. 7 = Sunday (.NET's DayOfWeek has Sunday = 0).</summary>
        public static int IsoWeekday(DateTime local)
        {
            int day = (int)local.DayOfWeek;
            return day == 0 ? 7 : day;
        }

        public static string FormatHourMinute(DateTime local)
        {
            return FormatMinuteOfDay(local.Hour * 60 + local.Minute);
        }

        public static string FormatMinuteOfDay(int minuteOfDay)
        {
            int hour = minuteOfDay / 60;
            int minute = minuteOfDay % 60;
            return TwoDigits(hour) + ":" + TwoDigits(minute);
        }

        /// <summary>Parses "HH:MM" (00:00 to 23:59, exactly five characters); returns -1 when malformed.</summary>
        public static int ParseMinuteOfDay(string text)
        {
            if (text == null || text.Length != 5 || text[2] != ':')
            {
                return -1;
            }

            int hour = TwoDigitValue(text, 0);
            int minute = TwoDigitValue(text, 3);
            if (hour < 0 || minute < 0 || hour > 23 || minute > 59)
            {
                return -1;
            }

            return hour * 60 + minute;
        }

        /// <summary>Parses a non-negative decimal of at most <paramref name="maximumDigits"/> digits; -1 when malformed.</summary>
        public static int ParseNumber(string text, int maximumDigits)
        {
            if (text == null || text.Length == 0 || text.Length > maximumDigits)
            {
                return -1;
            }

            int value = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char digit = text[i];
                if (digit < '0' || digit > '9')
                {
                    return -1;
                }

                value = value * 10 + (digit - '0');
            }

            return value;
        }

        private static int TwoDigitValue(string text, int offset)
        {
            char high = text[offset];
            char low = text[offset + 1];
            if (high < '0' || high > '9' || low < '0' || low > '9')
            {
                return -1;
            }

            return (high - '0') * 10 + (low - '0');
        }

        private static string TwoDigits(int value)
        {
            return value < 10 ? "0" + value.ToString() : value.ToString();
        }
    }
}
