using System.Globalization;
using System.Text;

namespace Attendance.Portal.Exports;

/// <summary>
/// CSV per RFC 4180 (CRLF line breaks; a field holding the separator, a quote, CR or LF is quoted with its quotes
/// doubled), with ';' as separator like the e-mail's attachment (Attendance.Core.Mail.Message.CsvFormat), because
/// spreadsheets in Portuguese locales read ';' (',' is their decimal mark). UTF-8 with a byte order mark so that
/// spreadsheets read the accents.
/// </summary>
public static class CsvExport
{
    public const char Separator = ';';
    public const string ContentType = "text/csv; charset=utf-8";

    public static byte[] Write(ExportTable table, CultureInfo culture)
    {
        var text = new StringBuilder();
        AppendRecord(text, table.Headers.Cast<object?>(), culture);
        foreach (var row in table.Rows)
        {
            AppendRecord(text, row, culture);
        }

        var preamble = Encoding.UTF8.GetPreamble();
        var body = Encoding.UTF8.GetBytes(text.ToString());
        return [.. preamble, .. body];
    }

    /// <summary>
    /// One field. A text starting with = + - @ (or a tab or CR) is what spreadsheets run as a formula ("CSV
    /// injection"): a student name like "=HYPERLINK(...)" typed into the school's system would run on the
    /// secretary's machine. Such a text gets a leading apostrophe, which spreadsheets show as text; numbers are
    /// written by us and never carry a sign.
    /// </summary>
    public static string Field(object? value, CultureInfo culture)
    {
        var text = value switch
        {
            null => string.Empty,
            double number => number.ToString("0.#", culture),
            int number => number.ToString(culture),
            IFormattable formattable => formattable.ToString(null, culture),
            _ => value.ToString() ?? string.Empty,
        };
        if (value is string && text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        var quote = text.IndexOfAny([Separator, '"', '\r', '\n']) >= 0;
        return quote ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }

    private static void AppendRecord(StringBuilder text, IEnumerable<object?> fields, CultureInfo culture)
    {
        text.AppendJoin(Separator, fields.Select(field => Field(field, culture)));
        text.Append("\r\n");
    }
}
