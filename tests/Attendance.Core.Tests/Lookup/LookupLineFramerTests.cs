using System.Text;
using Attendance.Core.Lookup;

namespace Attendance.Core.Tests.Lookup
{
    [TestClass]
    public class LookupLineFramerTests
    {
        [TestMethod]
        public void Lines_ending_in_CRLF_or_LF_come_out_in_order()
        {
            byte[] data = Encoding.UTF8.GetBytes("OK\r\nJoão Conceição\nNAOEHALUNO\r\n");
            LookupLineFramer framer = new LookupLineFramer(64);
            string[] lines = Drain(framer, data, data.Length);

            Assert.AreEqual(3, lines.Length);
            Assert.AreEqual("OK", lines[0]);
            Assert.AreEqual("João Conceição", lines[1]);
            Assert.AreEqual("NAOEHALUNO", lines[2]);
        }

        [TestMethod]
        public void Bytes_pushed_one_at_a_time_decode_multi_byte_characters()
        {
            byte[] data = Encoding.UTF8.GetBytes("Ñandú Müller\r\n");
            LookupLineFramer framer = new LookupLineFramer(64);
            string[] lines = Drain(framer, data, 1);

            Assert.AreEqual(1, lines.Length);
            Assert.AreEqual("Ñandú Müller", lines[0]);
        }

        [TestMethod]
        [DataRow(8, "12345678\r\n", true)]
        [DataRow(8, "123456789\r\n", false)]
        [DataRow(8, "12345678901234567890\n", false)]
        public void The_limit_applies_to_the_line_without_its_end(int limit, string text, bool accepted)
        {
            byte[] data = Encoding.UTF8.GetBytes(text + "NEXT\n");
            LookupLineFramer framer = new LookupLineFramer(limit);
            int consumed;
            LineFramerStatus first = framer.Push(data, 0, data.Length, out consumed);

            Assert.AreEqual(accepted ? (int)LineFramerStatus.Line : (int)LineFramerStatus.LineTooLong, (int)first);
            if (accepted)
            {
                framer.TakeLine();
            }

            LineFramerStatus second = framer.Push(data, consumed, data.Length - consumed, out consumed);
            Assert.AreEqual((int)LineFramerStatus.Line, (int)second);
            Assert.AreEqual("NEXT", framer.TakeLine());
        }

        [TestMethod]
        [DataRow(600)]
        [DataRow(2000)]
        [DataRow(100000)]
        public void An_over_long_line_is_skipped_to_its_end_without_being_held(int length)
        {
            LookupLineFramer framer = new LookupLineFramer(512);
            byte[] chunk = new byte[256];
            for (int i = 0; i < chunk.Length; i++)
            {
                chunk[i] = (byte)'x';
            }

            int consumed;
            for (int sent = 0; sent < length; sent += chunk.Length)
            {
                int count = length - sent < chunk.Length ? length - sent : chunk.Length;
                Assert.AreEqual((int)LineFramerStatus.Incomplete, (int)framer.Push(chunk, 0, count, out consumed));
                Assert.IsTrue(framer.PendingBytes <= 513, framer.PendingBytes.ToString());
            }

            byte[] rest = Encoding.UTF8.GetBytes("\r\nNEXT\n");
            Assert.AreEqual((int)LineFramerStatus.LineTooLong, (int)framer.Push(rest, 0, rest.Length, out consumed));
            Assert.AreEqual((int)LineFramerStatus.Line, (int)framer.Push(rest, consumed, rest.Length - consumed, out consumed));
            Assert.AreEqual("NEXT", framer.TakeLine());
        }

        [TestMethod]
        public void An_unfinished_line_stays_pending()
        {
            byte[] data = Encoding.UTF8.GetBytes("NOMEAL");
            LookupLineFramer framer = new LookupLineFramer(64);
            int consumed;

            Assert.AreEqual((int)LineFramerStatus.Incomplete, (int)framer.Push(data, 0, data.Length, out consumed));
            Assert.AreEqual(6, consumed);
            Assert.AreEqual(6, framer.PendingBytes);
        }

        private static string[] Drain(LookupLineFramer framer, byte[] data, int chunk)
        {
            System.Collections.ArrayList lines = new System.Collections.ArrayList();
            int offset = 0;
            while (offset < data.Length)
            {
                int available = chunk > data.Length - offset ? data.Length - offset : chunk;
                int consumed;
                LineFramerStatus status = framer.Push(data, offset, available, out consumed);
                offset += consumed;
                if (status == LineFramerStatus.Line)
                {
                    lines.Add(framer.TakeLine());
                }
            }

            return (string[])lines.ToArray(typeof(string));
        }
    }
}
