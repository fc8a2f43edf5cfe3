using System.Text.RegularExpressions;
using Attendance.Portal.Data;
using Attendance.Portal.Exports;
using Attendance.Portal.Localization;
using MimeKit;

namespace Attendance.Portal.Verification;

/// <summary>A student as an e-mail lists them: the code and, when it could be read, the status.</summary>
public sealed record EmailStudent(string StudentCode, PresenceStatus? Status);

/// <summary>
/// What the verify page needs from an uploaded attendance e-mail: the verification code (the
/// X-Attendance-Verification header, else the "Código de verificação"/"Verification code" line of the body) and
/// the students it lists (the CSV attachment, else the numbered lines of the body); null when absent.
/// </summary>
public sealed partial record EmlContent(string? Code, IReadOnlyList<EmailStudent>? Students)
{
    public const string CodeHeader = "X-Attendance-Verification";

    /// <summary>Parses the message; a stream that is not MIME at all throws <see cref="FormatException"/>.</summary>
    public static EmlContent Read(Stream eml)
    {
        var message = MimeMessage.Load(eml);
        var body = message.TextBody ?? string.Empty;
        return new EmlContent(FindCode(message.Headers[CodeHeader], body), ReadCsv(message) ?? ReadBodyList(body));
    }

    public static string? FindCode(string? header, string body)
    {
        if (!string.IsNullOrWhiteSpace(header))
        {
            return header.Trim();
        }

        var labelled = LabelledCode().Match(body);
        if (labelled.Success)
        {
            return labelled.Groups["code"].Value;
        }

        var grouped = GroupedCode().Match(body);
        return grouped.Success ? grouped.Value : null;
    }

    private static List<EmailStudent>? ReadCsv(MimeMessage message)
    {
        var attachment = message.Attachments.OfType<MimePart>().FirstOrDefault(part =>
            part.ContentType.IsMimeType("text", "csv")
            || (part.FileName?.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ?? false));
        if (attachment?.Content is null)
        {
            return null;
        }

        using var decoded = new MemoryStream();
        attachment.Content.DecodeTo(decoded);
        var records = CsvReader.Read(System.Text.Encoding.UTF8.GetString(decoded.ToArray()));
        if (records.Count == 0)
        {
            return null;
        }

        // The header names the columns in the e-mail's language (MessageText.CsvCode/CsvStatus); fall back to
        // the e-mail's column order when a header is not recognised.
        var header = records[0].Select(name => name.Trim().ToLowerInvariant()).ToList();
        var codeColumn = IndexOr(header, 0, "codigo", "code");
        var statusColumn = IndexOr(header, 4, "situacao", "status");
        return records.Skip(1)
            .Where(record => record.Count > codeColumn && record[codeColumn].Trim().Length > 0)
            .Select(record => new EmailStudent(
                record[codeColumn].Trim(),
                record.Count > statusColumn ? StatusFromText(record[statusColumn]) : null))
            .ToList();
    }

    /// <summary>"  3. 20231234  João Conceição  14:05:10  [NÃO MATRICULADO, ATRASADO]" (AttendanceBody.EntryLine).</summary>
    private static List<EmailStudent>? ReadBodyList(string body)
    {
        var students = BodyLine().Matches(body).Select(match =>
        {
            var flags = match.Groups["flags"].Value;
            var status = flags.Length == 0 ? PresenceStatus.Enrolled
                : flags.Split(',').Select(StatusFromText).FirstOrDefault(found => found is not null) ?? PresenceStatus.Enrolled;
            return new EmailStudent(match.Groups["code"].Value, status);
        }).ToList();
        return students.Count == 0 ? null : students;
    }

    /// <summary>The status a text of either language's table names, or null.</summary>
    public static PresenceStatus? StatusFromText(string text)
    {
        var trimmed = text.Trim();
        foreach (var table in PortalText.All)
        {
            foreach (var status in Enum.GetValues<PresenceStatus>())
            {
                if (string.Equals(trimmed, table.StatusText(status), StringComparison.OrdinalIgnoreCase))
                {
                    return status;
                }
            }
        }

        return null;
    }

    private static int IndexOr(List<string> header, int fallback, params string[] names)
    {
        var index = header.FindIndex(names.Contains);
        return index >= 0 ? index : fallback;
    }

    [GeneratedRegex(@"(?:Código de verificação|Codigo de verificacao|Verification code)\s*:\s*(?<code>[0-9A-Za-z]{4}[- ]?[0-9A-Za-z]{4}[- ]?[0-9A-Za-z]{4}[- ]?[0-9A-Za-z]{4})", RegexOptions.IgnoreCase)]
    private static partial Regex LabelledCode();

    [GeneratedRegex(@"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b")]
    private static partial Regex GroupedCode();

    [GeneratedRegex(@"^ {0,2}\d+\. (?<code>\S+)  .*?(?:  \[(?<flags>[^\]]*)\])?\s*$", RegexOptions.Multiline)]
    private static partial Regex BodyLine();
}
