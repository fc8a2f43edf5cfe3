namespace Attendance.Portal.Verification;

/// <summary>
/// The e-mail's verification code as people type it (docs/protocol.md, "Verification code"), read by the
/// terminal's own rules (Core's <c>VerificationCode</c>): lower case, dashes and O/I/L for 0/1/1 are accepted.
/// A code copied from a page or an e-mail may also carry line breaks or non-breaking spaces; those are dropped
/// here first.
/// </summary>
public static class VerificationCode
{
    public const int Length = Core.Security.VerificationCode.Length;

    /// <summary>The normalised code (16 upper-case alphabet characters, no dashes), or null when the input is not a code.</summary>
    public static string? Normalise(string? input) =>
        string.IsNullOrWhiteSpace(input) ? null
            : Core.Security.VerificationCode.Normalise(new string(input.Where(character => !char.IsWhiteSpace(character)).ToArray()));

    /// <summary>"7KQ2M9XD4RTB0HZC" as the e-mail writes it: "7KQ2-M9XD-4RTB-0HZC".</summary>
    public static string Display(string normalised) =>
        normalised.Length != Length ? normalised : Core.Security.VerificationCode.Group(normalised);
}
