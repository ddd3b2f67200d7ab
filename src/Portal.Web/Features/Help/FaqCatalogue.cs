namespace Portal.Web.Features.Help;

/// <summary>A link from an answer to the screen concerned. <c>{org}</c> stands for the reader's current organization.</summary>
public sealed record FaqLink(string LabelKey, string Path);

/// <summary>One question of the FAQ; its question and answer texts are the resources <c>Faq.{Slug}.Q</c> and <c>.A</c>.</summary>
public sealed record FaqEntry(string Slug, IReadOnlyList<FaqLink> Links)
{
    public string QuestionKey => $"Faq.{Slug}.Q";

    public string AnswerKey => $"Faq.{Slug}.A";
}

/// <summary>
/// Every question of the real portal's FAQ (reference/faq-ja.txt), answered for this product, in the FAQ's order.
/// Answers may use {0} (the support address) and {1} (the host names a firewall must allow).
/// </summary>
public static class FaqCatalogue
{
    public static readonly IReadOnlyList<FaqEntry> All =
    [
        new("organizations", [new("Faq.Link.Organizations", "/orgs"), new("Faq.Link.Home", "{org}")]),
        new("projects", [new("Faq.Link.Projects", "{org}/projects")]),
        new("forgot-password", [new("Faq.Link.ForgotPassword", "/id/password/forgot")]),
        new("charges-lag", [new("Faq.Link.HelpCharges", "/help/charges"), new("Faq.Link.Accounts", "{org}/accounts")]),
        new("console-differs", [new("Faq.Link.Accounts", "{org}/accounts"), new("Faq.Link.HelpCharges", "/help/charges")]),
        new("charges-before-start", [new("Faq.Link.HelpCharges", "/help/charges"), new("Faq.Link.Accounts", "{org}/accounts")]),
        new("tax", [new("Faq.Link.HelpCharges", "/help/charges"), new("Faq.Link.Projects", "{org}/projects")]),
        new("custom-tags", [new("Faq.Link.CustomTags", "/help/custom-tags"), new("Faq.Link.Accounts", "{org}/accounts")]),
        new("custom-tags-setup", [new("Faq.Link.CustomTags", "/help/custom-tags")]),
        new("inquiry-signin", [new("Faq.Link.Inquiries", "{org}/inquiries"), new("Faq.Link.SignIn", "/signin")]),
        new("firewall", [new("Faq.Link.Home", "/")]),
        new("add-users", [new("Faq.Link.Invite", "{org}/invitations/new"), new("Faq.Link.Members", "{org}/members")]),
        new("change-email", [new("Faq.Link.Profile", "/id/profile"), new("Faq.Link.Invite", "{org}/invitations/new")]),
        new("permissions", [new("Faq.Link.Permissions", "/help/permissions"), new("Faq.Link.Members", "{org}/members")]),
        new("account-viewer", [new("Faq.Link.Permissions", "/help/permissions"), new("Faq.Link.Members", "{org}/members")]),
        new("access-denied", [new("Faq.Link.Permissions", "/help/permissions"), new("Faq.Link.Members", "{org}/members")]),
        new("password-rules", [new("Faq.Link.ChangePassword", "/id/password")]),
        new("shared-mailbox", [new("Faq.Link.Mfa", "/id/mfa"), new("Faq.Link.Profile", "/id/profile")]),
        new("delete-id", [new("Faq.Link.Members", "{org}/members"), new("Faq.Link.DeleteId", "/id/delete")]),
    ];

    public static FaqEntry? Find(string? slug) => All.FirstOrDefault(e => e.Slug == slug);

    /// <summary>The link's URL for a reader whose current organization is <paramref name="organizationId"/> (none: the organization list).</summary>
    public static string Resolve(FaqLink link, Guid? organizationId) =>
        link.Path.StartsWith("{org}", StringComparison.Ordinal)
            ? (organizationId is { } id ? $"/orgs/{id}" + link.Path["{org}".Length..] : "/orgs")
            : link.Path;
}
