using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Organizations;
using Portal.Core.Projects;
using Portal.Web.Auth;
using Portal.Web.Auth.Tenancy;

namespace Portal.Web.Features.Api;

/// <summary><c>/api/v1/orgs</c>, projects and accounts: what the key's user may see of his organizations.</summary>
public static class OrganizationsApi
{
    public static void MapOrganizationsApi(this RouteGroupBuilder v1, RouteGroupBuilder org)
    {
        v1.MapGet("/orgs", ListOrganizationsAsync)
            .RequireAuthorization(ApiRegistration.KeyHolderPolicy)
            .WithName("ListOrganizations")
            .WithSummary("List your organizations")
            .WithDescription("The organizations the key's user is a member of, with his member type and effective permissions in each.")
            .WithResponseExample(new ListPage<ApiOrganization>(
                [new(Guid.Parse("019ab3c0-0000-7000-8000-000000000001"), "さくら商事", "general", ["ProjectViewer", "AccountViewer"])], null));

        org.MapGet("/projects", ListProjectsAsync)
            .RequireOrgPermission(Permission.ProjectViewer)
            .WithName("ListProjects")
            .WithSummary("List projects")
            .WithDescription("The organization's projects, ordered by id. Needs ProjectViewer.")
            .WithResponseExample(new ListPage<ApiProject>(
                [new(Guid.Parse("019ab3c0-0000-7000-8000-000000000002"), "基幹システム", "JPY", "Standard", "請求書払い", "Business", new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero))],
                "MTowMTlhYjNjMC0wMDAwLTcwMDAtODAwMC0wMDAwMDAwMDAwMDI"));

        org.MapGet("/accounts", ListAccountsAsync)
            .RequireOrgPermission(Permission.AccountViewer)
            .WithName("ListAccounts")
            .WithSummary("List AWS accounts")
            .WithDescription("The organization's AWS accounts, ordered by account number, optionally of one project. Needs AccountViewer (with ProjectViewer).")
            .WithResponseExample(new ListPage<ApiAccount>([ExampleAccount], null));

        org.MapGet("/accounts/{accountId:guid}", GetAccountAsync)
            .RequireOrgPermission(Permission.AccountViewer)
            .WithName("GetAccount")
            .WithSummary("Get an AWS account")
            .WithDescription("One AWS account of the organization. Another organization's account answers 404. Needs AccountViewer (with ProjectViewer).")
            .WithResponseExample(ExampleAccount);
    }

    private static readonly ApiAccount ExampleAccount = new(
        Guid.Parse("019ab3c0-0000-7000-8000-000000000003"), "123456789012", "production", Guid.Parse("019ab3c0-0000-7000-8000-000000000002"),
        "active", new DateOnly(2026, 4, 1), new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero));

    private static async Task<Results<Ok<ListPage<ApiOrganization>>, ValidationProblem>> ListOrganizationsAsync(
        HttpContext http, PortalDbContext db,
        [Description("Cursor from the previous page's nextCursor.")] string? cursor,
        [Description("Items per page, 1–200 (default 50).")] int? limit,
        CancellationToken ct)
    {
        var errors = new ApiErrors();
        var (afterId, take) = ApiPaging.ReadById(cursor, limit, errors);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var userId = http.User.UserId();
        var rows = await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == userId && (afterId == null || m.OrganizationId.CompareTo(afterId.Value) > 0))
            .OrderBy(m => m.OrganizationId)
            .Select(m => new { m.OrganizationId, Name = m.Organization.Alias ?? m.Organization.Name, m.Type, m.Permissions })
            .Take(take + 1)
            .ToListAsync(ct);
        var items = rows.Select(r => new ApiOrganization(
                r.OrganizationId, r.Name, r.Type == MemberType.Power ? "power" : "general",
                PermissionNames(PermissionRules.Effective(r.Type, r.Permissions))))
            .ToList();
        return TypedResults.Ok(ApiPaging.Page(items, take, o => o.Id.ToString()));
    }

    private static async Task<Results<Ok<ListPage<ApiProject>>, ValidationProblem>> ListProjectsAsync(
        Guid orgId, PortalDbContext db,
        [Description("Cursor from the previous page's nextCursor.")] string? cursor,
        [Description("Items per page, 1–200 (default 50).")] int? limit,
        CancellationToken ct)
    {
        var errors = new ApiErrors();
        var (afterId, take) = ApiPaging.ReadById(cursor, limit, errors);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var rows = await db.Projects.AsNoTracking()
            .Where(p => p.OrganizationId == orgId && (afterId == null || p.Id.CompareTo(afterId.Value) > 0))
            .OrderBy(p => p.Id)
            .Take(take + 1)
            .Select(p => new { p.Id, p.Name, p.Currency, p.Plan, p.PaymentMethod, p.ServiceLevel, p.CreatedAt })
            .ToListAsync(ct);
        var items = rows.Select(p => new ApiProject(p.Id, p.Name, CurrencyCode(p.Currency), p.Plan, p.PaymentMethod, p.ServiceLevel, p.CreatedAt)).ToList();
        return TypedResults.Ok(ApiPaging.Page(items, take, p => p.Id.ToString()));
    }

    private static async Task<Results<Ok<ListPage<ApiAccount>>, ValidationProblem, NotFound>> ListAccountsAsync(
        Guid orgId, PortalDbContext db,
        [Description("Only the accounts of this project.")] Guid? projectId,
        [Description("Cursor from the previous page's nextCursor.")] string? cursor,
        [Description("Items per page, 1–200 (default 50).")] int? limit,
        CancellationToken ct)
    {
        var errors = new ApiErrors();
        var (after, take) = ApiPaging.Read(cursor, limit, errors);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        if (projectId is not null && !await db.Projects.AnyAsync(p => p.Id == projectId && p.OrganizationId == orgId, ct))
        {
            return TypedResults.NotFound();
        }
        var rows = await db.AwsAccounts.AsNoTracking()
            .Where(a => a.OrganizationId == orgId && (projectId == null || a.ProjectId == projectId) && (after == null || a.AccountNumber.CompareTo(after) > 0))
            .OrderBy(a => a.AccountNumber)
            .Take(take + 1)
            .Select(a => new { a.Id, a.AccountNumber, a.Name, a.ProjectId, a.Status, a.JoinedOn, a.CreatedAt })
            .ToListAsync(ct);
        var items = rows.Select(a => new ApiAccount(a.Id, a.AccountNumber, a.Name, a.ProjectId, StatusName(a.Status), a.JoinedOn, a.CreatedAt)).ToList();
        return TypedResults.Ok(ApiPaging.Page(items, take, a => a.AccountNumber));
    }

    private static async Task<Results<Ok<ApiAccount>, NotFound>> GetAccountAsync(Guid orgId, Guid accountId, PortalDbContext db, CancellationToken ct)
    {
        var account = await db.AwsAccounts.AsNoTracking()
            .Where(a => a.Id == accountId && a.OrganizationId == orgId)
            .Select(a => new { a.Id, a.AccountNumber, a.Name, a.ProjectId, a.Status, a.JoinedOn, a.CreatedAt })
            .SingleOrDefaultAsync(ct);
        return account is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(new ApiAccount(account.Id, account.AccountNumber, account.Name, account.ProjectId, StatusName(account.Status), account.JoinedOn, account.CreatedAt));
    }

    internal static string CurrencyCode(Currency currency) => currency == Currency.Jpy ? "JPY" : "USD";

    private static string StatusName(AccountStatus status) => status == AccountStatus.Active ? "active" : "cancelled";

    private static List<string> PermissionNames(Permission effective) =>
        Enum.GetValues<Permission>().Where(p => p != Permission.None && effective.HasFlag(p)).Select(p => p.ToString()).ToList();
}
