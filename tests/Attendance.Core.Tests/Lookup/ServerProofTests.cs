using System;
using System.Text;
using Attendance.Core.Lookup;
using Attendance.Core.Tests.Support;

namespace Attendance.Core.Tests.Lookup
{
    /// <summary>The server's proofs over its time and settings (docs/protocol.md, "Time and settings from the server").</summary>
    [TestClass]
    public class ServerProofTests
    {
        private static readonly byte[] Key = Encoding.UTF8.GetBytes("terminal-key-for-tests-32-bytes!");

        [TestMethod]
        public void A_proof_holds_for_its_own_text_only()
        {
            string text = ServerProof.TimeText("00112233445566778899aabbccddeeff", "0123456789abcdef0123456789abcdef", "1796032800000", "3", "2");
            string proof = ServerProof.Compute(Key, text);

            Assert.IsTrue(ServerProof.IsValid(Key, text, proof));
            Assert.IsTrue(ServerProof.IsValid(Key, text, proof.ToUpper()));
            Assert.IsFalse(ServerProof.IsValid(Key, ServerProof.TimeText("00112233445566778899aabbccddeeff", "0123456789abcdef0123456789abcdee", "1796032800000", "3", "2"), proof));
            Assert.IsFalse(ServerProof.IsValid(Encoding.UTF8.GetBytes("another-key-another-key-another!"), text, proof));
            Assert.IsFalse(ServerProof.IsValid(Key, text, null));
        }

        [TestMethod]
        public void A_separator_inside_a_value_cannot_shift_the_fields()
        {
            string one = ServerProof.SettingsLineText("n1n1n1n1n1n1n1n1", "t1t1t1t1t1t1t1t1", "1", "2", "0", "mail.cc", "a|b");
            string other = ServerProof.SettingsLineText("n1n1n1n1n1n1n1n1", "t1t1t1t1t1t1t1t1", "1", "2", "0", "mail.cc|a", "b");
            Assert.AreNotEqual(one, other);
        }

        [TestMethod]
        [DataRow("00112233445566778899aabbccddeeff", true)]
        [DataRow("00112233445566778899AABBCCDDEEFF", true)]
        [DataRow("0011223344556677", true)]
        [DataRow("001122334455667", false)]
        [DataRow("HORA|x|00112233445566778899aabbccddeeff", false)]
        [DataRow("0011223344556677001122334455667700112233445566770011223344556677ff", false)]
        public void Only_hex_nonces_of_16_to_64_digits_are_signed(string nonce, bool usable)
        {
            Assert.AreEqual(usable, ServerProof.IsUsableNonce(nonce));
        }

        [TestMethod]
        public void Milliseconds_since_1970_go_both_ways()
        {
            DateTime time = new DateTime(2026, 11, 30, 10, 0, 0).AddMilliseconds(123);
            DateTime back;

            Assert.AreEqual("1796032800123", ServerProof.FormatUnixMilliseconds(time));
            Assert.IsTrue(ServerProof.TryParseUnixMilliseconds("1796032800123", out back));
            Assert.AreEqual(time, back);
            Assert.IsFalse(ServerProof.TryParseUnixMilliseconds("-1", out back));
            Assert.IsFalse(ServerProof.TryParseUnixMilliseconds("", out back));
            Assert.IsFalse(ServerProof.TryParseUnixMilliseconds("999999999999999", out back));
        }
    }
}
