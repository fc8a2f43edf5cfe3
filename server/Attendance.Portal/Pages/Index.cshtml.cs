namespace Attendance.Portal.Pages;

public sealed class IndexModel : PortalPageModel
{
    public void OnGet()
    {
    }
}
