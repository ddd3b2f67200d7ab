using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Helpdesk;
using Portal.Core.Organizations;
using Portal.Web.Auth.Tenancy;
using Portal.Web.Infrastructure;

namespace Portal.Web.Features.Notices;

/// <summary>
/// The notice archive of the organization: every visible notice, by category, important only on request. The page
/// number travels as <c>p</c>: Razor Pages keeps its own route value named <c>page</c>.
/// </summary>
[OrgPermission(Permission.None)]
public sealed class IndexModel(VisibleNotices notices) : PageModel
{
    public const int PageSize = 30;

    [FromRoute]
    public Guid OrgId { get; set; }

    [BindProperty(SupportsGet = true)]
    public NoticeCategory? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Important { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<NoticeRow> Rows { get; private set; } = [];

    public bool HasMore { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Max(1, PageNumber);
        var rows = await notices.ListAsync(Category, Important, PageSize + 1, (PageNumber - 1) * PageSize, Localization.CurrentLanguage, ct);
        HasMore = rows.Count > PageSize;
        Rows = rows.Take(PageSize).ToList();
    }
}
