using System.Security.Cryptography;
using System.Text;
using Attendance.Core.Lookup;

namespace Attendance.LookupServer.Tests;

/// <summary>
/// The server's proofs over its time and settings (docs/protocol.md, "Time and settings from the server"), Core's
/// code on both sides: checked here against .NET's HMAC-SHA256 over the documented text, on the host only (the board
/// test assemblies are near the metadata processor's string table limit).
/// </summary>
[TestClass]
public class ServerProofTests
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("terminal-key-for-tests-32-bytes!");

    [TestMethod]
    public void The_time_proof_is_the_documented_hmac_and_holds_for_its_own_text_only()
    {
        var text = ServerProof.TimeText("00112233445566778899aabbccddeeff", "0123456789abcdef0123456789abcdef", "1796032800000", "3", "2");
        Assert.AreEqual("HORA|00112233445566778899aabbccddeeff|0123456789abcdef0123456789abcdef|1796032800000|3|2", text);
        var proof = ServerProof.Compute(Key, text);
        Assert.AreEqual(Convert.ToHexStringLower(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(text))), proof);

        Assert.IsTrue(ServerProof.IsValid(Key, text, proof));
        Assert.IsTrue(ServerProof.IsValid(Key, text, proof.ToUpperInvariant()));
        Assert.IsFalse(ServerProof.IsValid(Key, text.Replace("abcdef|1796", "abcdee|1796", StringComparison.Ordinal), proof));
        Assert.IsFalse(ServerProof.IsValid(Encoding.UTF8.GetBytes("another-key-another-key-another!"), text, proof));
        Assert.IsFalse(ServerProof.IsValid(Key, text, null));
    }

    [TestMethod]
    public void A_separator_inside_a_setting_cannot_shift_the_fields()
    {
        var one = ServerProof.SettingsLineText("n1", "t1", "1", "2", "0", "mail.cc", "a|b");
        var other = ServerProof.SettingsLineText("n1", "t1", "1", "2", "0", "mail.cc|a", "b");
        Assert.AreEqual("CONFIGURACAO|n1|t1|1|2|0|mail.cc|a\\pb", one);
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
        var time = new DateTime(2026, 11, 30, 10, 0, 0).AddMilliseconds(123);

        Assert.AreEqual(new DateTimeOffset(time, TimeSpan.Zero).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ServerProof.FormatUnixMilliseconds(time));
        Assert.IsTrue(ServerProof.TryParseUnixMilliseconds("1796032800123", out var back));
        Assert.AreEqual(time, back);
        Assert.IsFalse(ServerProof.TryParseUnixMilliseconds("-1", out _));
        Assert.IsFalse(ServerProof.TryParseUnixMilliseconds("", out _));
        Assert.IsFalse(ServerProof.TryParseUnixMilliseconds("999999999999999", out _));
    }
}
