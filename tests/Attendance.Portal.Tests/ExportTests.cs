using System.Globalization;
using System.Text;
using Attendance.Portal.Data;
using Attendance.Portal.Exports;
using Attendance.Portal.Localization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Attendance.Portal.Tests;

[TestClass]
public sealed class ExportTests
{
    private static readonly PortalClock Utc = new(TimeZoneInfo.Utc);
    private static readonly CultureInfo Pt = CultureInfo.GetCultureInfo("pt");

    [TestMethod]
    public void RollXlsxHoldsTheEmailColumnsAndEveryPresence()
    {
        var roll = new FakeRollArchive().Rolls[0];
        var cells = ReadXlsx(XlsxExport.Write(PortalExports.Roll(roll, PortalText.English, Utc)));

        CollectionAssert.AreEqual(new[] { "Code", "Name", "Date", "Time", "Status", "Late" }, cells[0]);
        Assert.AreEqual(1 + roll.Presences.Count, cells.Count);
        CollectionAssert.AreEqual(new[] { FakeRollArchive.Maria, FakeRollArchive.MariaName, "2026-03-02", "08:01:00", "enrolled", "no" }, cells[1]);
        CollectionAssert.AreEqual(new[] { FakeRollArchive.Joao, FakeRollArchive.JoaoName, "2026-03-02", "08:20:00", "enrolled", "yes" }, cells[2]);
        CollectionAssert.AreEqual(new[] { FakeRollArchive.Stranger, "(unknown name)", "2026-03-02", "08:05:00", "NOT A STUDENT", "no" }, cells[3]);
    }

    [TestMethod]
    public async Task ClassSheetXlsxHasAColumnPerSessionAndNumbersAsNumbers()
    {
        var sheet = (await new FakeRollArchive().GetClassSheetAsync("C100", 2026, 1, Security.PortalScope.All, CancellationToken.None))!;
        var bytes = XlsxExport.Write(PortalExports.ClassSheet(sheet, PortalText.Portuguese, Utc, 75));
        var cells = ReadXlsx(bytes);

        CollectionAssert.AreEqual(new[] { "Código", "Nome", "Matriculado", "02/03/2026 08:00", "09/03/2026 08:00", "Presenças", "% de presença", "Abaixo do mínimo" }, cells[0]);
        var joao = cells.Single(row => row[0] == FakeRollArchive.Joao);
        CollectionAssert.AreEqual(new[] { FakeRollArchive.Joao, FakeRollArchive.JoaoName, "sim", "A", "", "1", "50", "sim" }, joao);
        var maria = cells.Single(row => row[0] == FakeRollArchive.Maria);
        CollectionAssert.AreEqual(new[] { "P", "P", "2", "100", "não" }, maria[3..]);

        // The count and the percentage are numeric cells, so a spreadsheet can sum and sort them.
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var percent = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Cell>().Single(cell => cell.CellReference == "G3");
        Assert.AreEqual(CellValues.Number, percent.DataType!.Value);
    }

    [TestMethod]
    public void XlsxKeepsAFormulaLikeNameAsPlainText()
    {
        var table = new ExportTable("S", ["name"], [["=HYPERLINK(\"http://x\")"]]);
        using var document = SpreadsheetDocument.Open(new MemoryStream(XlsxExport.Write(table)), false);
        var cell = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Cell>().Single(c => c.CellReference == "A2");
        Assert.IsNull(cell.CellFormula);
        Assert.AreEqual(CellValues.InlineString, cell.DataType!.Value);
        Assert.AreEqual("=HYPERLINK(\"http://x\")", cell.InnerText);
    }

    [TestMethod]
    [DataRow(0, "A")]
    [DataRow(25, "Z")]
    [DataRow(26, "AA")]
    [DataRow(27, "AB")]
    [DataRow(701, "ZZ")]
    [DataRow(702, "AAA")]
    public void ColumnNames(int index, string expected) => Assert.AreEqual(expected, XlsxExport.ColumnName(index));

    [TestMethod]
    public void CsvRoundTripsAwkwardValues()
    {
        string[] awkward = ["plain", "semi;colon", "quote \"inside\"", "line\r\nbreak", "", "ção ü", " spaced "];
        var table = new ExportTable("S", ["a", "b", "c", "d", "e", "f", "g"], [awkward.Cast<object?>().ToArray(), awkward.Reverse().Cast<object?>().ToArray()]);
        var bytes = CsvExport.Write(table, Pt);

        CollectionAssert.AreEqual(Encoding.UTF8.GetPreamble(), bytes[..3], "UTF-8 byte order mark");
        var records = CsvReader.Read(Encoding.UTF8.GetString(bytes));
        Assert.AreEqual(3, records.Count);
        CollectionAssert.AreEqual(awkward, records[1]);
        CollectionAssert.AreEqual(awkward.Reverse().ToArray(), records[2]);
    }

    [TestMethod]
    public void CsvUsesCrLfAndQuotesOnlyWhatNeedsIt()
    {
        var table = new ExportTable("S", ["code", "name"], [["20260001", "Silva; Ana"], ["x", "say \"hi\""]]);
        var text = Encoding.UTF8.GetString(CsvExport.Write(table, Pt)).TrimStart('\uFEFF');
        Assert.AreEqual("code;name\r\n20260001;\"Silva; Ana\"\r\nx;\"say \"\"hi\"\"\"\r\n", text);
    }

    [TestMethod]
    [DataRow("=1+2", "'=1+2")]
    [DataRow("+351 999", "'+351 999")]
    [DataRow("-2+3", "'-2+3")]
    [DataRow("@SUM(A1)", "'@SUM(A1)")]
    [DataRow("\tx", "'\tx")]
    [DataRow("Ana=Maria", "Ana=Maria")]
    [DataRow("João", "João")]
    [DataRow("=A1;B1", "\"'=A1;B1\"")]
    public void CsvDefusesFormulaInjection(string value, string expected) =>
        Assert.AreEqual(expected, CsvExport.Field(value, Pt));

    [TestMethod]
    public void CsvNumbersUseTheReadersDecimalMarkAndAreNotPrefixed()
    {
        Assert.AreEqual("66,7", CsvExport.Field(66.7, Pt));
        Assert.AreEqual("66.7", CsvExport.Field(66.7, CultureInfo.GetCultureInfo("en")));
        Assert.AreEqual("3", CsvExport.Field(3, Pt));
        Assert.AreEqual(string.Empty, CsvExport.Field(null, Pt));
    }

    [TestMethod]
    public void RollCsvLeavesLateEmptyWhenTheClassStartIsUnknown()
    {
        var roll = new FakeRollArchive().Rolls[0] with { LateAfterUtc = null };
        var records = CsvReader.Read(Encoding.UTF8.GetString(CsvExport.Write(PortalExports.Roll(roll, PortalText.Portuguese, Utc), Pt)));
        Assert.IsTrue(records.Skip(1).All(record => record[5] == string.Empty));
        Assert.AreEqual("matriculado", records[1][4]);
    }

    [TestMethod]
    [DataRow("folha-C100-2026-1", "folha-C100-2026-1.csv")]
    [DataRow("folha-C 1/0\"0", "folha-C_1_0_0.csv")]
    public void FileNamesKeepOnlySafeCharacters(string stem, string expected) =>
        Assert.AreEqual(expected, PortalExports.FileName(stem, "csv"));

    /// <summary>Every row's cell texts, in column order, read back with the Open XML SDK.</summary>
    private static List<string[]> ReadXlsx(byte[] bytes)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        return sheet.Descendants<Row>().Select(row => row.Elements<Cell>().Select(cell => cell.InnerText).ToArray()).ToList();
    }
}
