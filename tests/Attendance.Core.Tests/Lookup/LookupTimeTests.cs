using System;
using Attendance.Core.Lookup;

namespace Attendance.Core.Tests.Lookup
{
    [TestClass]
    public class LookupTimeTests
    {
        // 2026-11-23 is a Monday.
        [TestMethod]
        [DataRow(23, 12, 0, 0, 1, "12:00")]
        [DataRow(29, 12, 0, 0, 7, "12:00")]
        [DataRow(23, 1, 30, -180, 7, "22:30")]
        [DataRow(29, 23, 15, 60, 1, "00:15")]
        public void Local_weekday_and_time_follow_the_offset(int day, int hour, int minute, int offset, int expectedWeekday, string expectedTime)
        {
            DateTime local = LookupTime.ToLocal(new DateTime(2026, 11, day, hour, minute, 0), offset);

            Assert.AreEqual(expectedWeekday, LookupTime.IsoWeekday(local));
            Assert.AreEqual(expectedTime, LookupTime.FormatHourMinute(local));
        }

        [TestMethod]
        [DataRow("00:00", 0)]
        [DataRow("08:05", 485)]
        [DataRow("23:59", 1439)]
        [DataRow("24:00", -1)]
        [DataRow("8:05", -1)]
        [DataRow("08-05", -1)]
        [DataRow("0a:05", -1)]
        public void ParseMinuteOfDay_accepts_only_HH_MM(string text, int expected)
        {
            Assert.AreEqual(expected, LookupTime.ParseMinuteOfDay(text));
        }
    }
}
