using Attendance.Portal.Data;
using Attendance.Portal.Localization;
using Attendance.Portal.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attendance.Portal.Pages.Settings;

/// <summary>
/// The settings the server gives terminals (docs/protocol.md, "Time and settings from the server"), for
/// administrators only: the defaults for all terminals, or one terminal's overrides (<c>?terminal=T01</c>). A save is
/// checked with the terminal's own parser by <see cref="ITerminalSettingsAdmin"/>; a refused one shows the reason and
/// keeps what was typed. The SMTP password is write-only: its field is always empty, a value typed replaces it, a box
/// removes it, and it is never put back in the page.
/// </summary>
[Authorize(Roles = PortalRoles.Administrator)]
public sealed class IndexModel(ITerminalSettingsAdmin settings, PortalText text) : PageModel
{
    /// <summary>The terminal whose overrides are edited; null or empty for the defaults.</summary>
    [BindProperty(SupportsGet = true, Name = "terminal")]
    public string? TerminalId { get; set; }

    /// <summary>Plain values by key, as shown and as posted (an empty value unsets the key in this scope).</summary>
    [BindProperty]
    public Dictionary<string, string?> Values { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Secrets typed in (write-only); empty means "keep".</summary>
    [BindProperty]
    public Dictionary<string, string?> Secrets { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Secrets to remove.</summary>
    [BindProperty]
    public List<string> Clear { get; set; } = new();

    public IReadOnlyList<string> Terminals { get; private set; } = Array.Empty<string>();

    /// <summary>The defaults, shown beside a terminal's own values (empty when editing the defaults).</summary>
    public IReadOnlyDictionary<string, string> Defaults { get; private set; } = new Dictionary<string, string>();

    public IReadOnlySet<string> SecretsSet { get; private set; } = new HashSet<string>();

    public long Version { get; private set; }

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public string? Scope => string.IsNullOrWhiteSpace(TerminalId) ? null : TerminalId.Trim();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var scope = await LoadAsync(cancellationToken);
        Values = scope.Values.ToDictionary(pair => pair.Key, pair => (string?)pair.Value, StringComparer.Ordinal);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var values = Values.Where(pair => pair.Value != null && !TerminalSettingsRules.SecretKeys.Contains(pair.Key))
            .ToDictionary(pair => pair.Key, pair => pair.Value!, StringComparer.Ordinal);
        var secrets = Secrets.Where(pair => !string.IsNullOrEmpty(pair.Value) && TerminalSettingsRules.SecretKeys.Contains(pair.Key))
            .ToDictionary(pair => pair.Key, pair => pair.Value!, StringComparer.Ordinal);
        try
        {
            var version = await settings.SaveScopeAsync(Scope, values, secrets, Clear, cancellationToken);
            Message = text.Format(text.SettingsSaved, version.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var scope = await LoadAsync(cancellationToken);
            Values = scope.Values.ToDictionary(pair => pair.Key, pair => (string?)pair.Value, StringComparer.Ordinal);
        }
        catch (TerminalSettingsRejectedException exception)
        {
            // What was typed stays in the form (secrets excepted: never sent back to the browser).
            Error = text.Format(text.SettingsRefused, exception.Message);
            await LoadAsync(cancellationToken);
        }

        Secrets = new(StringComparer.Ordinal);
        return Page();
    }

    private async Task<TerminalSettingsScope> LoadAsync(CancellationToken cancellationToken)
    {
        Terminals = await settings.ListTerminalsAsync(cancellationToken);
        var scope = await settings.GetScopeAsync(Scope, cancellationToken);
        Version = scope.Version;
        SecretsSet = scope.SecretsSet;
        Defaults = Scope == null ? new Dictionary<string, string>() : (await settings.GetScopeAsync(null, cancellationToken)).Values;
        return scope;
    }
}
