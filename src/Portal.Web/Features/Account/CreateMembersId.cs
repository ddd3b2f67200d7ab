using Microsoft.AspNetCore.Identity;
using Portal.Core.Identity;

namespace Portal.Web.Features.Account;

/// <summary>The result of creating an ID: the user, or the errors per field.</summary>
public sealed record CreateMembersIdOutcome(PortalUser? User, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool Succeeded => User is not null;
}

/// <summary>
/// The sign-up step that an accepted invitation runs: the email is fixed by the invitation, the person chooses his
/// name and password. There is no open sign-up (SPEC F1).
/// </summary>
public sealed class CreateMembersId(UserManager<PortalUser> users, TimeProvider clock)
{
    public async Task<CreateMembersIdOutcome> HandleAsync(string email, string displayName, string password, string language, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(displayName) || displayName.Trim().Length > 100)
        {
            errors["DisplayName"] = ["Enter your name (at most 100 characters)."];
        }
        var user = new PortalUser
        {
            Id = Guid.CreateVersion7(), UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName?.Trim() ?? "",
            Language = Languages.Normalize(language), CreatedAt = clock.GetUtcNow(),
        };
        if (errors.Count > 0)
        {
            return new CreateMembersIdOutcome(null, errors);
        }
        var result = await users.CreateAsync(user, password ?? "");
        if (!result.Succeeded)
        {
            errors["Password"] = result.Errors.Select(e => e.Description).ToArray();
            return new CreateMembersIdOutcome(null, errors);
        }
        return new CreateMembersIdOutcome(user, errors);
    }
}
