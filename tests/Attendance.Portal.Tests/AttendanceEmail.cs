using System.Text;
using MimeKit;

namespace Attendance.Portal.Tests;

/// <summary>
/// An attendance e-mail shaped like the terminal's (Core's AttendanceBody and AttendanceCsv, plus the verification
/// code of docs/protocol.md), built with MimeKit, to upload to the verify page.
/// </summary>
public static class AttendanceEmail
{
    public sealed record Line(string Code, string Name, string Time, string Status, bool Late);

    public static readonly Line[] Roll101 =
    [
        new(FakeRollArchive.Maria, FakeRollArchive.MariaName, "08:01:00", "matriculado", false),
        new(FakeRollArchive.Joao, FakeRollArchive.JoaoName, "08:20:00", "matriculado", true),
        new(FakeRollArchive.Stranger, "(nome desconhecido)", "08:05:00", "NÃO É ALUNO", false),
    ];

    public static MimeMessage Build(IReadOnlyList<Line> lines, string? headerCode, string? bodyCode, bool withCsv = true)
    {
        var body = new StringBuilder();
        body.Append("Lista de presença\r\n\r\nCurso: Engenharia (ENG)\r\nDisciplina: Cálculo (C100)\r\n\r\n");
        body.Append($"Presentes ({lines.Count}):\r\n");
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var flags = new List<string>();
            if (line.Status != "matriculado")
            {
                flags.Add(line.Status);
            }

            if (line.Late)
            {
                flags.Add("ATRASADO");
            }

            body.Append($"  {i + 1}. {line.Code}  {line.Name}  {line.Time}{(flags.Count == 0 ? "" : "  [" + string.Join(", ", flags) + "]")}\r\n");
        }

        body.Append("\r\nTotais: presentes 3\r\n\r\nA lista segue também em anexo (CSV).\r\n");
        if (bodyCode is not null)
        {
            body.Append($"Código de verificação: {bodyCode}\r\n");
        }

        var multipart = new Multipart("mixed") { new TextPart("plain") { Text = body.ToString() } };
        if (withCsv)
        {
            var csv = new StringBuilder("codigo;nome;data;hora;situacao;atrasado\r\n");
            foreach (var line in lines)
            {
                csv.Append($"{line.Code};{line.Name};02/03/2026;{line.Time};{line.Status};{(line.Late ? "sim" : "não")}\r\n");
            }

            multipart.Add(new MimePart("text", "csv")
            {
                FileName = "presenca-C100.csv",
                Content = new MimeContent(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()))),
                ContentTransferEncoding = ContentEncoding.Base64,
            });
        }

        var message = new MimeMessage { Subject = "Chamada C100", Body = multipart };
        message.From.Add(MailboxAddress.Parse("terminal@example.org"));
        message.To.Add(MailboxAddress.Parse("ana@example.org"));
        if (headerCode is not null)
        {
            message.Headers.Add("X-Attendance-Verification", headerCode);
        }

        return message;
    }

    public static byte[] Bytes(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }
}
