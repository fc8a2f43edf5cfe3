using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Attendance.Demo;

/// <summary>
/// A pseudo-terminal pair made with openpty(3): the host terminal opens the secondary side by its path as a
/// serial port, and the demo writes card codes into the primary side, as a barcode reader on a UART would.
/// Needs nothing but the C library, so the demo runs on a machine with only the .NET SDK (the end-to-end tests
/// use a socat pair instead, as an operator would).
/// </summary>
public sealed class PseudoTerminal : IDisposable
{
    private readonly SafeFileHandle primary;
    private readonly SafeFileHandle secondary;

    private PseudoTerminal(SafeFileHandle primary, SafeFileHandle secondary, string secondaryPath)
    {
        this.primary = primary;
        this.secondary = secondary;
        SecondaryPath = secondaryPath;
        Primary = new FileStream(primary, FileAccess.ReadWrite, bufferSize: 0);
    }

    /// <summary>Path of the side the terminal opens as its serial port, e.g. /dev/pts/3.</summary>
    public string SecondaryPath { get; }

    /// <summary>The reader's side: bytes written here arrive at the serial port.</summary>
    public FileStream Primary { get; }

    public static PseudoTerminal Open()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            throw new PlatformNotSupportedException("The demo's serial pseudo-terminal needs Linux or macOS; on Windows use a com0com pair and --serial.");
        }

        var name = new byte[256];
        if (openpty(out var primaryDescriptor, out var secondaryDescriptor, name, IntPtr.Zero, IntPtr.Zero) != 0)
        {
            throw new IOException("openpty failed with errno " + Marshal.GetLastPInvokeError());
        }

        var path = System.Text.Encoding.ASCII.GetString(name, 0, Array.IndexOf(name, (byte)0));
        var primary = new SafeFileHandle((IntPtr)primaryDescriptor, ownsHandle: true);
        // Keep the secondary side open for the pair's lifetime so the primary never sees a hang-up between
        // the terminal closing and reopening its port.
        var secondary = new SafeFileHandle((IntPtr)secondaryDescriptor, ownsHandle: true);
        MakeRaw(secondaryDescriptor);
        return new PseudoTerminal(primary, secondary, path);
    }

    /// <summary>Raw mode (cfmakeraw(3)): no echo, no line editing, no CR/LF translation, as socat's "raw,echo=0".</summary>
    private static void MakeRaw(int descriptor)
    {
        var attributes = new byte[256];
        if (tcgetattr(descriptor, attributes) == 0)
        {
            cfmakeraw(attributes);
            tcsetattr(descriptor, 0, attributes);
        }
    }

    public void Dispose()
    {
        Primary.Dispose();
        secondary.Dispose();
        primary.Dispose();
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int openpty(out int primary, out int secondary, byte[] name, IntPtr termios, IntPtr windowSize);

    [DllImport("libc", SetLastError = true)]
    private static extern int tcgetattr(int descriptor, byte[] termios);

    [DllImport("libc", SetLastError = true)]
    private static extern int tcsetattr(int descriptor, int optionalActions, byte[] termios);

    [DllImport("libc")]
    private static extern void cfmakeraw(byte[] termios);
}
