using Attendance.Core.Lookup;
using Attendance.Core.Security;

namespace Attendance.Core.Tests.Lookup
{
    [TestClass]
    public class Utf8TextTests
    {
        [TestMethod]
        [DataRow("4a6f", true)]
        [DataRow("4ac3a36f", true)]
        [DataRow("e282ac", true)]
        [DataRow("f09f9880", true)]
        [DataRow("", true)]
        [DataRow("4a6f00e36f", false)]
        [DataRow("4a6f09", false)]
        [DataRow("7f", false)]
        [DataRow("c3", false)]
        [DataRow("c328", false)]
        [DataRow("c0af", false)]
        [DataRow("e080af", false)]
        [DataRow("eda080", false)]
        [DataRow("f4908080", false)]
        [DataRow("f5808080", false)]
        [DataRow("ff", false)]
        [DataRow("e282", false)]
        public void Printable_utf8_is_told_from_bytes_the_decoders_disagree_on(string hex, bool printable)
        {
            byte[] bytes = HexText.ToBytes(hex);
            Assert.AreEqual(printable, Utf8Text.IsPrintable(bytes, 0, bytes.Length));
        }

        [TestMethod]
        public void Only_the_given_range_is_judged()
        {
            byte[] bytes = HexText.ToBytes("004a6f00");
            Assert.IsTrue(Utf8Text.IsPrintable(bytes, 1, 2));
            Assert.IsFalse(Utf8Text.IsPrintable(bytes, 0, 3));
        }
    }
}
