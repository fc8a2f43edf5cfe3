using System.IO;
using System.Text;
using Attendance.Core.Configuration;

namespace Attendance.Terminal.Startup
{
    /// <summary>
    /// Reads terminal.config from the board's file system. It is put there with
    /// <c>nanoff --filedeployment deploy.json</c> (see docs/flashing.md); the file holds secrets, so it is never
    /// compiled into the application image and never committed (only terminal.config.template is).
    /// </summary>
    public static class ConfigurationFile
    {
        public const string FileName = "terminal.config";

        /// <summary>Parses the file under <paramref name="storageRoot"/>; throws SettingsException naming the bad line.</summary>
        public static TerminalSettings Load(string storageRoot)
        {
            return SettingsParser.Parse(LoadText(storageRoot));
        }

        /// <summary>
        /// The file's text (UTF-8, a byte order mark dropped): the local settings, whose values win over the lookup
        /// server's (SettingsSync). Throws SettingsException when the file is missing.
        /// </summary>
        public static string LoadText(string storageRoot)
        {
            string path = storageRoot + FileName;
            if (!File.Exists(path))
            {
                throw new SettingsException(0, "", path + " not found: deploy it with nanoff --filedeployment (docs/flashing.md)");
            }

            byte[] bytes = File.ReadAllBytes(path);
            string text = Encoding.UTF8.GetString(bytes, 0, bytes.Length);
            return text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text;
        }
    }
}
