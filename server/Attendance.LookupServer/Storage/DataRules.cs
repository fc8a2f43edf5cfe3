using System.Text;
using Attendance.Core.Lookup;
using Attendance.Core.Mail.Message;

namespace Attendance.LookupServer.Storage;

/// <summary>What a stored value may be.</summary>
public enum ValueKind
{
    /// <summary>Professor, student, class and course codes: they travel in requests and come back in answers.</summary>
    Code,

    /// <summary>A terminal id (AUTENTICAR, terminal.config's terminal.id).</summary>
    TerminalId,

    /// <summary>Professor, student, class and course names: answers shown to people.</summary>
    Name,

    /// <summary>A professor's address (EHPROFESSOR's answer), used by the terminal as an SMTP recipient.</summary>
    Email,

    /// <summary>Free text that is never sent to a terminal (terminals.description).</summary>
    Description,
}

/// <summary>
/// The one set of data rules, used by the import (before anything is written) and by the server (on every
/// value it is about to answer, since a row can also arrive by a direct SQL insert). They are chosen so that
/// every answer line fits <see cref="LookupProtocol.MaximumLineBytes"/> on both sides, escaping included, and
/// every request the terminal can make about a stored code fits too (server/README.md, "Data rules"):
/// <list type="bullet">
/// <item>No control character (C0, DEL, C1), no U+FFFD and no lone surrogate anywhere: the board's codec
/// refuses a line holding any of them (LookupFieldCodec.Split, Utf8Text).</item>
/// <item>Codes: 1 to <see cref="MaximumCodeLength"/> printable ASCII characters, without '|' or '\' (nothing to
/// escape, one byte each). The longest request, MATRICULADO with three codes, is then at most 214 bytes; with
/// non-ASCII codes of 64 characters it could exceed 512 bytes. Card codes are printable ASCII anyway.</item>
/// <item>Terminal ids: 1 to <see cref="MaximumTerminalIdLength"/> printable ASCII characters without spaces, '|'
/// or '\' (the board refuses any other terminal.id when it opens a roll).</item>
/// <item>Names and descriptions: at most <see cref="MaximumNameBytes"/> bytes as sent, in UTF-8 with '|' and '\'
/// counted twice (LookupFieldCodec writes them "\p" and "\\"): an answer line is the escaped value alone, so
/// this is the protocol's line limit itself (e.g. 512 ASCII letters, 256 accented ones, 128 emoji).</item>
/// <item>E-mail addresses: the board's own rule (<see cref="MailAddressRules"/>: at most 254 printable ASCII
/// characters, one '@'), so an address the server gives is one the terminal can mail.</item>
/// </list>
/// </summary>
public static class DataRules
{
    /// <summary>Longest code, in characters (= bytes, codes being ASCII); also the longest a request may carry.</summary>
    public const int MaximumCodeLength = 64;

    /// <summary>Longest terminal id: AttendanceRoll refuses a terminal.id over 32 characters.</summary>
    public const int MaximumTerminalIdLength = 32;

    /// <summary>Longest name, in bytes of UTF-8 once escaped: the answer line is that value alone.</summary>
    public const int MaximumNameBytes = LookupProtocol.MaximumLineBytes;

    /// <summary>Returns null when <paramref name="value"/> (already trimmed) may be stored as a <paramref name="kind"/>, otherwise why not.</summary>
    public static string? Check(ValueKind kind, string value)
    {
        if (value.Length == 0)
        {
            return "is empty";
        }

        var bad = FindUnsendable(value);
        if (bad >= 0)
        {
            return "holds " + Describe(value, bad) + " at character " + (bad + 1) + "; terminals cannot read control characters";
        }

        switch (kind)
        {
            case ValueKind.Code:
                return CheckAscii(value, MaximumCodeLength, allowSpace: true, "a code");
            case ValueKind.TerminalId:
                return CheckAscii(value, MaximumTerminalIdLength, allowSpace: false, "a terminal id");
            case ValueKind.Email:
                return MailAddressRules.IsValid(value) ? null
                    : "is not an address the terminal can mail (one @, printable ASCII without spaces or <>()[],;:\\\", at most " + MailAddressRules.MaximumLength + " characters)";
            case ValueKind.Name:
            case ValueKind.Description:
            {
                var bytes = EscapedUtf8Bytes(value);
                return bytes <= MaximumNameBytes ? null
                    : "is " + bytes + " bytes as sent (UTF-8, '|' and '\\' count twice); at most " + MaximumNameBytes + " fit an answer line";
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    /// <summary>Bytes of the value on the wire: UTF-8 after LookupFieldCodec's escapes.</summary>
    public static int EscapedUtf8Bytes(string value)
    {
        var bytes = Encoding.UTF8.GetByteCount(value);
        foreach (var character in value)
        {
            if (character is '|' or '\\' or '\r' or '\n')
            {
                bytes++;
            }
        }

        return bytes;
    }

    /// <summary>
    /// Index of the first character the board's codec refuses (control character, U+FFFD, lone surrogate), or -1.
    /// </summary>
    public static int FindUnsendable(string value)
    {
        // Vectorised first look (every answered name passes here): nearly every value has none of these ranges.
        var span = value.AsSpan();
        if (span.IndexOfAnyInRange('\u0000', '\u001f') < 0 && span.IndexOfAnyInRange('\u007f', '\u009f') < 0
            && span.IndexOfAnyInRange('\ud800', '\udfff') < 0 && span.IndexOf('\ufffd') < 0)
        {
            return -1;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var character = value[i];
            if (char.IsControl(character) || character == '\uFFFD')
            {
                return i;
            }

            if (char.IsHighSurrogate(character) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(character))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// A name the terminal can show in place of one that breaks the rules (a row written by direct SQL): every
    /// character the codec refuses becomes '?', and a name too long for one line is cut at a character boundary
    /// with "..." added. Null when the name is fine as it is.
    /// </summary>
    public static string? RepairName(string value)
    {
        if (FindUnsendable(value) < 0 && (value.Length * 3 <= MaximumNameBytes || EscapedUtf8Bytes(value) <= MaximumNameBytes))
        {
            return null;
        }

        var repaired = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var character = value[i];
            if (char.IsHighSurrogate(character) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                repaired.Append(character).Append(value[++i]);
            }
            else
            {
                repaired.Append(char.IsControl(character) || char.IsSurrogate(character) || character == '\uFFFD' ? '?' : character);
            }
        }

        var text = repaired.ToString();
        if (EscapedUtf8Bytes(text) <= MaximumNameBytes)
        {
            return text;
        }

        const string Ellipsis = "...";
        var budget = MaximumNameBytes - Ellipsis.Length;
        var used = 0;
        var end = 0;
        while (end < text.Length)
        {
            var width = char.IsHighSurrogate(text[end]) && end + 1 < text.Length ? 2 : 1;
            var cost = EscapedUtf8Bytes(text.Substring(end, width));
            if (used + cost > budget)
            {
                break;
            }

            used += cost;
            end += width;
        }

        return text[..end] + Ellipsis;
    }

    private static string? CheckAscii(string value, int maximumLength, bool allowSpace, string what)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var character = value[i];
            if (character > '~' || (character == ' ' && !allowSpace) || character is '|' or '\\')
            {
                return "holds " + Describe(value, i) + " at character " + (i + 1) + "; " + what + " is printable ASCII without "
                    + (allowSpace ? "" : "spaces, ") + "'|' or '\\'";
            }
        }

        return value.Length <= maximumLength ? null
            : "is " + value.Length + " characters long; " + what + " has at most " + maximumLength;
    }

    private static string Describe(string value, int index) =>
        value[index] == ' ' ? "a space" : value[index] is > ' ' and <= '~' ? "'" + value[index] + "'" : "U+" + ((int)value[index]).ToString("X4", System.Globalization.CultureInfo.InvariantCulture);
}
