using System.ComponentModel;
using System.Globalization;

namespace Portal.Web.Features.Api;

/// <summary>One page of a list. Pass <c>nextCursor</c> back as <c>cursor</c> for the next page; null on the last page.</summary>
public sealed record ListPage<T>(
    [property: Description("The items of this page.")] IReadOnlyList<T> Items,
    [property: Description("Opaque cursor of the next page; null when this is the last page.")] string? NextCursor);

/// <summary>An amount of money: exact decimal text (never rounded, up to 10 decimal places) with its ISO 4217 currency.</summary>
public sealed record MoneyAmount(
    [property: Description("Exact decimal amount as text, for example \"1234.5\".")] string Amount,
    [property: Description("ISO 4217 currency code: JPY or USD.")] string Currency)
{
    public static MoneyAmount Of(decimal amount, Portal.Core.Projects.Currency currency) =>
        new(amount.ToString("0.##########", CultureInfo.InvariantCulture), currency == Portal.Core.Projects.Currency.Jpy ? "JPY" : "USD");
}

[Description("An organization the key's user belongs to, with his type and effective permissions there.")]
public sealed record ApiOrganization(
    Guid Id,
    [property: Description("The name shown in the portal (the alias when one is set).")] string Name,
    [property: Description("power or general.")] string MemberType,
    [property: Description("Effective permissions in this organization.")] IReadOnlyList<string> Permissions);

[Description("A project: the unit invoices are issued for.")]
public sealed record ApiProject(
    Guid Id, string Name,
    [property: Description("The project's billing currency: JPY or USD.")] string Currency,
    string Plan, string PaymentMethod, string ServiceLevel, DateTimeOffset CreatedAt);

[Description("An AWS account billed through the portal.")]
public sealed record ApiAccount(
    Guid Id,
    [property: Description("The 12-digit AWS account id.")] string AccountNumber,
    string Name, Guid ProjectId,
    [property: Description("active or cancelled.")] string Status,
    [property: Description("The day the account joined the service (ISO date).")] DateOnly JoinedOn,
    DateTimeOffset CreatedAt);

[Description("A month's charges of an organization, project or account, broken down by account, service, tag or day.")]
public sealed record ApiCharges(
    [property: Description("The month, YYYY-MM.")] string Month,
    [property: Description("organization, project or account.")] string Scope,
    [property: Description("The id of the organization, project or account.")] Guid ScopeId,
    [property: Description("account, service, tag or day.")] string By,
    [property: Description("Totals of the month, one per currency (an organization may have JPY and USD projects). Tax excluded; estimated until invoiced.")] IReadOnlyList<MoneyAmount> Totals,
    [property: Description("One row per key and currency, ordered by key.")] IReadOnlyList<ApiChargeItem> Items,
    [property: Description("Opaque cursor of the next page of items; null on the last page.")] string? NextCursor);

public sealed record ApiChargeItem(
    [property: Description("Account number, service (product code), billing-group tag value (empty: untagged) or ISO date, after 'by'.")] string Key,
    MoneyAmount Amount);

/// <summary>Enum values as the API writes them: camelCase names, never numbers.</summary>
public static class ApiNames
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>Reads a name written by <see cref="Of{TEnum}"/> (case-insensitive); numbers and unknown names are null.</summary>
    public static TEnum? Parse<TEnum>(string? text) where TEnum : struct, Enum =>
        !string.IsNullOrWhiteSpace(text) && !char.IsAsciiDigit(text.TrimStart('-')[0]) && Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value : null;
}

[Description("An issued (or voided) invoice or credit note of a project's month, without its lines.")]
public sealed record ApiInvoiceSummary(
    Guid Id,
    [property: Description("The invoice number.")] string Number,
    [property: Description("invoice or creditNote.")] string Kind,
    [property: Description("issued or void.")] string Status,
    [property: Description("The billed month, YYYY-MM.")] string Month,
    Guid ProjectId, string ProjectName,
    [property: Description("Issue date (ISO date).")] DateOnly? IssueDate,
    [property: Description("Payment due date (ISO date).")] DateOnly? DueDate,
    [property: Description("Consumption tax rate in percent.")] string TaxRatePercent,
    [property: Description("Sum of the lines, tax excluded.")] MoneyAmount Subtotal,
    [property: Description("Consumption tax, computed once on the subtotal.")] MoneyAmount Tax,
    [property: Description("Subtotal plus tax.")] MoneyAmount Total);

[Description("An invoice or credit note with its lines: the figures printed on its PDF.")]
public sealed record ApiInvoice(
    Guid Id, string Number,
    [property: Description("invoice or creditNote.")] string Kind,
    [property: Description("issued or void.")] string Status,
    [property: Description("The billed month, YYYY-MM.")] string Month,
    Guid ProjectId, string ProjectName, DateOnly? IssueDate, DateOnly? DueDate,
    [property: Description("The issuer and his qualified-invoice registration number (T + 13 digits).")] string IssuerName,
    string RegistrationNumber, string CustomerName, string TaxRatePercent, MoneyAmount Subtotal, MoneyAmount Tax, MoneyAmount Total,
    [property: Description("For USD invoices: the tax in yen at the stated rate.")] MoneyAmount? TaxInYen,
    [property: Description("For USD invoices: the JPY per USD rate the tax in yen uses.")] string? UsdToJpy,
    [property: Description("The invoice a credit note reduces.")] Guid? CreditsInvoiceId,
    [property: Description("The voided invoice this one re-issues.")] Guid? ReplacesInvoiceId,
    IReadOnlyList<ApiInvoiceLine> Lines);

public sealed record ApiInvoiceLine(
    int Position,
    [property: Description("The AWS account; empty for project-level fees and adjustments.")] string AccountNumber,
    string AccountName,
    [property: Description("usage, discount, fee, credit or tax.")] string Category,
    [property: Description("The name of a custom fee or adjustment in the invoice's language; null for AWS lines.")] string? Name,
    MoneyAmount Amount);

[Description("A notice of the portal operator, in Japanese and English (Markdown bodies).")]
public sealed record ApiNotice(
    Guid Id,
    [property: Description("members, support, invoice or others.")] string Category,
    bool Important, string TitleJa, string TitleEn, string BodyJa, string BodyEn,
    DateTimeOffset PublishAt, DateTimeOffset? ExpireAt);

[Description("An inquiry of the organization, without its messages.")]
public sealed record ApiInquirySummary(
    Guid Id, string Subject,
    [property: Description("technical, billing, newAccount, transferIn, nameChange, cancellation, projectApplication or other.")] string Category,
    [property: Description("new, inProgress, waitingForCustomer, resolved or closed.")] string Status,
    [property: Description("The display name of the member who opened it.")] string? CreatedBy,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

[Description("An inquiry with its thread (staff's internal notes are never included).")]
public sealed record ApiInquiry(
    Guid Id, string Subject, string Category, string Status, string? CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    [property: Description("The AWS accounts the inquiry is about.")] IReadOnlyList<ApiInquiryAccount> Accounts,
    [property: Description("The messages, oldest first.")] IReadOnlyList<ApiInquiryMessage> Messages);

public sealed record ApiInquiryAccount(Guid Id, string AccountNumber, string Name);

public sealed record ApiInquiryMessage(
    Guid Id,
    [property: Description("The author's display name.")] string? Author,
    [property: Description("True for the support team's answers.")] bool FromStaff,
    [property: Description("Markdown.")] string Body,
    DateTimeOffset CreatedAt,
    [property: Description("Attachments (names and sizes; download them in the portal).")] IReadOnlyList<ApiAttachment> Attachments);

public sealed record ApiAttachment(string FileName, long Size);

[Description("A new inquiry. Attachments cannot be sent over the API: attach files in the portal.")]
public sealed record ApiNewInquiry(
    [property: Description("Optional id chosen by the client (a UUID): sending the same id again returns the inquiry already opened instead of opening a second one.")] Guid? Id,
    [property: Description("technical, billing, newAccount, transferIn, nameChange, cancellation, projectApplication or other.")] string? Category,
    [property: Description("Up to 200 characters.")] string? Subject,
    [property: Description("Markdown.")] string? Body,
    [property: Description("Ids of AWS accounts of the organization the inquiry is about (needs AccountViewer).")] IReadOnlyList<Guid>? AccountIds);

[Description("A reply to an inquiry. Attachments cannot be sent over the API.")]
public sealed record ApiNewMessage(
    [property: Description("Optional id chosen by the client (a UUID): sending the same id again adds nothing.")] Guid? Id,
    [property: Description("Markdown.")] string? Body);
