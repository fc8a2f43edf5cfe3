namespace Attendance.Core.Health
{
    /// <summary>
    /// Carries out the administrator's "reload settings" request (docs/protocol.md, "Terminal health"): the code
    /// that fetches settings from the server implements it. Without one the terminal answers the request
    /// <see cref="HealthProtocol.NotSupported"/>.
    /// </summary>
    public interface ISettingsReloader
    {
        /// <summary>
        /// Asks for the settings to be fetched again at the next chance; returns quickly (runs on the network worker
        /// during the heartbeat). Returns false when it cannot (then the request is answered as failed).
        /// </summary>
        bool RequestReload();
    }
}
