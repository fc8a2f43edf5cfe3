using System.Text;

namespace Attendance.Fuzz;

/// <summary>
/// Makes input number <c>index</c> for a target from the seed alone, so any input can be made again from its
/// number (whatever thread ran it): about one in ten is random bytes, the rest are valid samples with one to
/// four mutations (bit flips, byte changes, inserts, deletes, truncation, splices with another sample, and
/// interesting values: huge numbers, '-', empty, NUL, TAB, bad UTF-8, very long lines).
/// </summary>
public static class Mutator
{
    private static readonly byte[][] Interesting =
    [
        Ascii("-"), Ascii(""), [0], Ascii("\t"), Ascii("\r"), Ascii("\n"), Ascii("\r\n"), Ascii("|"), Ascii("="), Ascii("%"),
        Ascii("%G0"), Ascii("%4"), Ascii("~"), Ascii("\\"), Ascii("\\x"), Ascii("0x"), Ascii("end\n"), Ascii("\nend\n"),
        Ascii("9223372036854775807"), Ascii("-9223372036854775808"), Ascii("9223372036854775808"), Ascii("99999999999999999999999"),
        Ascii("3155378975999999999"), Ascii("3155378976000000000"), Ascii("-1"), Ascii("2147483648"), Ascii("4294967296"), Ascii("0"),
        [0xC3], [0xFF, 0xFE], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0x80], [0xEF, 0xBF, 0xBD], [0x7F], [0x80],
        [0xFF, 0xFF, 0xFF, 0xFF], [0x00, 0x00, 0x00, 0x80], [0xFF, 0xFF, 0xFF, 0x7F], [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F],
        Ascii("250-"), Ascii("250 "), Ascii("OLA|1|"), Ascii("ERRO|"), Ascii("s="), Ascii("e="), Ascii("id="),
    ];

    public static byte[] Make(FuzzTarget target, int seed, int index)
    {
        var random = new Random(Mix(seed, target.Name, index));
        var samples = target.Samples;
        if (samples.Length == 0 || random.Next(10) == 0)
        {
            return RandomBytes(random, samples);
        }

        var input = samples[random.Next(samples.Length)];
        int mutations = 1 + random.Next(4);
        for (int i = 0; i < mutations; i++)
        {
            input = Mutate(input, samples, random);
        }

        return random.Next(2) == 0 ? target.Repair(input, random) : input;
    }

    /// <summary>A stable per-input seed (string.GetHashCode is randomised per process, so hash by hand).</summary>
    public static int Mix(int seed, string name, int index)
    {
        unchecked
        {
            uint hash = 2166136261;
            foreach (char c in name)
            {
                hash = (hash ^ c) * 16777619;
            }

            hash = (hash ^ (uint)seed) * 16777619;
            hash = (hash ^ (uint)index) * 16777619;
            hash ^= hash >> 15;
            hash *= 0x2C1B3C6D;
            hash ^= hash >> 12;
            return (int)(hash & 0x7FFFFFFF);
        }
    }

    public static byte[] Mutate(byte[] input, byte[][] samples, Random random)
    {
        var bytes = new List<byte>(input);
        switch (random.Next(10))
        {
            case 0 when bytes.Count > 0:
            {
                int at = random.Next(bytes.Count);
                bytes[at] ^= (byte)(1 << random.Next(8));
                break;
            }

            case 1 when bytes.Count > 0:
                bytes[random.Next(bytes.Count)] = (byte)random.Next(256);
                break;
            case 2:
                bytes.Insert(random.Next(bytes.Count + 1), (byte)random.Next(256));
                break;
            case 3 when bytes.Count > 0:
            {
                int at = random.Next(bytes.Count);
                bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + random.Next(8)));
                break;
            }

            case 4:
                if (bytes.Count > 0)
                {
                    int keep = random.Next(bytes.Count);
                    bytes.RemoveRange(keep, bytes.Count - keep);
                }

                break;
            case 5:
            {
                // Splice: the head of this input and the tail of another sample.
                var other = samples[random.Next(samples.Length)];
                int cut = random.Next(bytes.Count + 1);
                int from = random.Next(other.Length + 1);
                bytes.RemoveRange(cut, bytes.Count - cut);
                bytes.AddRange(other.Skip(from));
                break;
            }

            case 6:
            case 7:
            {
                var value = Interesting[random.Next(Interesting.Length)];
                int at = random.Next(bytes.Count + 1);
                if (random.Next(2) == 0 && at < bytes.Count)
                {
                    bytes.RemoveRange(at, Math.Min(bytes.Count - at, random.Next(1, 20)));
                }

                bytes.InsertRange(at, value);
                break;
            }

            case 8:
            {
                // A run of digits replaced by a huge or negative number: the classic overflow.
                int at = IndexOfDigit(bytes, random);
                if (at >= 0)
                {
                    int end = at;
                    while (end < bytes.Count && bytes[end] >= '0' && bytes[end] <= '9')
                    {
                        end++;
                    }

                    bytes.RemoveRange(at, end - at);
                    var number = Interesting[18 + random.Next(10)];
                    bytes.InsertRange(at, number);
                }

                break;
            }

            default:
            {
                // A very long line, or a chunk repeated.
                int at = random.Next(bytes.Count + 1);
                if (random.Next(2) == 0)
                {
                    bytes.InsertRange(at, Enumerable.Repeat((byte)(random.Next(2) == 0 ? 'A' : 0xC3), 300 + random.Next(5000)));
                }
                else if (bytes.Count > 0)
                {
                    int from = random.Next(bytes.Count);
                    int length = Math.Min(bytes.Count - from, 1 + random.Next(64));
                    var chunk = bytes.GetRange(from, length);
                    for (int copies = random.Next(1, 4); copies > 0; copies--)
                    {
                        bytes.InsertRange(at, chunk);
                    }
                }

                break;
            }
        }

        return bytes.ToArray();
    }

    private static byte[] RandomBytes(Random random, byte[][] samples)
    {
        int typical = samples.Length == 0 ? 64 : samples.Max(sample => sample.Length);
        var bytes = new byte[random.Next(2 * typical + 2)];
        if (random.Next(2) == 0)
        {
            random.NextBytes(bytes);
        }
        else
        {
            // Printable text with line ends: gets further into line-based parsers than binary noise.
            const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789=|%~\\-. \r\n\t";
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)alphabet[random.Next(alphabet.Length)];
            }
        }

        return bytes;
    }

    private static int IndexOfDigit(List<byte> bytes, Random random)
    {
        if (bytes.Count == 0)
        {
            return -1;
        }

        int start = random.Next(bytes.Count);
        for (int i = 0; i < bytes.Count; i++)
        {
            int at = (start + i) % bytes.Count;
            if (bytes[at] >= '0' && bytes[at] <= '9')
            {
                while (at > 0 && bytes[at - 1] >= '0' && bytes[at - 1] <= '9')
                {
                    at--;
                }

                return at;
            }
        }

        return -1;
    }

    public static byte[] Ascii(string text) => Encoding.UTF8.GetBytes(text);

    public static string Hex(byte[] bytes, int maximum = 160) =>
        Convert.ToHexString(bytes, 0, Math.Min(bytes.Length, maximum)) + (bytes.Length > maximum ? "... (" + bytes.Length + " bytes)" : "");
}
