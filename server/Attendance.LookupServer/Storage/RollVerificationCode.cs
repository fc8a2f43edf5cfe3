using System.Security.Cryptography;
using System.Text;

namespace Attendance.LookupServer.Storage;

/// <summary>
/// The verification code of a roll (docs/protocol.md, "Verification code"): HMAC-SHA256 with the terminal's key
/// over the roll's canonical content, its first 10 bytes in Crockford base32. The server computes it to check an
/// upload and, later, to check that a stored roll is unaltered (SqlRollArchive.VerifyAsync).
/// </summary>
public static class RollVerificationCode
{
    /// <summary>Characters of a normalised code (80 bits, 5 per character).</summary>
    public const int Length = 16;

    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>The canonical content's UTF-8 bytes (each line ending in LF).</summary>
    public static byte[] CanonicalContent(RollContent roll)
    {
        var text = new StringBuilder(128 + roll.Presences.Count * 32);
        text.Append("attendance-roll-v1\n")
            .Append(roll.TerminalId).Append('\n')
            .Append(roll.RollId).Append('\n')
            .Append(roll.ProfessorCode).Append('\n')
            .Append(roll.ClassCode).Append('\n')
            .Append(UploadTime.Text(roll.OpenedUtc)).Append('\n')
            .Append(UploadTime.Text(roll.ClosedUtc)).Append('\n')
            .Append(roll.LateAfterUtc == null ? "" : UploadTime.Text(roll.LateAfterUtc.Value)).Append('\n')
            .Append(roll.ClosedAutomatically ? '1' : '0').Append('\n')
            .Append(roll.Presences.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        foreach (var presence in roll.Presences)
        {
            text.Append(presence.StudentCode).Append('|').Append(UploadTime.Text(presence.FirstSwipeUtc)).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The normalised code (16 characters, no dashes) of <paramref name="roll"/> under <paramref name="key"/>.</summary>
    public static string Compute(byte[] key, RollContent roll)
    {
        var mac = HMACSHA256.HashData(key, CanonicalContent(roll));
        return Base32(mac.AsSpan(0, 10));
    }

    /// <summary>The code as printed: four groups of four, e.g. 7KQ2-M9XD-4RTB-0HZC.</summary>
    public static string Grouped(string normalised) =>
        normalised.Length != Length ? normalised
        : string.Join('-', normalised[..4], normalised[4..8], normalised[8..12], normalised[12..]);

    /// <summary>
    /// A code as a reader typed it, normalised: dashes and spaces dropped, upper case, O read as 0 and I/L as 1.
    /// Null when it is not 16 characters of the alphabet then.
    /// </summary>
    public static string? Normalise(string? input)
    {
        if (input == null)
        {
            return null;
        }

        var code = new StringBuilder(Length);
        foreach (var raw in input)
        {
            if (raw is '-' or ' ')
            {
                continue;
            }

            var character = char.ToUpperInvariant(raw) switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                var other => other,
            };
            if (Alphabet.IndexOf(character) < 0 || code.Length == Length)
            {
                return null;
            }

            code.Append(character);
        }

        return code.Length == Length ? code.ToString() : null;
    }

    /// <summary>
    /// A fingerprint of the key, stored with the roll so that a later check can tell a rotated key (the roll can
    /// then no longer be recomputed) from an altered roll. A MAC of a fixed text, not a hash of the key itself,
    /// and only 8 bytes of it: it identifies the key without giving anything to guess it by.
    /// </summary>
    public static string KeyFingerprint(byte[] key) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, "attendance-key-fingerprint-v1"u8).AsSpan(0, 8));

    /// <summary>Crockford base32, most significant bit first (80 bits -> 16 characters).</summary>
    private static string Base32(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder((bytes.Length * 8 + 4) / 5);
        var buffer = 0;
        var bits = 0;
        foreach (var value in bytes)
        {
            buffer = (buffer << 8) | value;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                text.Append(Alphabet[(buffer >> bits) & 31]);
            }
        }

        if (bits > 0)
        {
            text.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        }

        return text.ToString();
    }
}
