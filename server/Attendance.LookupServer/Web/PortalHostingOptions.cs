namespace Attendance.LookupServer.Web;

/// <summary>
/// The "Portal" section as the host reads it: whether this process serves the staff portal, where, and how
/// sign-in failures lock an account. (The portal's pages read their own settings, such as the attendance minimum,
/// from the same section.) HTTPS uses the lookup listener's certificate, "Lookup:Tls".
/// </summary>
public sealed class PortalHostingOptions
{
    public const string SectionName = "Portal";

    /// <summary>Serve the portal (with the lookup listener unless Lookup:Enabled is false). `--Portal:Enabled=false`: lookups only.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Address to listen on. Empty (default): Lookup:BindAddress when a certificate is configured (HTTPS), else
    /// 127.0.0.1 (plain HTTP is only served on loopback). A non-loopback address without a certificate is refused.
    /// </summary>
    public string BindAddress { get; set; } = "";

    /// <summary>TCP port; 0 picks a free one (tests, the demo).</summary>
    public int Port { get; set; } = 7011;

    /// <summary>Failed sign-ins in a row that lock an account.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>A session ends after this long without a request.</summary>
    public int SessionIdleMinutes { get; set; } = 60;
}
