using System.Security.Cryptography;
using Attendance.Core.Security;

namespace Attendance.LookupServer.Tests;

/// <summary>Core's SHA-256 and HMAC (written for the board) agree with .NET's on random keys and messages.</summary>
[TestClass]
public class HmacAgainstDotNetTests
{
    [TestMethod]
    public void Core_HMAC_and_SHA256_match_dotnet_for_many_lengths()
    {
        var random = new Random(20021);
        foreach (var keyLength in new[] { 0, 1, 16, 32, 63, 64, 65, 131 })
        {
            for (var messageLength = 0; messageLength < 300; messageLength += 7)
            {
                var key = new byte[keyLength];
                var message = new byte[messageLength];
                random.NextBytes(key);
                random.NextBytes(message);

                CollectionAssert.AreEqual(HMACSHA256.HashData(key, message), HmacSha256.Compute(key, message), "key " + keyLength + ", message " + messageLength);
                CollectionAssert.AreEqual(SHA256.HashData(message), Sha256.Hash(message));
            }
        }
    }
}
