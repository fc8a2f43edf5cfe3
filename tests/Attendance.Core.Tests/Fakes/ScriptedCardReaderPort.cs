using System.Collections;
using System.Text;
using Attendance.Core.Hardware;

namespace Attendance.Core.Tests.Fakes
{
    /// <summary>A card reader port that hands out queued chunks of bytes, one chunk per read.</summary>
    public class ScriptedCardReaderPort : ICardReaderPort
    {
        private readonly ArrayList chunks = new ArrayList();

        /// <summary>Queues a code followed by the CR suffix, as a reader set to its factory default sends it.</summary>
        public void Swipe(string code)
        {
            chunks.Add(Encoding.UTF8.GetBytes(code + "\r"));
        }

        public void QueueBytes(byte[] bytes)
        {
            chunks.Add(bytes);
        }

        public int Pending
        {
            get { return chunks.Count; }
        }

        public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
        {
            if (chunks.Count == 0)
            {
                return 0;
            }

            byte[] chunk = (byte[])chunks[0];
            chunks.RemoveAt(0);
            int copied = chunk.Length < count ? chunk.Length : count;
            System.Array.Copy(chunk, 0, buffer, offset, copied);
            return copied;
        }
    }
}
