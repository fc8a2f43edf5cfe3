using System.Globalization;
using System.Reflection;
using Attendance.Core.Mail.Message;
using Attendance.Portal.Localization;

namespace Attendance.Portal.Tests;

[TestClass]
public sealed class PortalTextTests
{
    private static IEnumerable<PropertyInfo> Strings =>
        typeof(PortalText).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(property => property.PropertyType == typeof(string));

    [TestMethod]
    public void EveryStringIsFilledInBothLanguages()
    {
        Assert.IsTrue(Strings.Count() > 100, "the table is read by reflection; if this fails the test is checking nothing");
        foreach (var table in PortalText.All)
        {
            foreach (var property in Strings)
            {
                Assert.IsFalse(string.IsNullOrWhiteSpace((string?)property.GetValue(table)), $"{table.Culture}: {property.Name}");
            }
        }
    }

    [TestMethod]
    public void FormatStringsTakeTheSameArgumentsInBothLanguages()
    {
        foreach (var property in Strings)
        {
            var placeholders = PortalText.All.Select(table => Placeholders((string)property.GetValue(table)!)).ToList();
            Assert.AreEqual(placeholders[0], placeholders[1], property.Name);
        }
    }

    [TestMethod]
    public void TheTablesAreTranslatedNotCopied()
    {
        var same = Strings.Count(property => Equals(property.GetValue(PortalText.Portuguese), property.GetValue(PortalText.English)));

        // A few words are the same in both (Professor, Terminal, P, HH:mm); most are not.
        Assert.IsTrue(same < 8, same + " strings are identical in both languages");
    }

    [TestMethod]
    [DataRow("pt", "pt")]
    [DataRow("pt-BR", "pt")]
    [DataRow("pt-PT", "pt")]
    [DataRow("en", "en")]
    [DataRow("en-GB", "en")]
    [DataRow("fr", "pt")]
    [DataRow("", "pt")]
    public void CultureChoosesTheTable(string culture, string expected) =>
        Assert.AreEqual(expected, PortalText.For(CultureInfo.GetCultureInfo(culture)).Culture);

    [TestMethod]
    [DataRow(MessageLanguage.Portuguese, "pt")]
    [DataRow(MessageLanguage.English, "en")]
    public void StatusesAndMarksAreTheEmailsWords(MessageLanguage language, string culture)
    {
        // The verify page reads an e-mail's statuses back with these words, and a roll's page and export should
        // say what its e-mail says.
        var mail = MessageText.For(language);
        var portal = PortalText.For(CultureInfo.GetCultureInfo(culture));
        Assert.AreEqual(mail.StatusEnrolled, portal.StatusEnrolled);
        Assert.AreEqual(mail.FlagNotEnrolled, portal.StatusNotEnrolled);
        Assert.AreEqual(mail.FlagUnknownStudent, portal.StatusUnknownStudent);
        Assert.AreEqual(mail.FlagLate, portal.FlagLate);
        Assert.AreEqual(mail.Yes, portal.Yes);
        Assert.AreEqual(mail.No, portal.No);
        Assert.AreEqual(mail.UnknownName, portal.UnknownName);
        Assert.AreEqual(mail.NoClass, portal.NoClass);
    }

    private static string Placeholders(string text) =>
        string.Join(",", System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+\}").Select(match => match.Value).Order());
}
