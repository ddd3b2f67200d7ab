using Portal.Core.Helpdesk;

namespace Portal.Web.Features.Notices;

/// <summary>The model of <c>_NoticeList</c>: category tabs and the important-only toggle are plain links (no script needed).</summary>
public sealed record NoticeListModel(Guid OrgId, string BasePath, NoticeCategory? Category, bool Important, IReadOnlyList<NoticeRow> Rows)
{
    public static string Query(NoticeCategory? category, bool important, int page = 1)
    {
        var parts = new List<string>();
        if (category is { } c)
        {
            parts.Add("category=" + c);
        }
        if (important)
        {
            parts.Add("important=true");
        }
        if (page > 1)
        {
            parts.Add("p=" + page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return string.Join("&", parts);
    }

    public string Link(NoticeCategory? category, bool important)
    {
        var query = Query(category, important);
        return query.Length == 0 ? BasePath : BasePath + "?" + query;
    }
}
