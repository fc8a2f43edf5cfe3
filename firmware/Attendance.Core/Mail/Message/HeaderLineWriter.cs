namespace Attendance.Core.Mail.Message
{
    /// <summary>
    /// Writes one header field as tokens separated by single spaces, folding (RFC 5322 section 2.2.3: CRLF
    /// before white space) whenever the next token would pass column 76. 76 rather than 78 because lines holding
    /// encoded-words must not exceed 76 characters (RFC 2047 section 2). Tokens are ASCII and shorter than 998
    /// octets, so no line can ever exceed the hard limit (RFC 5322 section 2.1.1).
    /// </summary>
    public class HeaderLineWriter
    {
        /// <summary>Soft limit for header lines, from RFC 2047 section 2.</summary>
        public const int FoldColumn = 76;

        private readonly MessageOutput _output;
        private int _column;
        private bool _firstToken;

        public HeaderLineWriter(MessageOutput output)
        {
            _output = output;
        }

        public void Start(string fieldName)
        {
            _output.WriteAscii(fieldName);
            _output.WriteByte((byte)':');
            _column = fieldName.Length + 1;
            _firstToken = true;
        }

        public void Token(string asciiToken)
        {
            // The first token stays on the field-name line so no line is only "Name:".
            if (!_firstToken && _column + 1 + asciiToken.Length > FoldColumn)
            {
                _output.WriteCrLf();
                _column = 0;
            }

            _output.WriteByte((byte)' ');
            _output.WriteAscii(asciiToken);
            _column += 1 + asciiToken.Length;
            _firstToken = false;
        }

        /// <summary>Ends the field with a line break.</summary>
        public void End()
        {
            _output.WriteCrLf();
        }

        /// <summary>A complete field whose value is already one short ASCII token (Date, Message-ID...).</summary>
        public void Field(string fieldName, string asciiValue)
        {
            Start(fieldName);
            Token(asciiValue);
            End();
        }
    }
}
