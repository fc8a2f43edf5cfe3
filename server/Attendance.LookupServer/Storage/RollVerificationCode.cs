using System.Security.Cryptography;
using Attendance.Core.Security;

namespace Attendance.LookupServer.Storage;

/// <summary>
/// The verification code of a stored or uploaded roll (docs/protocol.md, "Verification code"), computed by the
/// terminal's own implementation (Core's <see cref="VerificationCode"/>), so board and server cannot drift apart.
/// The server computes it to check an upload and, later, to check that a stored roll is unaltered
/// (SqlRollArchive.VerifyAsync). tests/.../roll_code.py is an independent implementation from the document.
/// </summary>
public static class RollVerificationCode
{
    /// <summary>Characters of a normalised code (80 bits, 5 per character).</summary>
    public const int Length = VerificationCode.Length;

    /// <summary>The normalised code (16 characters, no dashes) of <paramref name="roll"/> under <paramref name="key"/>.</summary>
    public static string Compute(byte[] key, RollContent roll)
    {
        var code = new VerificationCode(key, roll.TerminalId, roll.RollId, roll.ProfessorCode, roll.ClassCode,
            UploadTime.Text(roll.OpenedUtc), UploadTime.Text(roll.ClosedUtc),
            roll.LateAfterUtc == null ? "" : UploadTime.Text(roll.LateAfterUtc.Value), roll.ClosedAutomatically ? "1" : "0",
            roll.Presences.Count);
        foreach (var presence in roll.Presences)
        {
            code.AddPresence(presence.StudentCode, UploadTime.Text(presence.FirstSwipeUtc));
        }

        return VerificationCode.Normalise(code.Finish());
    }

    /// <summary>The code as printed: four groups of four, e.g. 7KQ2-M9XD-4RTB-0HZC.</summary>
    public static string Grouped(string normalised) => VerificationCode.Group(normalised);

    /// <summary>A code as a reader typed it (dashes and spaces, lower case, O/I/L), normalised; null when it is no code.</summary>
    public static string? Normalise(string? input) => input == null ? null : VerificationCode.Normalise(input);

    /// <summary>
    /// A fingerprint of the key, stored with the roll so that a later check can tell a rotated key (the roll can
    /// then no longer be recomputed) from an altered roll. A MAC of a fixed text, not a hash of the key itself,
    /// and only 8 bytes of it: it identifies the key without giving anything to guess it by.
    /// </summary>
    public static string KeyFingerprint(byte[] key) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, "attendance-key-fingerprint-v1"u8).AsSpan(0, 8));
}
