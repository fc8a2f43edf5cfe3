using System.Text;

namespace Attendance.Portal.Verification;

/// <summary>
/// The e-mail's verification code as people type it (docs/protocol.md, "Verification code"): 16 Crockford base32
/// characters, usually in four dash-separated groups. Readers accept lower case, spaces and dashes anywhere, and
/// O/I/L for 0/1/1, because the code is read off a screen or a printout.
/// </summary>
public static class VerificationCode
{
    public const int Length = 16;
    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>The normalised code (16 upper-case alphabet characters, no dashes), or null when the input is not a code.</summary>
    public static string? Normalise(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        var code = new StringBuilder(Length);
        foreach (var raw in input)
        {
            if (raw == '-' || char.IsWhiteSpace(raw))
            {
                continue;
            }

            var c = char.ToUpperInvariant(raw) switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                var other => other,
            };
            if (Alphabet.IndexOf(c) < 0 || code.Length == Length)
            {
                return null;
            }

            code.Append(c);
        }

        return code.Length == Length ? code.ToString() : null;
    }

    /// <summary>"7KQ2M9XD4RTB0HZC" as the e-mail writes it: "7KQ2-M9XD-4RTB-0HZC".</summary>
    public static string Display(string normalised) =>
        normalised.Length != Length ? normalised
            : string.Join('-', normalised[..4], normalised[4..8], normalised[8..12], normalised[12..]);
}
