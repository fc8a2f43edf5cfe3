using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Localization;

namespace Attendance.Portal.Localization;

/// <summary>
/// The languages of <see cref="PortalText"/> for ASP.NET Core request localization: Portuguese by default, English
/// when the language cookie or the browser's Accept-Language asks for it (a query string is not read: URLs stay
/// plain).
/// </summary>
public static class PortalCultures
{
    public const string Default = "pt";

    public static string[] Supported => PortalText.All.Select(text => text.Culture).ToArray();

    public static void Configure(RequestLocalizationOptions options)
    {
        options.SetDefaultCulture(Default);
        options.AddSupportedCultures(Supported);
        options.AddSupportedUICultures(Supported);
        options.RequestCultureProviders = new List<IRequestCultureProvider>
        {
            new CookieRequestCultureProvider(),
            new AcceptLanguageHeaderRequestCultureProvider(),
        };
    }

    public static bool IsSupported(string? culture) =>
        culture is not null && Supported.Contains(culture, StringComparer.OrdinalIgnoreCase);

    public static CultureInfo Culture(string name) => CultureInfo.GetCultureInfo(name);
}
