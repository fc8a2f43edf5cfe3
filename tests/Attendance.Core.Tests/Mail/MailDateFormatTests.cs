using System;
using Attendance.Core.Mail.Message;

namespace Attendance.Core.Tests.Mail
{
    [TestClass]
    public class MailDateFormatTests
    {
        [TestMethod]
        [DataRow(2024, 2, 5, 17, 3, 9, -180, "Mon, 05 Feb 2024 14:03:09 -0300")]
        [DataRow(2024, 2, 5, 17, 3, 9, 0, "Mon, 05 Feb 2024 17:03:09 +0000")]
        [DataRow(2024, 1, 1, 1, 0, 0, -180, "Sun, 31 Dec 2023 22:00:00 -0300")]
        [DataRow(2024, 2, 28, 20, 30, 0, 330, "Thu, 29 Feb 2024 02:00:00 +0530")]
        [DataRow(2023, 12, 31, 23, 59, 59, 60, "Mon, 01 Jan 2024 00:59:59 +0100")]
        [DataRow(2024, 7, 14, 9, 5, 0, -570, "Sat, 13 Jul 2024 23:35:00 -0930")]
        public void Rfc5322_renders_local_time_and_offset(int year, int month, int day, int hour, int minute, int second,
            int offset, string expected)
        {
            Assert.AreEqual(expected, MailDateFormat.Rfc5322(new DateTime(year, month, day, hour, minute, second), offset));
        }

        [TestMethod]
        [DataRow(-180, true, "31/12/2023")]
        [DataRow(-180, false, "2023-12-31")]
        [DataRow(0, true, "01/01/2024")]
        public void LocalDate_applies_the_offset(int offset, bool dayFirst, string expected)
        {
            Assert.AreEqual(expected, MailDateFormat.LocalDate(new DateTime(2024, 1, 1, 2, 0, 0), offset, dayFirst));
        }

        [TestMethod]
        [DataRow(0, "00:00")]
        [DataRow(845, "14:05")]
        [DataRow(1439, "23:59")]
        public void MinuteOfDay_renders_hours_and_minutes(int minute, string expected)
        {
            Assert.AreEqual(expected, MailDateFormat.MinuteOfDay(minute));
        }
    }
}
