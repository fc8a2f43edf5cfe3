using System.Security.Cryptography;
using System.Text;
using Attendance.Core.Security;

namespace Attendance.Mail.Tests;

/// <summary>
/// Core's streamed verification code (written for the board) against an independent computation: the canonical
/// content of docs/protocol.md built as one string, .NET's HMACSHA256, and base32 from the alphabet by big integer.
/// </summary>
[TestClass]
public class VerificationCodeAgainstDotNetTests
{
    [TestMethod]
    public void Streamed_code_matches_dotnet_on_generated_rolls()
    {
        var random = new Random(14);
        foreach (var students in new[] { 0, 1, 2, 39, 40, 400 })
        {
            var key = new byte[random.Next(0, 80)];
            random.NextBytes(key);
            var lines = new List<string>
            {
                "attendance-roll-v1", "T" + random.Next(100), "T01-20261123T081500Z-" + random.Next(1000000).ToString("D6"), "P" + random.Next(1000),
                random.Next(2) == 0 ? string.Empty : "Cálculo-" + random.Next(50), "20261123T081500Z", "20261123T094000Z",
                random.Next(2) == 0 ? string.Empty : "20261123T081500Z", random.Next(2).ToString(), students.ToString(),
            };
            var code = new VerificationCode(key, lines[1], lines[2], lines[3], lines[4], lines[5], lines[6], lines[7], lines[8], students);
            for (var i = 0; i < students; i++)
            {
                var student = "S" + random.Next(100000) + (i % 7 == 0 ? "ñ" : string.Empty);
                var swipe = new DateTime(2026, 11, 23, 8, 15, 0).AddSeconds(random.Next(6000)).ToString("yyyyMMdd'T'HHmmss'Z'");
                code.AddPresence(student, swipe);
                lines.Add(student + "|" + swipe);
            }

            var content = Encoding.UTF8.GetBytes(string.Concat(lines.Select(line => line + "\n")));
            var expected = Crockford(HMACSHA256.HashData(key, content).AsSpan(0, 10).ToArray());
            Assert.AreEqual(expected, code.Finish(), students + " students");
        }
    }

    [TestMethod]
    public void Base32_matches_a_big_integer_reading_for_random_bytes()
    {
        var random = new Random(32);
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[10];
            random.NextBytes(bytes);
            Assert.AreEqual(Crockford(bytes).Replace("-", string.Empty), VerificationCode.Encode(bytes, 0, 10));
        }
    }

    /// <summary>80 bits as 16 base32 digits, most significant first, grouped by four.</summary>
    private static string Crockford(byte[] tenBytes)
    {
        var value = new System.Numerics.BigInteger(tenBytes, isUnsigned: true, isBigEndian: true);
        var digits = new char[16];
        for (var i = 15; i >= 0; i--)
        {
            digits[i] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"[(int)(value % 32)];
            value /= 32;
        }

        var text = new string(digits);
        return text[..4] + "-" + text[4..8] + "-" + text[8..12] + "-" + text[12..];
    }
}
