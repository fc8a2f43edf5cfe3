using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Attendance.LookupServer.Storage;

/// <summary>
/// ASP.NET Core Data Protection's key ring (the keys that protect the portal's session and anti-forgery cookies)
/// in the lookup database's portal_keys table, rather than in a folder of one machine: every instance on the
/// same database accepts the others' cookies, and a restart or a new container keeps everyone signed in.
/// The keys are stored as Data Protection writes them (not encrypted at rest, as in its default folder):
/// whoever can read the database can forge a session, so the database stays as private as the passwords' hashes.
/// Data Protection calls this rarely (at start, and when a key is created every 90 days), synchronously.
/// </summary>
public sealed class SqlDataProtectionKeys(LookupDatabase database) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        using var command = Sql.Command(connection, "SELECT xml FROM portal_keys ORDER BY name", null);
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        // The friendly name is "key-<guid>", unique per key; a second instance making a key at the same moment
        // makes another one, never the same name.
        using var command = Sql.Command(connection, "INSERT INTO portal_keys (name, xml) VALUES (@name, @xml)", null,
            ("@name", friendlyName), ("@xml", element.ToString(SaveOptions.DisableFormatting)));
        command.ExecuteNonQuery();
    }
}
