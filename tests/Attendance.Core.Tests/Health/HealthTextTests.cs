using Attendance.Core.Health;

namespace Attendance.Core.Tests.Health
{
    [TestClass]
    public class HealthTextTests
    {
        [TestMethod]
        public void Addresses_become_a_mark_and_the_rest_stays()
        {
            Assert.AreEqual("outbox: Roll T01-7: recipient [address] refused (550)",
                HealthText.Clean("outbox: Roll T01-7: recipient <prof.silva@school.example> refused (550)", 150));
        }

        [TestMethod]
        public void Non_ASCII_becomes_a_question_mark_and_line_breaks_a_space()
        {
            Assert.AreEqual("Concei??o a b", HealthText.Clean("Conceição a\tb", 150));
            Assert.AreEqual("a  b", HealthText.Clean("a\r\nb", 150));
        }

        [TestMethod]
        public void Long_text_is_cut_with_an_ellipsis_and_null_is_empty()
        {
            Assert.AreEqual("abcdefg...", HealthText.Clean("abcdefghijklmnop", 10));
            Assert.AreEqual("abcdefghij", HealthText.Clean("abcdefghij", 10));
            Assert.AreEqual(string.Empty, HealthText.Clean(null, 10));
        }
    }
}
