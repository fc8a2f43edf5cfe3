using System.Text;
using Attendance.Core.Security;

namespace Attendance.Core.Tests.Security
{
    [TestClass]
    public class HmacSha256Tests
    {
        // RFC 4231 section 4: test cases 1, 2, 3 and 6 (key longer than the block), HMAC-SHA-256 results.
        [TestMethod]
        [DataRow("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")]
        [DataRow("4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")]
        [DataRow("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd", "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe")]
        [DataRow("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374", "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")]
        public void Compute_matches_RFC_4231(string keyHex, string messageHex, string expectedHex)
        {
            byte[] mac = HmacSha256.Compute(HexText.ToBytes(keyHex), HexText.ToBytes(messageHex));

            Assert.AreEqual(expectedHex, HexText.FromBytes(mac));
        }

        [TestMethod]
        public void Proof_is_accepted_only_for_the_same_key_nonce_and_terminal()
        {
            byte[] key = Encoding.UTF8.GetBytes("demo-key");
            string proof = Attendance.Core.Lookup.LookupAuthentication.ComputeProof(key, "00ff", "T01");

            Assert.IsTrue(Attendance.Core.Lookup.LookupAuthentication.IsValidProof(key, "00ff", "T01", proof));
            Assert.IsTrue(Attendance.Core.Lookup.LookupAuthentication.IsValidProof(key, "00ff", "T01", proof.ToUpper()));
            Assert.IsFalse(Attendance.Core.Lookup.LookupAuthentication.IsValidProof(key, "00fe", "T01", proof));
            Assert.IsFalse(Attendance.Core.Lookup.LookupAuthentication.IsValidProof(key, "00ff", "T02", proof));
            Assert.IsFalse(Attendance.Core.Lookup.LookupAuthentication.IsValidProof(Encoding.UTF8.GetBytes("other"), "00ff", "T01", proof));
            Assert.IsFalse(Attendance.Core.Lookup.LookupAuthentication.IsValidProof(key, "00ff", "T01", null));
        }

        [TestMethod]
        [DataRow("0")]
        [DataRow("zz")]
        [DataRow("0g")]
        public void Malformed_hex_is_rejected(string text)
        {
            Assert.IsNull(HexText.ToBytes(text));
        }
    }
}
