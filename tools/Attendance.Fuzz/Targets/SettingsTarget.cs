using System.Text;
using Attendance.Core.Configuration;

namespace Attendance.Fuzz.Targets;

/// <summary>The settings file (Configuration/SettingsParser); rejects with SettingsException naming the line.</summary>
public sealed class SettingsTarget : FuzzTarget
{
    public override string Name => "settings";

    public override byte[][] Samples { get; } =
    [
        Encoding.UTF8.GetBytes(string.Join("\n",
            "# terminal T01", "board = esp32-poe-ethernet", "terminal.id = T01", "terminal.key = demo-key-T01-not-for-production!", "lookup.host = 10.0.0.5",
            "lookup.port = 4455", "lookup.timeout-ms = 5000", "smtp.host = mail.example.edu", "smtp.port = 587", "smtp.security = starttls",
            "smtp.user = t01", "smtp.password = secret", "mail.from = terminal-t01@example.edu", "mail.cc = a@example.edu, b@example.edu",
            "mail.retry-first-seconds = 30", "mail.retry-max-seconds = 1800", "language = pt", "time.utc-offset-minutes = -60",
            "card.suffix = cr", "network.mode = static", "network.address = 10.0.0.9", "network.mask = 255.255.255.0",
            "network.gateway = 10.0.0.1", "network.dns = 10.0.0.1, 1.1.1.1") + "\n"),
        Encoding.UTF8.GetBytes("\uFEFFboard=pc\nterminal.id=T02\nlookup.host=lookup.example.edu\nsmtp.host=127.0.0.1\nsmtp.security=none\nmail.from=x@example.edu\n"),
        Encoding.UTF8.GetBytes("board = esp32-devkit-wifi\nwifi.ssid = aula 3\nwifi.key = chave secreta\nterminal.id = T03\nlookup.host = 10.0.0.5\nsmtp.host = mail.example.edu\nmail.from = t03@example.edu\n"),
    ];

    public override Type[] ExpectedExceptions => [typeof(SettingsException)];

    public override void Run(byte[] input)
    {
        var settings = SettingsParser.Parse(input);
        foreach (var key in SettingsParser.Keys)
        {
            SettingsParser.DescribeValue(settings, key);
        }
    }
}
