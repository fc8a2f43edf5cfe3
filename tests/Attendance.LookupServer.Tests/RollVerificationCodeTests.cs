using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Attendance.Core.Security;
using Attendance.LookupServer.Storage;

namespace Attendance.LookupServer.Tests;

/// <summary>
/// The server's verification code (Storage/RollVerificationCode.cs) against one written from docs/protocol.md
/// alone in Python (roll_code.py: hmac, hashlib), on fixed and random rolls, and how a typed code is read.
/// </summary>
[TestClass]
public class RollVerificationCodeTests
{
    [TestMethod]
    public void The_documented_example_roll_has_the_code_Pythons_hmac_gives()
    {
        // Computed once by roll_code.py (python3 3.x, hmac + hashlib) for this roll and written down, so the vector
        // holds even where Python is missing; the next test compares with Python on random rolls.
        var roll = RollUploads.Roll("T01", "T01-20261123T081500Z-000042", "P1001", "C101", "20261123T081500Z", "20261123T095000Z", "20261123T083000Z", false,
            ("A2001", "20261123T081700Z"), ("A2004", "20261123T083001Z"));

        Assert.AreEqual("0X38STH55B45142F", RollVerificationCode.Compute(HexText.ToBytes(TestData.TerminalKeyHex), roll));
        Assert.AreEqual("0X38-STH5-5B45-142F", RollVerificationCode.Grouped("0X38STH55B45142F"));
    }

    [TestMethod]
    public void The_terminal_sides_fixed_vectors_give_the_same_codes()
    {
        // The vectors of Core's VerificationCodeTests (branch upload of issue 14), computed there with Python's hmac:
        // the board and the server must agree on every roll, or every upload would be refused.
        var key = Encoding.UTF8.GetBytes("terminal-key-for-tests-32-bytes!");
        var three = RollUploads.Roll("T01", "T01-20261123T080500Z", "P1", "C1", "20261123T080500Z", "20261123T094000Z", "20261123T081500Z", false,
            ("A1", "20261123T081000Z"), ("A2", "20261123T083000Z"), ("X9", "20261123T081200Z"));
        var empty = RollUploads.Roll("T01", "T01-20261123T080500Z", "P1", "", "20261123T080500Z", "20261123T094000Z", null, true);

        Assert.AreEqual("HXK3-ZV4W-3GDB-5R9R", RollVerificationCode.Grouped(RollVerificationCode.Compute(key, three)));
        Assert.AreEqual("SCS6-K817-3F28-SKKK", RollVerificationCode.Grouped(RollVerificationCode.Compute(key, empty)));
    }

    [TestMethod]
    public void Random_rolls_have_the_code_Python_computes_from_the_documentation()
    {
        var random = new Random(14);
        for (var i = 0; i < 12; i++)
        {
            var key = new byte[32];
            random.NextBytes(key);
            var opened = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(random.Next(0, 360 * 86400));
            var presences = Enumerable.Range(0, random.Next(0, 40))
                .Select(n => ("S" + random.Next(0, 100000) + "' -x", UploadTime.Text(UploadTime.ToSeconds(opened) + random.Next(0, 7200))))
                .ToArray();
            var roll = RollUploads.Roll("T" + i, "T" + i + "-" + UploadTime.Text(UploadTime.ToSeconds(opened)) + "-" + i, "P" + random.Next(1000, 9999),
                i % 3 == 0 ? "" : "C" + i, UploadTime.Text(UploadTime.ToSeconds(opened)), UploadTime.Text(UploadTime.ToSeconds(opened) + 5400),
                i % 4 == 0 ? null : UploadTime.Text(UploadTime.ToSeconds(opened) + 900), i % 2 == 0, presences);

            Assert.AreEqual(Python(key, roll), RollVerificationCode.Compute(key, roll), "roll " + i);
        }
    }

    [TestMethod]
    [DataRow("0X38-STH5-5B45-142F", "0X38STH55B45142F")]
    [DataRow("0x38sth55b45142f", "0X38STH55B45142F")]
    [DataRow("OX38 STH5 5B45 I42F", "0X38STH55B45142F")]
    [DataRow("0X38-STH5-5B45-L42F", "0X38STH55B45142F")]
    [DataRow("0X38-STH5-5B45-142", null)]
    [DataRow("0X38-STH5-5B45-142FF", null)]
    [DataRow("0X38-STH5-5B45-142U", null)]
    [DataRow("' OR 1=1 --", null)]
    [DataRow("", null)]
    public void A_typed_code_is_read_as_the_documentation_says(string typed, string? expected)
    {
        Assert.AreEqual(expected, RollVerificationCode.Normalise(typed));
    }

    [TestMethod]
    public void Another_key_or_one_changed_value_gives_another_code()
    {
        var key = HexText.ToBytes(TestData.TerminalKeyHex);
        var roll = RollUploads.Sample("R1", ("A2001", "20261123T081700Z"));
        var code = RollVerificationCode.Compute(key, roll);

        Assert.AreNotEqual(code, RollVerificationCode.Compute(new byte[32], roll));
        Assert.AreNotEqual(code, RollVerificationCode.Compute(key, roll with { ClosedAutomatically = true }));
        Assert.AreNotEqual(code, RollVerificationCode.Compute(key, roll with { Presences = new[] { new RollContent.Swipe("A2001", RollUploads.Time("20261123T081701Z")) } }));
        Assert.AreNotEqual(RollVerificationCode.KeyFingerprint(key), RollVerificationCode.KeyFingerprint(new byte[32]));
    }

    private static string Python(byte[] key, RollContent roll)
    {
        var input = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["key"] = Convert.ToHexString(key),
            ["terminal"] = roll.TerminalId,
            ["roll"] = roll.RollId,
            ["professor"] = roll.ProfessorCode,
            ["class"] = roll.ClassCode,
            ["opened"] = UploadTime.Text(roll.OpenedUtc),
            ["closed"] = UploadTime.Text(roll.ClosedUtc),
            ["late_after"] = roll.LateAfterUtc == null ? "" : UploadTime.Text(roll.LateAfterUtc.Value),
            ["auto"] = roll.ClosedAutomatically ? "1" : "0",
            ["presences"] = roll.Presences.Select(p => new[] { p.StudentCode, UploadTime.Text(p.FirstSwipeUtc) }).ToArray(),
        });
        var start = new ProcessStartInfo("python3", Path.Combine(AppContext.BaseDirectory, "roll_code.py"))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd().Trim();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.AreEqual(0, process.ExitCode, errors);
        return output;
    }
}
