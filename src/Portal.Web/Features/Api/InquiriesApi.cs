using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Helpdesk;
using Portal.Core.Organizations;
using Portal.Web.Auth;
using Portal.Web.Auth.Tenancy;
using Portal.Web.Features.Helpdesk;

namespace Portal.Web.Features.Api;

/// <summary>
/// <c>/api/v1/orgs/{orgId}/inquiries</c>: read, open and reply to the organization's inquiries (SPEC F12) with Inquiry
/// user, through the same commands as the inquiry pages (<see cref="OpenInquiry"/>, <see cref="ReplyToInquiry"/>), so
/// staff and participants get the same mails. No attachments over the API.
/// </summary>
public static class InquiriesApi
{
    private const string NoAttachments = "Attachments cannot be sent over the API: attach files to the inquiry in the portal.";
    private static readonly Guid ExampleId = Guid.Parse("019ab3c0-0000-7000-8000-000000000006");

    private static readonly ApiInquiry ExampleInquiry = new(
        ExampleId, "請求書の宛名変更", "billing", "new", "山田 太郎", new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero), [],
        [new ApiInquiryMessage(Guid.Parse("019ab3c0-0000-7000-8000-000000000007"), "山田 太郎", false, "来月から宛名を変更できますか。",
            new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero), [])]);

    public static void MapInquiriesApi(this RouteGroupBuilder org)
    {
        org.MapGet("/inquiries", ListInquiriesAsync)
            .RequireOrgPermission(Permission.InquiryUser)
            .WithName("ListInquiries")
            .WithSummary("List inquiries")
            .WithDescription("Every inquiry of the organization, whoever opened it, newest first. Needs InquiryUser.")
            .WithResponseExample(new ListPage<ApiInquirySummary>(
                [new(ExampleId, ExampleInquiry.Subject, "billing", "new", "山田 太郎", ExampleInquiry.CreatedAt, ExampleInquiry.UpdatedAt)], null));

        org.MapGet("/inquiries/{inquiryId:guid}", GetInquiryAsync)
            .RequireOrgPermission(Permission.InquiryUser)
            .WithName("GetInquiry")
            .WithSummary("Get an inquiry with its thread")
            .WithDescription("One inquiry with its messages, oldest first (attachments are listed; download them in the portal). Needs InquiryUser.")
            .WithResponseExample(ExampleInquiry);

        org.MapPost("/inquiries", OpenInquiryAsync)
            .RequireOrgPermission(Permission.InquiryUser)
            .WithName("OpenInquiry")
            .WithSummary("Open an inquiry")
            .WithDescription(
                "Opens an inquiry with its first message; the support team is notified as for an inquiry opened in the portal. Answers 201 " +
                "with the inquiry; sending the same id again answers 200 with the inquiry already opened. Invalid fields answer 400 with an " +
                "error per field (category, subject, body, accountIds). " + NoAttachments + " Needs InquiryUser.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithResponseExample(ExampleInquiry, "201")
            .WithResponseExample(ExampleInquiry);

        org.MapPost("/inquiries/{inquiryId:guid}/messages", ReplyAsync)
            .RequireOrgPermission(Permission.InquiryUser)
            .WithName("ReplyToInquiry")
            .WithSummary("Reply to an inquiry")
            .WithDescription(
                "Adds your message to the inquiry's thread and notifies the participants and the support team. A closed inquiry takes no " +
                "reply (400). Answers 201 with the inquiry; sending the same message id again answers 200 and adds nothing. " + NoAttachments +
                " Needs InquiryUser.")
            .ProducesValidationProblem()
            .WithResponseExample(ExampleInquiry, "201")
            .WithResponseExample(ExampleInquiry);
    }

    private static async Task<Results<Ok<ListPage<ApiInquirySummary>>, ValidationProblem>> ListInquiriesAsync(
        Guid orgId, PortalDbContext db,
        [Description("Cursor from the previous page's nextCursor.")] string? cursor,
        [Description("Items per page, 1–200 (default 50).")] int? limit,
        CancellationToken ct)
    {
        var errors = new ApiErrors();
        var (beforeId, take) = ApiPaging.ReadById(cursor, limit, errors);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        // Ids are version 7 (time-ordered): newest first by id is newest opened first, and stable under new messages.
        var rows = await db.Inquiries.AsNoTracking()
            .Where(i => i.OrganizationId == orgId && (beforeId == null || i.Id.CompareTo(beforeId.Value) < 0))
            .OrderByDescending(i => i.Id)
            .Take(take + 1)
            .Select(i => new
            {
                i.Id, i.Subject, i.Category, i.Status, CreatedBy = db.Users.Where(u => u.Id == i.CreatedById).Select(u => u.DisplayName).FirstOrDefault(),
                i.CreatedAt, i.UpdatedAt,
            })
            .ToListAsync(ct);
        var items = rows.Select(i => new ApiInquirySummary(i.Id, i.Subject, ApiNames.Of(i.Category), ApiNames.Of(i.Status), i.CreatedBy, i.CreatedAt, i.UpdatedAt)).ToList();
        return TypedResults.Ok(ApiPaging.Page(items, take, i => i.Id.ToString()));
    }

    private static async Task<Results<Ok<ApiInquiry>, NotFound>> GetInquiryAsync(Guid orgId, Guid inquiryId, PortalDbContext db, CancellationToken ct) =>
        await LoadAsync(db, orgId, inquiryId, ct) is { } inquiry ? TypedResults.Ok(inquiry) : TypedResults.NotFound();

    private static async Task<Results<Created<ApiInquiry>, Ok<ApiInquiry>, ValidationProblem, ProblemHttpResult>> OpenInquiryAsync(
        Guid orgId, ApiNewInquiry? request, HttpContext http, OpenInquiry open, PortalDbContext db, CancellationToken ct)
    {
        var id = request?.Id ?? Guid.CreateVersion7();
        var category = ApiNames.Parse<InquiryCategory>(request?.Category);
        var outcome = await open.HandleAsync(
            new NewInquiry(id, orgId, http.User.UserId(), category, request?.Subject, request?.Body, request?.AccountIds ?? [], []), ct);
        if (outcome.AlreadyExists)
        {
            return await LoadAsync(db, orgId, id, ct) is { } existing
                ? TypedResults.Ok(existing)
                : TypedResults.Problem(title: "This id belongs to another inquiry.", statusCode: StatusCodes.Status409Conflict);
        }
        if (!outcome.Opened)
        {
            return TypedResults.ValidationProblem(FieldErrors(outcome.Errors));
        }
        return TypedResults.Created($"/api/v1/orgs/{orgId}/inquiries/{id}", (await LoadAsync(db, orgId, id, ct))!);
    }

    private static async Task<Results<Created<ApiInquiry>, Ok<ApiInquiry>, ValidationProblem, NotFound>> ReplyAsync(
        Guid orgId, Guid inquiryId, ApiNewMessage? request, HttpContext http, ReplyToInquiry reply, PortalDbContext db, CancellationToken ct)
    {
        var outcome = await reply.HandleAsync(orgId, inquiryId, request?.Id ?? Guid.CreateVersion7(), http.User.UserId(), request?.Body, [], ct);
        if (!outcome.Found)
        {
            return TypedResults.NotFound();
        }
        if (!outcome.Replied && !outcome.AlreadyPosted)
        {
            return TypedResults.ValidationProblem(FieldErrors(outcome.Errors));
        }
        var inquiry = (await LoadAsync(db, orgId, inquiryId, ct))!;
        return outcome.Replied ? TypedResults.Created($"/api/v1/orgs/{orgId}/inquiries/{inquiryId}", inquiry) : TypedResults.Ok(inquiry);
    }

    /// <summary>The commands name fields as the forms do (Subject); the API as its JSON does (subject).</summary>
    private static Dictionary<string, string[]> FieldErrors(IReadOnlyDictionary<string, string> errors) =>
        errors.ToDictionary(e => char.ToLowerInvariant(e.Key[0]) + e.Key[1..], e => new[] { e.Value });

    private static async Task<ApiInquiry?> LoadAsync(PortalDbContext db, Guid orgId, Guid inquiryId, CancellationToken ct)
    {
        var view = await InquiryThread.LoadAsync(db, inquiryId, orgId, includeInternal: false, ct);
        return view is null ? null : new ApiInquiry(
            view.Id, view.Subject, ApiNames.Of(view.Category), ApiNames.Of(view.Status), view.CreatedBy, view.CreatedAt, view.UpdatedAt,
            view.Accounts.Select(a => new ApiInquiryAccount(a.Id, a.AccountNumber, a.Name)).ToList(),
            view.Messages.Select(m => new ApiInquiryMessage(m.Id, m.Author, m.FromStaff, m.Body, m.CreatedAt,
                m.Attachments.Select(a => new ApiAttachment(a.FileName, a.Size)).ToList())).ToList());
    }
}
