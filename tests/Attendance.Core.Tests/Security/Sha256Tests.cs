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

        [TestMethod]
        public void Million_a_matches_the_FIPS_long_message_vector()
        {
            byte[] block = new byte[1000];
            for (int i = 0; i < block.Length; i++)
            {
                block[i] = (byte)'a';
            }

            Sha256 hash = new Sha256();
            for (int i = 0; i < 1000; i++)
            {
                hash.Append(block, 0, block.Length);
            }

            Assert.AreEqual("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", HexText.FromBytes(hash.Finish()));
        }
    }
}
