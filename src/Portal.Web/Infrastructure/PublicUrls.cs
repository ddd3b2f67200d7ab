namespace Portal.Web.Infrastructure;

/// <summary>
/// The public base URLs of the four entry points (SPEC "Public entry points"). One process serves all of them by
/// default; each can be moved to its own host name, and mails and links are built from these settings.
/// </summary>
public sealed class PublicUrls
{
    public const string Section = "PublicUrls";

    public string Portal { get; set; } = "http://localhost:5080";

    public string Api { get; set; } = "http://localhost:5080/api";

    public string Forms { get; set; } = "http://localhost:5080/forms";

    public string Id { get; set; } = "http://localhost:5080/id";

    /// <summary>An absolute portal link for mails.</summary>
    public string PortalLink(string path) => Portal.TrimEnd('/') + "/" + path.TrimStart('/');

    public string IdLink(string path) => Id.TrimEnd('/') + "/" + path.TrimStart('/');
}

/// <summary>Where people who cannot sign in get help (shown on the sign-in page).</summary>
public sealed class SupportOptions
{
    public const string Section = "Support";

    public string ContactEmail { get; set; } = "support@example.com";
}
