using System.ComponentModel;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Helpdesk;
using Portal.Core.Organizations;
using Portal.Web.Auth.Tenancy;
using Portal.Web.Features.Notices;

namespace Portal.Web.Features.Api;

/// <summary>
/// <c>/api/v1/orgs/{orgId}/notices</c>: exactly the notices the notice pages show the key's user in this organization
/// (<see cref="VisibleNotices"/>: published, addressed to his organization, restricted ones only with Inquiry user).
/// </summary>
public static class NoticesApi
{
    public static void MapNoticesApi(this RouteGroupBuilder org) =>
        org.MapGet("/notices", ListNoticesAsync)
            .RequireOrgPermission(Permission.None)
            .WithName("ListNotices")
            .WithSummary("List notices")
            .WithDescription(
                "The operator's notices visible to you in this organization, newest first: published and not expired, addressed to every " +
                "organization or to this one; notices for Inquiry users only appear when you hold InquiryUser. Any member may read them.")
            .WithResponseExample(new ListPage<ApiNotice>(
                [new(Guid.Parse("019ab3c0-0000-7000-8000-000000000005"), "support", true, "年末年始のサポート窓口について", "Support over the New Year holidays",
                    "12月29日から1月3日まで…", "From 29 December to 3 January…", new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), null)],
                null));

    private static async Task<Results<Ok<ListPage<ApiNotice>>, ValidationProblem>> ListNoticesAsync(
        VisibleNotices notices,
        [Description("Only this category: members, support, invoice or others.")] string? category,
        [Description("Only important notices.")] bool? important,
        [Description("Cursor from the previous page's nextCursor.")] string? cursor,
        [Description("Items per page, 1–200 (default 50).")] int? limit,
        CancellationToken ct)
    {
        var errors = new ApiErrors();
        var chosen = ApiNames.Parse<NoticeCategory>(category);
        if (category is not null && chosen is null)
        {
            errors.Add("category", "category must be one of members, support, invoice, others.");
        }
        var (after, take) = ApiPaging.Read(cursor, limit, errors);
        var position = after is null ? null : NoticePosition.Parse(after);
        if (after is not null && position is null)
        {
            errors.Add("cursor", "cursor is not a cursor returned by this API.");
        }
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var query = notices.Query(chosen, important == true);
        if (position is { } p)
        {
            query = query.Where(n => n.PublishAt < p.PublishAt || (n.PublishAt == p.PublishAt && n.Id.CompareTo(p.Id) < 0));
        }
        var rows = await query.OrderByDescending(n => n.PublishAt).ThenByDescending(n => n.Id).Take(take + 1).ToListAsync(ct);
        var items = rows.Select(n => (Key: new NoticePosition(n.PublishAt, n.Id).ToString(),
            Item: new ApiNotice(n.Id, ApiNames.Of(n.Category), n.Important, n.TitleJa, n.TitleEn, n.BodyJa, n.BodyEn, n.PublishAt, n.ExpireAt))).ToList();
        var page = ApiPaging.Page(items, take, r => r.Key);
        return TypedResults.Ok(new ListPage<ApiNotice>(page.Items.Select(r => r.Item).ToList(), page.NextCursor));
    }

    private readonly record struct NoticePosition(DateTimeOffset PublishAt, Guid Id)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{PublishAt.UtcTicks}|{Id}");

        public static NoticePosition? Parse(string text)
        {
            var parts = text.Split('|');
            return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks <= DateTimeOffset.MaxValue.UtcTicks && Guid.TryParse(parts[1], out var id)
                    ? new NoticePosition(new DateTimeOffset(ticks, TimeSpan.Zero), id)
                    : null;
        }
    }
}
