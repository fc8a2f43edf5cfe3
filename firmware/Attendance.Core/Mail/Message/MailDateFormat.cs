using System;
using System.Text;

namespace Attendance.Core.Mail.Message
{
    /// <summary>
    /// Dates and times rendered by hand, culture-free (the board has no globalization): the RFC 5322
    /// section 3.3 date-time for the Date header, and short local dates and times for people.
    /// </summary>
    public static class MailDateFormat
    {
        private static readonly string[] DayNames = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };

        private static readonly string[] MonthNames =
        {
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        };

        /// <summary>"Mon, 05 Feb 2024 14:03:09 -0300": local time at the offset, followed by the offset (section 3.3).</summary>
        public static string Rfc5322(DateTime utc, int utcOffsetMinutes)
        {
            DateTime local = utc.AddMinutes(utcOffsetMinutes);
            StringBuilder text = new StringBuilder(31);
            text.Append(DayNames[(int)local.DayOfWeek]);
            text.Append(", ");
            AppendTwoDigits(text, local.Day);
            text.Append(' ');
            text.Append(MonthNames[local.Month - 1]);
            text.Append(' ');
            text.Append(local.Year.ToString());
            text.Append(' ');
            AppendClock(text, local, true);
            text.Append(' ');
            int offset = utcOffsetMinutes;
            text.Append(offset < 0 ? '-' : '+');
            if (offset < 0)
            {
                offset = -offset;
            }

            AppendTwoDigits(text, offset / 60);
            AppendTwoDigits(text, offset % 60);
            return text.ToString();
        }

        /// <summary>Local calendar date: "05/02/2024" (dayFirst) or "2024-02-05" (ISO 8601).</summary>
        public static string LocalDate(DateTime utc, int utcOffsetMinutes, bool dayFirst)
        {
            DateTime local = utc.AddMinutes(utcOffsetMinutes);
            StringBuilder text = new StringBuilder(10);
            if (dayFirst)
            {
                AppendTwoDigits(text, local.Day);
                text.Append('/');
                AppendTwoDigits(text, local.Month);
                text.Append('/');
                text.Append(local.Year.ToString());
            }
            else
            {
                text.Append(local.Year.ToString());
                text.Append('-');
                AppendTwoDigits(text, local.Month);
                text.Append('-');
                AppendTwoDigits(text, local.Day);
            }

            return text.ToString();
        }

        /// <summary>Local time of day, "14:03" or with seconds "14:03:09".</summary>
        public static string LocalTime(DateTime utc, int utcOffsetMinutes, bool withSeconds)
        {
            StringBuilder text = new StringBuilder(8);
            AppendClock(text, utc.AddMinutes(utcOffsetMinutes), withSeconds);
            return text.ToString();
        }

        /// <summary>A local minute of the day (the class start time) as "14:00".</summary>
        public static string MinuteOfDay(int minuteOfDay)
        {
            StringBuilder text = new StringBuilder(5);
            AppendTwoDigits(text, minuteOfDay / 60);
            text.Append(':');
            AppendTwoDigits(text, minuteOfDay % 60);
            return text.ToString();
        }

        private static void AppendClock(StringBuilder text, DateTime local, bool withSeconds)
        {
            AppendTwoDigits(text, local.Hour);
            text.Append(':');
            AppendTwoDigits(text, local.Minute);
            if (withSeconds)
            {
                text.Append(':');
                AppendTwoDigits(text, local.Second);
            }
        }

        private static void AppendTwoDigits(StringBuilder text, int value)
        {
            text.Append((char)('0' + (value / 10)));
            text.Append((char)('0' + (value % 10)));
        }
    }
}
