using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Attendance.Portal.Exports;

/// <summary>
/// An .xlsx workbook of one sheet, written with the Open XML SDK. Text goes in as inline strings, which a
/// spreadsheet never evaluates, so the CSV's formula-injection prefix is not needed here; numbers go in as numbers.
/// </summary>
public static class XlsxExport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Write(ExportTable table)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            worksheetPart.Worksheet = new Worksheet(data);

            data.Append(Row(1, table.Headers.Cast<object?>()));
            for (var i = 0; i < table.Rows.Count; i++)
            {
                data.Append(Row((uint)(i + 2), table.Rows[i]));
            }

            workbookPart.Workbook.AppendChild(new Sheets(new Sheet
            {
                Id = workbookPart.GetIdOfPart(worksheetPart),
                SheetId = 1,
                Name = SheetName(table.SheetName),
            }));
            workbookPart.Workbook.Save();
        }

        return stream.ToArray();
    }

    /// <summary>"A", "B", ... "Z", "AA": the column letters of a cell reference.</summary>
    public static string ColumnName(int index)
    {
        var name = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + (n - 1) % 26) + name;
        }

        return name;
    }

    private static Row Row(uint number, IEnumerable<object?> values)
    {
        var row = new Row { RowIndex = number };
        var column = 0;
        foreach (var value in values)
        {
            var reference = ColumnName(column++) + number.ToString(CultureInfo.InvariantCulture);
            row.Append(value switch
            {
                null => new Cell { CellReference = reference },
                double or int => new Cell
                {
                    CellReference = reference,
                    DataType = CellValues.Number,
                    CellValue = new CellValue(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
                },
                _ => new Cell
                {
                    CellReference = reference,
                    DataType = CellValues.InlineString,
                    InlineString = new InlineString(new Text(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty)
                    {
                        Space = SpaceProcessingModeValues.Preserve,
                    }),
                },
            });
        }

        return row;
    }

    /// <summary>Sheet names are at most 31 characters and cannot hold : \ / ? * [ ].</summary>
    private static string SheetName(string name)
    {
        var clean = new string(name.Select(c => ":\\/?*[]".Contains(c) ? '_' : c).ToArray());
        return clean.Length > 31 ? clean[..31] : clean.Length == 0 ? "Sheet1" : clean;
    }
}
