using System.Text;

namespace Attendance.LookupServer.Import;

/// <summary>
/// RFC 4180 CSV with the separator detected from the header line (';' as spreadsheets in Portugal and Brazil
/// write it, or ','). Quoted fields may hold separators, doubled quotes and line breaks.
/// </summary>
public static class CsvParser
{
    public static char DetectSeparator(string text)
    {
        int semicolons = 0, commas = 0;
        var quoted = false;
        foreach (var character in text)
        {
            if (character == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && character == '\n')
            {
                break;
            }
            else if (!quoted && character == ';')
            {
                semicolons++;
            }
            else if (!quoted && character == ',')
            {
                commas++;
            }
        }

        return semicolons >= commas && semicolons > 0 ? ';' : ',';
    }

    /// <summary>Parses every record; throws <see cref="FormatException"/> naming the line of an unterminated quote.</summary>
    public static List<CsvRecord> Parse(string text, char separator)
    {
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var fieldWasQuoted = false;
        var i = 0;
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            i = 1; // UTF-8 byte order mark written by spreadsheets
        }

        for (; i < text.Length; i++)
        {
            var character = text[i];
            if (quoted)
            {
                if (character == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (character == '\n')
                    {
                        line++;
                    }

                    field.Append(character);
                }

                continue;
            }

            if (character == '"' && field.Length == 0 && !fieldWasQuoted)
            {
                quoted = true;
                fieldWasQuoted = true;
            }
            else if (character == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
                fieldWasQuoted = false;
            }
            else if (character == '\r')
            {
                // part of CRLF; a lone CR is dropped as well
            }
            else if (character == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                fieldWasQuoted = false;
                AddRecord(records, fields, recordLine);
                fields = new List<string>();
                line++;
                recordLine = line;
            }
            else
            {
                field.Append(character);
            }
        }

        if (quoted)
        {
            throw new FormatException("line " + recordLine + ": quoted field not closed");
        }

        if (field.Length > 0 || fields.Count > 0 || fieldWasQuoted)
        {
            fields.Add(field.ToString());
            AddRecord(records, fields, recordLine);
        }

        return records;
    }

    private static void AddRecord(List<CsvRecord> records, List<string> fields, int line)
    {
        // Blank lines are skipped rather than read as one empty field.
        if (fields.Count == 1 && fields[0].Length == 0)
        {
            return;
        }

        records.Add(new CsvRecord(line, fields));
    }
}
