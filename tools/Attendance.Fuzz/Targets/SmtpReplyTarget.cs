using Attendance.Core.Mail.Smtp;
using Attendance.Fuzz.Support;
using static Attendance.Fuzz.Mutator;

namespace Attendance.Fuzz.Targets;

/// <summary>SmtpReplyReader over the server's bytes in random chunks, reply after reply; rejects with SmtpException.</summary>
public sealed class SmtpReplyTarget : FuzzTarget
{
    public override string Name => "smtp-reply-reader";

    public override byte[][] Samples { get; } =
    [
        Ascii("220 mail.example.edu ESMTP ready\r\n"),
        Ascii("250-mail.example.edu\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-STARTTLS\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n"),
        Ascii("250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n354 End data with <CR><LF>.<CR><LF>\r\n"),
        Ascii("250 2.0.0 Ok: queued as 4F2A\r\n221 2.0.0 Bye\r\n"),
        Ascii("550 5.1.1 <x@example.edu>: Recipient address rejected\r\n"),
        Ascii("421 4.7.0 Try again later\n"),
        Ascii("334 VXNlcm5hbWU6\r\n235 2.7.0 Authentication successful\r\n"),
    ];

    public override Type[] ExpectedExceptions => [typeof(SmtpException)];

    public override void Run(byte[] input)
    {
        var reader = new SmtpReplyReader(SmtpClient.ReplyBufferSize);
        reader.Attach(new ChunkedConnection(input, input.Length));
        while (true)
        {
            var reply = reader.ReadReply(SmtpState.MailFrom);
            if (reply.Code < 200 || reply.Code > 599)
            {
                throw new InvalidOperationException("Reply code " + reply.Code);
            }
        }
    }
}
