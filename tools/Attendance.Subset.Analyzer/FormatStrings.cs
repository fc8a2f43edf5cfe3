using System.Collections.Generic;

namespace Attendance.Subset.Analyzer;

/// <summary>
/// Composite format strings as the board's <c>string.Format</c> reads them: "{index[,alignment][:specifier]}",
/// with "{{" and "}}" as literal braces. The board implements only standard specifiers (a letter and an
/// optional precision), so custom patterns such as "00" or "yyyy-MM-dd" are reported.
/// </summary>
internal static class FormatStrings
{
    public static IEnumerable<string> CustomSpecifiers(string format)
    {
        var index = 0;
        while (index < format.Length)
        {
            var character = format[index];
            if (character == '{' && index + 1 < format.Length && format[index + 1] == '{')
            {
                index += 2;
                continue;
            }

            if (character != '{')
            {
                index++;
                continue;
            }

            var close = format.IndexOf('}', index);
            if (close < 0)
            {
                yield break;
            }

            var item = format.Substring(index + 1, close - index - 1);
            var colon = item.IndexOf(':');
            if (colon >= 0)
            {
                var specifier = item.Substring(colon + 1);
                if (!IsStandardSpecifier(specifier))
                {
                    yield return specifier;
                }
            }

            index = close + 1;
        }
    }

    /// <summary>A single letter followed by at most two digits, e.g. "D2", "X", "N0", "F1".</summary>
    public static bool IsStandardSpecifier(string specifier)
    {
        if (specifier.Length == 0 || specifier.Length > 3)
        {
            return false;
        }

        var letter = specifier[0];
        if (!((letter >= 'A' && letter <= 'Z') || (letter >= 'a' && letter <= 'z')))
        {
            return false;
        }

        for (var i = 1; i < specifier.Length; i++)
        {
            if (specifier[i] < '0' || specifier[i] > '9')
            {
                return false;
            }
        }

        return true;
    }
}
