using System;

namespace Attendance.Core.Configuration
{
    /// <summary>
    /// The configuration text is wrong. The message names the line (or the key, for a missing setting) and never
    /// contains the value of a secret. The terminal cannot serve cards until the file is fixed.
    /// </summary>
    public class SettingsException : Exception
    {
        public SettingsException(int lineNumber, string key, string message)
            : base(lineNumber > 0 ? "line " + lineNumber.ToString() + ": " + message : message)
        {
            LineNumber = lineNumber;
            Key = key;
        }

        /// <summary>1-based line of the offending entry, or 0 when the problem is a setting that is missing.</summary>
        public int LineNumber { get; private set; }

        /// <summary>The key concerned, or an empty string when the line has no usable key.</summary>
        public string Key { get; private set; }
    }
}
