using System.Net;
using System.Security.Cryptography.X509Certificates;
using Attendance.LookupServer.Network;
using Attendance.LookupServer.Storage;
using Attendance.Portal;
using Attendance.Portal.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Attendance.LookupServer.Web;

/// <summary>Where the portal listens, decided from "Portal" and "Lookup" (<see cref="PortalHosting.Resolve"/>).</summary>
public sealed record PortalEndpoint(IPAddress Address, int Port, bool Https);

/// <summary>
/// The staff portal in the lookup server's process: accounts (ASP.NET Core Identity over the lookup database),
/// cookies, anti-forgery, security headers, Kestrel on HTTPS with the lookup listener's certificate or plain HTTP
/// on loopback only, and the portal's Razor Pages (Attendance.Portal).
/// </summary>
public static class PortalHosting
{
    /// <summary>
    /// Accounts are registered whatever is served (the `users` command uses UserManager); the web side only when
    /// <paramref name="hostPortal"/> and Portal:Enabled. Otherwise the host opens no HTTP port.
    /// </summary>
    public static void AddPortal(WebApplicationBuilder builder, bool hostPortal)
    {
        var services = builder.Services;
        services.Configure<PortalHostingOptions>(builder.Configuration.GetSection(PortalHostingOptions.SectionName));
        // Read when first used rather than now, so that settings added after CreateBuilder (WebApplicationFactory) count.
        services.AddOptions<IdentityOptions>().Configure<IOptions<PortalHostingOptions>>((identity, portal) =>
        {
            identity.Lockout.AllowedForNewUsers = true;
            identity.Lockout.MaxFailedAccessAttempts = Math.Max(1, portal.Value.MaxFailedSignIns);
            identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(Math.Max(1, portal.Value.LockoutMinutes));
            // Length rather than character classes (NIST SP 800-63B); generated passwords are longer still.
            identity.Password.RequiredLength = 12;
            identity.Password.RequireDigit = false;
            identity.Password.RequireLowercase = false;
            identity.Password.RequireUppercase = false;
            identity.Password.RequireNonAlphanumeric = false;
        });
        services.AddIdentityCore<PortalUser>()
            .AddUserStore<SqlPortalUserStore>()
            .AddClaimsPrincipalFactory<PortalClaimsFactory>()
            .AddSignInManager();
        services.AddScoped<IPortalUserDirectory>(provider => (SqlPortalUserStore)provider.GetRequiredService<IUserStore<PortalUser>>());

        if (!IsServed(builder.Configuration, hostPortal))
        {
            services.AddSingleton<IServer, NoListenerServer>();
            return;
        }

        services.AddSingleton<PortalServed>();
        // /metrics for Prometheus on the portal's host (MetricsEndpoint: loopback and listed scrapers only).
        MetricsEndpoint.AddMetricsExport(services, builder.Configuration);
        // The cookies' keys live in the database, shared by every instance on it (Storage/SqlDataProtectionKeys).
        services.AddDataProtection().SetApplicationName("attendance-portal");
        services.AddOptions<KeyManagementOptions>().Configure<LookupDatabase>((keys, database) => keys.XmlRepository = new SqlDataProtectionKeys(database));
        services.AddTransient<IStartupFilter, PortalHeaders>();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<PortalHostingOptions>, IOptions<LookupServerOptions>>((cookie, portal, lookup) =>
            {
                cookie.Cookie.Name = "attendance.portal";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SecurePolicy = lookup.Value.Tls.Enabled ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                // Lax, not Strict: a link to the portal from an e-mail opens it signed in; forms carry anti-forgery tokens.
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.ExpireTimeSpan = TimeSpan.FromMinutes(Math.Max(1, portal.Value.SessionIdleMinutes));
                cookie.SlidingExpiration = true;
                cookie.LoginPath = "/Account/Login";
                cookie.LogoutPath = "/Account/Logout";
                cookie.AccessDeniedPath = "/Account/AccessDenied";
            });
        // A removed account, a new role or a new password reaches signed-in sessions within a minute.
        services.Configure<SecurityStampValidatorOptions>(validator => validator.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddAntiforgery();
        services.AddOptions<AntiforgeryOptions>().Configure<IOptions<LookupServerOptions>>((antiforgery, lookup) =>
        {
            antiforgery.Cookie.Name = "attendance.antiforgery";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = lookup.Value.Tls.Enabled ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            // SecurityHeaders sends X-Frame-Options: DENY on every response.
            antiforgery.SuppressXFrameOptionsHeader = true;
        });
        // Every page needs a signed-in user unless it says [AllowAnonymous] (the sign-in pages).
        services.AddAuthorization(authorization => authorization.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        // The portal's pages (Attendance.Portal: its options, localization, stylesheet and Razor Pages, these
        // sign-in pages included). Razor Pages check the token on every POST already; the filter extends it to any
        // MVC controller.
        services.AddAttendancePortalPages()
            .AddMvcOptions(mvc => mvc.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()));
        // One time zone for the pages and the archive's local days: Portal:TimeZoneId when set, else the archive's
        // (Lookup:Archive:TimeZone). Registered by hand: with the archive's TimeZoneInfo in the container, the
        // pages' own registration would find two constructors it could use.
        services.RemoveAll<PortalClock>();
        services.AddSingleton(provider =>
        {
            var pages = provider.GetRequiredService<IOptions<PortalOptions>>().Value;
            return string.IsNullOrWhiteSpace(pages.TimeZoneId)
                ? new PortalClock(provider.GetRequiredService<TimeZoneInfo>())
                : new PortalClock(pages.ResolveTimeZone());
        });

        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            var lookup = context.Configuration.GetSection(LookupServerOptions.SectionName).Get<LookupServerOptions>() ?? new LookupServerOptions();
            var portal = context.Configuration.GetSection(PortalHostingOptions.SectionName).Get<PortalHostingOptions>() ?? new PortalHostingOptions();
            kestrel.AddServerHeader = false;
            PortalEndpoint endpoint;
            X509Certificate2? certificate = null;
            try
            {
                endpoint = Resolve(portal, lookup);
                certificate = endpoint.Https ? ServerCertificate.Load(lookup.Tls) : null;
            }
            catch (Exception exception) when (exception is StartRefusedException or InvalidOperationException)
            {
                // Kestrel's options are read when the host is built; the refusal itself comes from Check, in the
                // database preparation, which runs before anything listens (Program, and the first hosted service).
                return;
            }

            kestrel.Listen(endpoint.Address, endpoint.Port, listen =>
            {
                if (certificate != null)
                {
                    listen.UseHttps(certificate);
                }
            });
        });
    }

    /// <summary>True when this host serves the portal: the caller hosts it and Portal:Enabled is not false.</summary>
    public static bool IsServed(IConfiguration configuration, bool hostPortal) =>
        hostPortal && configuration.GetValue(PortalHostingOptions.SectionName + ":Enabled", true);

    /// <summary>
    /// The portal's address and scheme: HTTPS when Lookup:Tls has a certificate, else plain HTTP, which is refused
    /// (<see cref="StartRefusedException"/>) beyond loopback: passwords and personal data never cross a network in clear.
    /// </summary>
    public static PortalEndpoint Resolve(PortalHostingOptions portal, LookupServerOptions lookup)
    {
        var https = lookup.Tls.Enabled;
        var bind = portal.BindAddress.Trim().Length > 0 ? portal.BindAddress.Trim() : https ? lookup.BindAddress : "127.0.0.1";
        if (portal.Port is < 0 or > 65535)
        {
            throw new StartRefusedException("Portal:Port " + portal.Port + " is not a TCP port (0 picks a free one).");
        }

        IPAddress address;
        if (bind.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            address = IPAddress.Loopback;
        }
        else if (!IPAddress.TryParse(bind, out address!))
        {
            throw new StartRefusedException("Portal:BindAddress '" + bind + "' is not an IP address (e.g. 127.0.0.1, 0.0.0.0).");
        }

        if (!https && !IPAddress.IsLoopback(address))
        {
            throw new StartRefusedException("the portal would serve plain HTTP on " + bind + ", beyond loopback, and send passwords and personal data "
                + "in clear. Give it a certificate (Lookup:Tls:CertificatePath, the lookup listener's; the portal then serves HTTPS) or serve it on "
                + "loopback only (--Portal:BindAddress=127.0.0.1, e.g. behind a reverse proxy that terminates TLS).");
        }

        return new PortalEndpoint(address, portal.Port, https);
    }

    /// <summary>Checks the portal's settings before anything starts (called with the database preparation).</summary>
    public static void Check(IServiceProvider services)
    {
        var served = services.GetService<PortalServed>();
        if (served == null)
        {
            return;
        }

        var lookup = services.GetRequiredService<IOptions<LookupServerOptions>>().Value;
        var endpoint = Resolve(services.GetRequiredService<IOptions<PortalHostingOptions>>().Value, lookup);
        if (endpoint.Https)
        {
            try
            {
                ServerCertificate.Load(lookup.Tls).Dispose();
            }
            catch (InvalidOperationException exception)
            {
                throw new StartRefusedException(exception.Message);
            }
        }
    }

    /// <summary>
    /// The portal's endpoints and what decides who reaches them, on a host built with the portal served (nothing
    /// otherwise). Called after Build by <see cref="LookupServerApp.Build"/>; the security headers come first, from
    /// a startup filter, so they wrap every response, those of this pipeline's errors included.
    /// </summary>
    public static void UsePortal(WebApplication app)
    {
        if (app.Services.GetService<PortalServed>() == null)
        {
            return;
        }

        MetricsEndpoint.UseMetricsExport(app);
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapAttendancePortalPages();
    }

    /// <summary>The outermost middleware: the security headers, and the log line that says where the portal listens.</summary>
    private sealed class PortalHeaders(IHostApplicationLifetime lifetime, IServer server, ILoggerFactory loggers) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseMiddleware<SecurityHeaders>();
            next(app);

            var logger = loggers.CreateLogger("Attendance.LookupServer.Portal");
            lifetime.ApplicationStarted.Register(() =>
            {
                // Kestrel's own "Now listening on" is filtered out with the rest of "Microsoft" below Warning; this
                // line gives the address (with the port picked when Portal:Port is 0) to operators and to the tests.
                foreach (var address in Addresses(server))
                {
                    logger.LogInformation("Portal listening on {Address}", address);
                }
            });
        };
    }

    /// <summary>The portal's bound addresses once started (e.g. http://127.0.0.1:41234).</summary>
    public static IReadOnlyList<string> Addresses(IServer server) =>
        server.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? new List<string>();

    /// <summary>Registered when the portal is served: what <see cref="Check"/> looks for.</summary>
    public sealed class PortalServed
    {
    }
}
