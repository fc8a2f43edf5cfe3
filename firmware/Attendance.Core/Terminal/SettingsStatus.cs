namespace Attendance.Core.Terminal
{
    /// <summary>
    /// The server settings as the terminal holds them, for the log and the health report: the version it runs
    /// with, the version kept on flash for the next start, and the last set it refused with the reason (the
    /// reason names keys, never a secret's value). Written by <see cref="SettingsSync"/>, read by any thread.
    /// </summary>
    public class SettingsStatus
    {
        private readonly object gate = new object();
        private string runningVersion = "";
        private string storedVersion = "";
        private string rejectedVersion = "";
        private string rejectionReason = "";
        private string storeProblem = "";
        private string announcedVersion = "";
        private bool serverSupportsSettings = true;

        /// <summary>The server settings version the running settings include; empty for the local file alone.</summary>
        public string RunningVersion
        {
            get { lock (gate) { return runningVersion; } }
        }

        /// <summary>The version kept on flash (applied at the next start when it differs from <see cref="RunningVersion"/>).</summary>
        public string StoredVersion
        {
            get { lock (gate) { return storedVersion; } }
        }

        /// <summary>
        /// True when a newer good set is kept and waits for a restart to apply it, or (board:
        /// <see cref="SettingsSync.DeferFetchToStart"/>) when the server announced a version to fetch at the next start.
        /// </summary>
        public bool RestartWanted
        {
            get { lock (gate) { return storedVersion != runningVersion || announcedVersion.Length > 0; } }
        }

        /// <summary>The server's version announced while serving, fetched at the next start (board); empty when none.</summary>
        public string AnnouncedVersion
        {
            get { lock (gate) { return announcedVersion; } }
        }

        /// <summary>The version of the last set refused (empty when none was, or a later set was taken).</summary>
        public string RejectedVersion
        {
            get { lock (gate) { return rejectedVersion; } }
        }

        /// <summary>Why that set was refused (the parser's message); empty when none was.</summary>
        public string RejectionReason
        {
            get { lock (gate) { return rejectionReason; } }
        }

        /// <summary>A damaged record of stored settings found at start (ignored); empty when none.</summary>
        public string StoreProblem
        {
            get { lock (gate) { return storeProblem; } }
        }

        /// <summary>False once a server answered HORA with "comando desconhecido" (older than the feature).</summary>
        public bool ServerSupportsSettings
        {
            get { lock (gate) { return serverSupportsSettings; } }
        }

        /// <summary>One line for logs and the health report.</summary>
        public string Describe()
        {
            lock (gate)
            {
                string text = "settings " + (runningVersion.Length == 0 ? "local only" : "server version " + runningVersion);
                if (announcedVersion.Length > 0)
                {
                    text += ", version " + announcedVersion + " to fetch at the next start";
                }

                if (storedVersion != runningVersion)
                {
                    text += ", version " + (storedVersion.Length == 0 ? "(none)" : storedVersion) + " kept for the next start";
                }

                if (rejectionReason.Length > 0)
                {
                    text += "; version " + rejectedVersion + " refused: " + rejectionReason;
                }

                if (storeProblem.Length > 0)
                {
                    text += "; " + storeProblem;
                }

                if (!serverSupportsSettings)
                {
                    text += "; the lookup server does not offer settings";
                }

                return text;
            }
        }

        internal void SetRunning(string version)
        {
            lock (gate)
            {
                runningVersion = version;
                storedVersion = version;
            }
        }

        internal void SetStored(string version)
        {
            lock (gate)
            {
                storedVersion = version;
                rejectedVersion = "";
                rejectionReason = "";
            }
        }

        internal void SetAnnounced(string version)
        {
            lock (gate)
            {
                announcedVersion = version;
            }
        }

        internal void SetRejected(string version, string reason)
        {
            lock (gate)
            {
                rejectedVersion = version;
                rejectionReason = reason;
            }
        }

        internal void SetStoreProblem(string problem)
        {
            lock (gate)
            {
                storeProblem = problem == null ? "" : problem;
            }
        }

        internal void SetServerSupport(bool supported)
        {
            lock (gate)
            {
                serverSupportsSettings = supported;
            }
        }
    }
}
