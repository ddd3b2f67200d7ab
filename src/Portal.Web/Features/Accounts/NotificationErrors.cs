using Microsoft.Extensions.Localization;
using Portal.Core.Projects;
using Portal.Web.Resources;

namespace Portal.Web.Features.Accounts;

/// <summary>Turns a refused notification form into a sentence that names the list and the address concerned.</summary>
public static class NotificationErrors
{
    public static string Describe(NotificationProblem problem, IStringLocalizer<SharedResource> t) => problem switch
    {
        { Field: UpdateNotificationSettings.FieldAccounts, AccountNumber: { } number } => t["Accounts.BulkCancelled", number],
        { Field: UpdateNotificationSettings.FieldAccounts } => t["Accounts.BulkNoneSelected"],
        { Field: UpdateNotificationSettings.FieldPhone } => t["Accounts.InvalidPhone"],
        { Field: UpdateNotificationSettings.FieldLanguage } => t["Accounts.InvalidLanguage"],
        { Error: AddressListError.TooMany } => t["Addresses.TooMany", ListName(problem.Field, t), AddressList.MaxPerList],
        { Error: AddressListError.Duplicate } => t["Addresses.Duplicate", problem.Address ?? ""],
        _ => t["Addresses.InvalidIn", problem.Address ?? "", ListName(problem.Field, t)],
    };

    private static string ListName(string field, IStringLocalizer<SharedResource> t)
    {
        var topic = field[..^2];
        return $"{t["NotificationTopic." + topic]} {field[^2..].ToUpperInvariant()}";
    }
}
