namespace Attendance.Core.Configuration
{
    /// <summary>How the board gets its IPv4 address (setting <c>network.mode</c>).</summary>
    public enum NetworkMode
    {
        /// <summary>Address, mask, gateway and DNS from the DHCP server.</summary>
        Dhcp = 0,

        /// <summary>Fixed address from <c>network.address</c>, <c>network.mask</c>, <c>network.gateway</c>, <c>network.dns</c>.</summary>
        Static = 1,
    }
}
