using System.Diagnostics;
using Attendance.Core.Lookup;
using Attendance.Core.Mail.Message;
using Attendance.Core.Mail.Outbox;
using Attendance.Core.Mail.Smtp;
using Attendance.Host.Adapters;
using Attendance.Mail.Tests;
using MailKit.Security;
using MimeKit;

namespace Attendance.Bench.Mail;

/// <summary>
/// Time to deliver the 400-student message to a real SMTP server (aiosmtpd, smtp_peer.py) on loopback: our
/// SmtpClient (connect, EHLO, MAIL, RCPT, DATA streaming the message as the writer renders it, QUIT) against
/// MailKit sending the same bytes (parsed once by MimeMessage.Load, outside the timing) to the same server,
/// connect to disconnect, alternating, several iterations, median. The target (our client within 1.5 times
/// MailKit) is judged on the same bytes: our client sending the pre-rendered message, as MailKit does. Our
/// client rendering while it sends, as the board does, is reported beside it.
/// </summary>
internal static class SmtpSendBenchmark
{
    private const double TargetRatio = 1.5;

    public static bool Run(RollReport report, MessageSettings settings, byte[] messageBytes, int iterations)
    {
        using var peer = SmtpPeer.Start(tls: false);
        var options = new SmtpOptions { Host = "127.0.0.1", Port = peer.Port, Security = SmtpSecurity.None, ClientDomain = "t01.local" };
        var ours = new Core.Mail.Smtp.SmtpClient(new SocketNetworkConnector(), options, null);
        var recipients = new[] { report.ProfessorEmail! };
        var mimeMessage = MimeMessage.Load(new MemoryStream(messageBytes));
        var sender = new MailboxAddress(null, settings.SenderAddress);
        var mailKitRecipients = recipients.Select(address => new MailboxAddress(null, address)).ToArray();

        var renderTimes = new List<double>();
        var ourTimes = new List<double>();
        var ourSameBytesTimes = new List<double>();
        var mailKitTimes = new List<double>();
        for (var i = -1; i < iterations; i++) // -1: warm-up of both
        {
            var watch = Stopwatch.StartNew();
            ours.Send(new SmtpMessage { Sender = settings.SenderAddress, Recipients = recipients, Content = new ReportMessageContent(report, settings) });
            var oursMilliseconds = watch.Elapsed.TotalMilliseconds;

            watch.Restart();
            ours.Send(new SmtpMessage { Sender = settings.SenderAddress, Recipients = recipients, Content = new BytesContent(messageBytes) });
            var oursSameBytesMilliseconds = watch.Elapsed.TotalMilliseconds;

            watch.Restart();
            using (var client = new MailKit.Net.Smtp.SmtpClient())
            {
                client.Connect("127.0.0.1", peer.Port, SecureSocketOptions.None);
                client.Send(mimeMessage, sender, mailKitRecipients);
                client.Disconnect(true);
            }

            var mailKitMilliseconds = watch.Elapsed.TotalMilliseconds;

            // Rendering alone (to a sink that discards), to tell our protocol time from our rendering time.
            watch.Restart();
            AttendanceMessageWriter.Write(report, settings, new DiscardingSink());
            var renderMilliseconds = watch.Elapsed.TotalMilliseconds;
            if (i >= 0)
            {
                renderTimes.Add(renderMilliseconds);
                ourTimes.Add(oursMilliseconds);
                ourSameBytesTimes.Add(oursSameBytesMilliseconds);
                mailKitTimes.Add(mailKitMilliseconds);
            }
        }

        // Both deliveries must have arrived whole: same size at the server (within header differences).
        var delivered = peer.Messages();
        var expected = 3 * (iterations + 1);
        var ourSize = new FileInfo(delivered[0]).Length;
        var ourSameBytesSize = new FileInfo(delivered[1]).Length;
        var mailKitSize = new FileInfo(delivered[2]).Length;

        var ourMedian = Median(ourTimes);
        var ourSameBytesMedian = Median(ourSameBytesTimes);
        var mailKitMedian = Median(mailKitTimes);
        var ratio = ourSameBytesMedian / mailKitMedian;
        var renderingRatio = ourMedian / mailKitMedian;
        var pass = ratio <= TargetRatio && delivered.Length == expected;
        Console.WriteLine();
        Console.WriteLine($"SMTP send: {messageBytes.Length:N0}-byte message to aiosmtpd on loopback, median of {iterations} alternating iterations");
        Console.WriteLine("| Client | median ms | min ms | bytes stored by the server | ours / MailKit |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Console.WriteLine($"| MailKit (baseline, message pre-parsed) | {mailKitMedian:F2} | {mailKitTimes.Min():F2} | {mailKitSize:N0} | 1.00 |");
        Console.WriteLine($"| Attendance SmtpClient, same bytes (pre-rendered) | {ourSameBytesMedian:F2} | {ourSameBytesTimes.Min():F2} | {ourSameBytesSize:N0} | {ratio:F2} |");
        Console.WriteLine($"| Attendance SmtpClient, rendering while sending (as on the board) | {ourMedian:F2} | {ourTimes.Min():F2} | {ourSize:N0} | {renderingRatio:F2} |");
        Console.WriteLine($"| (rendering alone, no network) | {Median(renderTimes):F2} | {renderTimes.Min():F2} | | |");
        Console.WriteLine($"{(pass ? "PASS" : "FAIL")}: ours / MailKit on the same bytes {ratio:F2} (target <= {TargetRatio}; rendering while sending {renderingRatio:F2}), messages delivered {delivered.Length} of {expected}");
        return pass;
    }

    /// <summary>A message already rendered, written to the DATA stream as MailKit writes its own: in one go.</summary>
    private sealed class BytesContent(byte[] bytes) : IMessageContent
    {
        public void WriteTo(IMessageSink sink) => sink.Write(bytes, 0, bytes.Length);
    }

    private sealed class DiscardingSink : IMessageSink
    {
        public void Write(byte[] buffer, int offset, int count)
        {
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
