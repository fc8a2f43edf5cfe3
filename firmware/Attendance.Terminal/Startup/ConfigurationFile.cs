using System.IO;
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
            string path = storageRoot + FileName;
            if (!File.Exists(path))
            {
                throw new SettingsException(0, "", path + " not found: deploy it with nanoff --filedeployment (docs/flashing.md)");
            }

            return SettingsParser.Parse(File.ReadAllBytes(path));
        }
    }
}
