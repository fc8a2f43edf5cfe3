using Attendance.Core.Lookup;

namespace Attendance.Core.Tests.Lookup
{
    [TestClass]
    public class LookupFieldCodecTests
    {
        [TestMethod]
        [DataRow("João Conceição", "João Conceição")]
        [DataRow("a|b", "a\\pb")]
        [DataRow("back\\slash", "back\\\\slash")]
        [DataRow("two\r\nlines", "two\\r\\nlines")]
        [DataRow("", "")]
        public void Escape_writes_the_documented_sequences(string value, string expected)
        {
            Assert.AreEqual(expected, LookupFieldCodec.Escape(value));
        }

        [TestMethod]
        [DataRow("Ñandú Müller")]
        [DataRow("a|b|\\|\r\n\\p")]
        [DataRow("' OR 1=1; DROP TABLE students; --")]
        public void Split_of_Join_gives_back_every_field(string value)
        {
            string line = LookupFieldCodec.Join(new string[] { "NOMEALUNO", value, "x" });
            string[] fields = LookupFieldCodec.Split(line);

            Assert.AreEqual(3, fields.Length);
            Assert.AreEqual("NOMEALUNO", fields[0]);
            Assert.AreEqual(value, fields[1]);
            Assert.AreEqual("x", fields[2]);
        }

        [TestMethod]
        [DataRow("MATRICULADO|A1|C1|K1|2026|11", 6)]
        [DataRow("EHPROFESSOR|", 2)]
        [DataRow("OK", 1)]
        [DataRow("", 1)]
        public void Split_counts_fields_including_empty_ones(string line, int expectedCount)
        {
            Assert.AreEqual(expectedCount, LookupFieldCodec.Split(line).Length);
        }

        [TestMethod]
        [DataRow("NOMEALUNO|abc\\")]
        [DataRow("NOMEALUNO|a\\xb")]
        [DataRow("NOMEALUNO|a\tb")]
        [DataRow("NOMEALUNO|a\u0001b")]
        [DataRow("NOMEALUNO|a\ufffdb")]
        public void Split_rejects_bad_escapes_and_control_characters(string line)
        {
            Assert.IsNull(LookupFieldCodec.Split(line));
        }
    }
}
