using System.Text;
using Attendance.Core.Security;

namespace Attendance.Core.Tests.Security
{
    [TestClass]
    public class Sha256Tests
    {
        // FIPS 180-4 examples (csrc.nist.gov "SHA256.pdf") and lengths around the padding boundary (55, 56, 64).
        [TestMethod]
        [DataRow("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
        [DataRow("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
        [DataRow("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
        [DataRow("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")]
        [DataRow("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")]
        [DataRow("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")]
        public void Hash_matches_known_vectors(string message, string expectedHex)
        {
            Assert.AreEqual(expectedHex, HexText.FromBytes(Sha256.Hash(Encoding.UTF8.GetBytes(message))));
        }

        [TestMethod]
        public void Hash_fed_in_odd_chunks_equals_one_shot_hash()
        {
            byte[] message = Encoding.UTF8.GetBytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq João Conceição");
            Sha256 hash = new Sha256();
            int offset = 0;
            int chunk = 1;
            while (offset < message.Length)
            {
                int take = chunk > message.Length - offset ? message.Length - offset : chunk;
                hash.Append(message, offset, take);
                offset += take;
                chunk += 3;
            }

            Assert.AreEqual(HexText.FromBytes(Sha256.Hash(message)), HexText.FromBytes(hash.Finish()));
        }

        /// <summary>
        /// FIPS 180-4's long-message vector, a million 'a' fed in 1,000-byte appends (15,625 blocks), on the host. The
        /// board interprets IL and would spend far more than the 2 s a shared test may take on those blocks, so it
        /// hashes 10,000 'a' the same way (157 blocks, still many appends across block boundaries), checked against
        /// Python's hashlib.sha256(b"a" * 10000), an implementation independent of ours.
        /// </summary>
        [TestMethod]
        public void Many_appends_of_a_match_the_long_message_vector()
        {
#if NANOFRAMEWORK_1_0
            const int Appends = 10;
            const string Expected = "27dd1f61b867b6a0f6e9d8a41c43231de52107e53ae424de8f847b821db4b711";
#else
            const int Appends = 1000;
            const string Expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
#endif
            byte[] block = new byte[1000];
            for (int i = 0; i < block.Length; i++)
            {
                block[i] = (byte)'a';
            }

            Sha256 hash = new Sha256();
            for (int i = 0; i < Appends; i++)
            {
                hash.Append(block, 0, block.Length);
            }

            Assert.AreEqual(Expected, HexText.FromBytes(hash.Finish()));
        }
    }
}
