using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Attendance.LookupServer.Web;

/// <summary>
/// The portal's response headers: a Content-Security-Policy that allows no inline or foreign script, style or
/// frame (the pages are server-rendered and need none), no MIME sniffing, no framing, no Referer (a portal
/// address must not leak to another site), HSTS on HTTPS, and no caching of pages that hold personal data.
/// Added when the response starts, so that error responses carry them too.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; object-src 'none'; "
        + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
            headers[HeaderNames.XContentTypeOptions] = "nosniff";
            headers[HeaderNames.XFrameOptions] = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            if (context.Request.IsHttps)
            {
                // One year; not includeSubDomains: the portal cannot speak for the rest of the domain.
                headers[HeaderNames.StrictTransportSecurity] = "max-age=31536000";
            }

            if (!headers.ContainsKey(HeaderNames.CacheControl))
            {
                headers[HeaderNames.CacheControl] = "no-store";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}
