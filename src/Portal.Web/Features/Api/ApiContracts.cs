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
