using System.Reflection;
using Attendance.Portal.Localization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Attendance.Portal;

/// <summary>How a host adds the portal's pages (server/README.md, "Portal").</summary>
public static class PortalPagesExtensions
{
    /// <summary>
    /// Registers the portal's Razor Pages (every page requires a signed-in user), <see cref="PortalOptions"/>
    /// bound from the "Portal" configuration section, the request localization (Portuguese default, English) and
    /// the services the pages inject. The host must also register: an <see cref="Data.IRollArchive"/>,
    /// authentication (whose users carry the roles of <see cref="Security.PortalRoles"/> and, for professors, the
    /// <see cref="Security.PortalClaims.ProfessorCode"/> claim) and authorization.
    /// </summary>
    public static IMvcBuilder AddAttendancePortalPages(this IServiceCollection services)
    {
        services.AddOptions<PortalOptions>()
            .BindConfiguration(PortalOptions.SectionName)
            .Validate(options => options.MinimumAttendancePercent is >= 0 and <= 100, "Portal:MinimumAttendancePercent must be between 0 and 100.")
            .Validate(options => options.RollsPerPage is >= 1 and <= 500, "Portal:RollsPerPage must be between 1 and 500.")
            .Validate(options => TimeZoneResolves(options), "Portal:TimeZoneId names no time zone of this machine.")
            .ValidateOnStart();
        services.AddSingleton<PortalClock>();
        services.AddOptions<TerminalHealthOptions>()
            .BindConfiguration(TerminalHealthOptions.SectionName)
            .Validate(options => options.OfflineAfterMissedHeartbeats is >= 1 and <= 100, "Portal:Terminals:OfflineAfterMissedHeartbeats must be between 1 and 100.")
            .Validate(options => options.GraceSeconds is >= 0 and <= 86_400, "Portal:Terminals:GraceSeconds must be between 0 and 86400.")
            .Validate(options => options.LowMemoryBytes >= 0 && options.ClockSkewWarningSeconds >= 0, "Portal:Terminals: LowMemoryBytes and ClockSkewWarningSeconds cannot be negative.")
            .ValidateOnStart();
        // The Terminals pages judge "offline" against the host's clock; a host may register its own TimeProvider first.
        services.TryAddSingleton(TimeProvider.System);

        // The table follows the request's UI culture, which the localization middleware sets before the page runs.
        services.AddScoped(_ => PortalText.Current);
        services.Configure<RequestLocalizationOptions>(PortalCultures.Configure);

        return services.AddRazorPages()
            .ConfigureApplicationPartManager(manager => AddPortalAssembly(manager, typeof(PortalOptions).Assembly));
    }

    /// <summary>
    /// Adds request localization to the pipeline, the portal's stylesheet at /css/portal.css and every Razor Page
    /// (the portal's and the host's own, such as Pages/Account; the host must not call MapRazorPages again).
    /// Call it after UseAuthentication/UseAuthorization.
    /// </summary>
    public static WebApplication MapAttendancePortalPages(this WebApplication app)
    {
        app.UseRequestLocalization();
        app.MapGet(StylesheetPath, () => Results.Stream(OpenStylesheet(), "text/css; charset=utf-8")).AllowAnonymous();
        app.MapRazorPages();
        return app;
    }

    public const string StylesheetPath = "/css/portal.css";

    private static Stream OpenStylesheet() =>
        typeof(PortalOptions).Assembly.GetManifestResourceStream("portal.css")
        ?? throw new InvalidOperationException("portal.css is not embedded in Attendance.Portal.");

    /// <summary>
    /// A host's entry assembly only brings in the Razor class libraries it references directly; a test host or
    /// a host referencing the portal through another library would miss the pages, so the part is added here
    /// (once, whatever the host also discovered).
    /// </summary>
    private static void AddPortalAssembly(ApplicationPartManager manager, Assembly assembly)
    {
        if (manager.ApplicationParts.Any(part => part.Name == assembly.GetName().Name))
        {
            return;
        }

        foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
        {
            manager.ApplicationParts.Add(part);
        }
    }

    private static bool TimeZoneResolves(PortalOptions options)
    {
        try
        {
            options.ResolveTimeZone();
            return true;
        }
        catch (TimeZoneNotFoundException)
        {
            return false;
        }
        catch (InvalidTimeZoneException)
        {
            return false;
        }
    }
}
