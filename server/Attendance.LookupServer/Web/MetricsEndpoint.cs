using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Attendance.LookupServer.Web;

/// <summary>The "Metrics" section (server/README.md, "Metrics").</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>Serve /metrics on the portal's host.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Client addresses (besides loopback, always allowed) that may scrape, e.g. the Prometheus server's. Empty by
    /// default: only this machine reads the metrics. Addresses, not networks: a scraper is one known host.
    /// </summary>
    public string[] AllowedAddresses { get; set; } = [];
}

/// <summary>
/// The OpenTelemetry metrics of the lookup server (<see cref="LookupMetrics"/>) and of ASP.NET Core's Kestrel, exported
/// for Prometheus at /metrics on the portal's host. Not behind the portal's sign-in (a scraper has no account) and
/// not public either: the endpoint answers only loopback and <see cref="MetricsOptions.AllowedAddresses"/>; any other
/// client goes on into the portal's pipeline as if the path did not exist (the sign-in redirect). The numbers carry
/// no personal data (LookupMetrics says why), but the traffic of a school's terminals is nobody else's business.
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static void AddMetricsExport(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MetricsOptions>(configuration.GetSection(MetricsOptions.SectionName));
        if (!configuration.GetValue(MetricsOptions.SectionName + ":Enabled", true))
        {
            return;
        }

        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(LookupMetrics.MeterName)
            .AddMeter("Microsoft.AspNetCore.Server.Kestrel")
            .AddPrometheusExporter());
    }

    /// <summary>Before authentication: a scraper signs in nowhere.</summary>
    public static void UseMetricsExport(WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (!options.Enabled)
        {
            return;
        }

        var allowed = options.AllowedAddresses.Select(text => IPAddress.TryParse(text.Trim(), out var address)
                ? address
                : throw new OptionsValidationException(MetricsOptions.SectionName, typeof(MetricsOptions), ["Metrics:AllowedAddresses: '" + text + "' is not an IP address."]))
            .ToArray();
        app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
            context.Request.Path == Path && MayScrape(context.Connection.RemoteIpAddress, allowed));
    }

    public static bool MayScrape(IPAddress? client, IReadOnlyList<IPAddress> allowed)
    {
        if (client == null)
        {
            return false;
        }

        if (client.IsIPv4MappedToIPv6)
        {
            client = client.MapToIPv4();
        }

        return IPAddress.IsLoopback(client) || allowed.Any(address => address.Equals(client));
    }
}
