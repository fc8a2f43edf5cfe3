using System;
using System.Text;
using Attendance.Core.Security;
using Attendance.Core.Tests.Support;

namespace Attendance.Core.Tests.Security
{
    /// <summary>
    /// The e-mail's verification code (docs/protocol.md, "Verification code"). The fixed vectors were computed
    /// outside this code (Python's hmac and hashlib, and a base32 written from Crockford's table); the host-only
    /// tests also compare with .NET's HMACSHA256 on generated rolls.
    /// </summary>
    [TestClass]
    public class VerificationCodeTests
    {
        private static readonly byte[] Key = Encoding.UTF8.GetBytes("terminal-key-for-tests-32-bytes!");

        [TestMethod]
        public void Three_students_with_class_and_late_time_give_the_fixed_vector()
        {
            VerificationCode code = new VerificationCode(Key, "T01", "T01-20261123T080500Z", "P1", "C1", "20261123T080500Z",
                "20261123T094000Z", "20261123T081500Z", "0", 3);
            code.AddPresence("A1", "20261123T081000Z");
            code.AddPresence("A2", "20261123T083000Z");
            code.AddPresence("X9", "20261123T081200Z");

            Assert.AreEqual("HXK3-ZV4W-3GDB-5R9R", code.Finish());
        }

        [TestMethod]
        public void Empty_class_and_late_time_are_empty_lines()
        {
            VerificationCode code = new VerificationCode(Key, "T01", "T01-20261123T080500Z", "P1", string.Empty, "20261123T080500Z",
                "20261123T094000Z", string.Empty, "1", 0);

            Assert.AreEqual("SCS6-K817-3F28-SKKK", code.Finish());
        }

        [TestMethod]
        public void Accented_codes_are_hashed_as_UTF8()
        {
            VerificationCode code = new VerificationCode(Encoding.UTF8.GetBytes("demo-key-T01-not-for-production!"), "T01",
                "T01-20261123T081500Z-000042", "PROF1", "C100", "20261123T081500Z", "20261123T094000Z", "20261123T081500Z", "0", 1);
            code.AddPresence("ALUNO-Çé", "20261123T082000Z");

            Assert.AreEqual("4BJE-ZW66-SZ08-69R3", code.Finish());
        }

        [TestMethod]
        public void A_presence_given_as_a_time_hashes_as_its_upload_text_whatever_the_code_length()
        {
            string[] students = new string[] { "A1", "ALUNO-Çé", "X" + new string('9', 63), new string('é', 100) };
            DateTime swipe = new DateTime(2026, 11, 23, 8, 10, 5).AddTicks(1234567);
            for (int i = 0; i < students.Length; i++)
            {
                VerificationCode asText = new VerificationCode(Key, "T01", "R", "P1", "C1", "20261123T080500Z", "20261123T094000Z", string.Empty, "0", 2);
                asText.AddPresence(students[i], "20261123T081005Z");
                asText.AddPresence("B2", "20261123T081005Z");
                VerificationCode asTime = new VerificationCode(Key, "T01", "R", "P1", "C1", "20261123T080500Z", "20261123T094000Z", string.Empty, "0", 2);
                asTime.AddPresence(students[i], swipe);
                asTime.AddPresence("B2", swipe);

                Assert.AreEqual(asText.Finish(), asTime.Finish(), students[i]);
            }
        }

        [TestMethod]
        public void Any_changed_value_changes_the_code()
        {
            string original = ThreeStudents("A2", "20261123T083000Z", "C1");

            Assert.AreNotEqual(original, ThreeStudents("A3", "20261123T083000Z", "C1"));
            Assert.AreNotEqual(original, ThreeStudents("A2", "20261123T083001Z", "C1"));
            Assert.AreNotEqual(original, ThreeStudents("A2", "20261123T083000Z", "C2"));
            Assert.AreEqual(original, ThreeStudents("A2", "20261123T083000Z", "C1"));
        }

        [TestMethod]
        public void Presences_must_match_the_count()
        {
            VerificationCode tooFew = new VerificationCode(Key, "T01", "R", "P1", "C1", "20261123T080500Z", "20261123T094000Z", string.Empty, "0", 2);
            tooFew.AddPresence("A1", "20261123T081000Z");
            Expect.Throws(typeof(InvalidOperationException), delegate { tooFew.Finish(); });

            VerificationCode tooMany = new VerificationCode(Key, "T01", "R", "P1", "C1", "20261123T080500Z", "20261123T094000Z", string.Empty, "0", 0);
            Expect.Throws(typeof(InvalidOperationException), delegate { tooMany.AddPresence("A1", "20261123T081000Z"); });
        }

        [TestMethod]
        public void A_missing_field_is_refused_rather_than_hashed_as_empty()
        {
            Expect.Throws(typeof(ArgumentNullException), delegate
            {
                new VerificationCode(Key, "T01", "R", "P1", null, "20261123T080500Z", "20261123T094000Z", string.Empty, "0", 0);
            });
        }

        [TestMethod]
        [DataRow("ffffffffffffffffffff", "ZZZZZZZZZZZZZZZZ")]
        [DataRow("00000000000000000000", "0000000000000000")]
        [DataRow("00443214c74254b635cf", "0123456789ABCDEF")]
        [DataRow("ff", "ZW")]
        [DataRow("66", "CR")]
        public void Base32_is_Crockford_most_significant_bit_first(string hex, string expected)
        {
            byte[] data = HexText.ToBytes(hex);

            Assert.AreEqual(expected, VerificationCode.Encode(data, 0, data.Length));
        }

        [TestMethod]
        [DataRow("HXK3-ZV4W-3GDB-5R9R", "HXK3ZV4W3GDB5R9R")]
        [DataRow("hxk3zv4w3gdb5r9r", "HXK3ZV4W3GDB5R9R")]
        [DataRow(" hxk3 zv4w-3gdb 5r9r ", "HXK3ZV4W3GDB5R9R")]
        [DataRow("OIL0-oil0-0000-0000", "0110011000000000")]
        public void Normalise_accepts_what_people_type(string typed, string expected)
        {
            Assert.AreEqual(expected, VerificationCode.Normalise(typed));
        }

        [TestMethod]
        [DataRow("HXK3-ZV4W-3GDB-5R9")]
        [DataRow("HXK3-ZV4W-3GDB-5R9RR")]
        [DataRow("HXK3-ZV4W-3GDB-5R9U")]
        [DataRow("HXK3-ZV4W-3GDB-5R9*")]
        [DataRow("")]
        public void Normalise_refuses_what_is_not_a_code(string typed)
        {
            Assert.IsNull(VerificationCode.Normalise(typed));
        }

        [TestMethod]
        public void Normalise_refuses_null_and_Group_restores_the_dashes()
        {
            Assert.IsNull(VerificationCode.Normalise(null));
            Assert.AreEqual("HXK3-ZV4W-3GDB-5R9R", VerificationCode.Group(VerificationCode.Normalise("hxk3zv4w3gdb5r9r")));
        }

        [TestMethod]
        public void Incremental_HMAC_equals_the_one_call_HMAC_whatever_the_pieces()
        {
            byte[] message = new byte[300];
            for (int i = 0; i < message.Length; i++)
            {
                message[i] = (byte)(i * 7);
            }

            string whole = HexText.FromBytes(HmacSha256.Compute(Key, message));
            int[] pieces = new int[] { 1, 63, 64, 65, 299 };
            for (int p = 0; p < pieces.Length; p++)
            {
                HmacSha256 mac = new HmacSha256(Key);
                for (int offset = 0; offset < message.Length; offset += pieces[p])
                {
                    int count = message.Length - offset < pieces[p] ? message.Length - offset : pieces[p];
                    mac.Append(message, offset, count);
                }

                Assert.AreEqual(whole, HexText.FromBytes(mac.Finish()), "pieces of " + pieces[p].ToString());
            }
        }

        private static string ThreeStudents(string second, string secondSwipe, string classCode)
        {
            VerificationCode code = new VerificationCode(Key, "T01", "T01-20261123T080500Z", "P1", classCode, "20261123T080500Z",
                "20261123T094000Z", "20261123T081500Z", "0", 3);
            code.AddPresence("A1", "20261123T081000Z");
            code.AddPresence(second, secondSwipe);
            code.AddPresence("X9", "20261123T081200Z");
            return code.Finish();
        }
    }
}
