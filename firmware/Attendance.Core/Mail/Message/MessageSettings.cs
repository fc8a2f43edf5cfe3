namespace Attendance.Core.Mail.Message
{
    /// <summary>The terminal's configured mail identity: who the e-mail is from, who else gets it, in what language.</summary>
    public class MessageSettings
    {
        /// <summary>The terminal's sender address (header From and envelope MAIL FROM).</summary>
        public string SenderAddress;

        /// <summary>Display name for From, e.g. "Terminal sala 12"; null or empty for the bare address.</summary>
        public string SenderName;

        /// <summary>Addresses copied on every roll (secretariat); null or empty for none.</summary>
        public string[] CcAddresses;

        public MessageLanguage Language = MessageLanguage.Portuguese;
    }
}
