using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Identity;
using Portal.Web.Infrastructure;
using Portal.Web.Resources;

namespace Portal.Web.Features.Account;

/// <summary>What the sign-up form posts (rendered by <c>_SignUpFields.cshtml</c> under the prefix <c>SignUp</c>).</summary>
public sealed record SignUpInput
{
    public string? DisplayName { get; init; }

    public string? Password { get; init; }

    public string? ConfirmPassword { get; init; }
}

/// <summary>The model of <c>_SignUpFields.cshtml</c>: the fixed email, what was typed, and the errors per field.</summary>
public sealed record SignUpFieldsModel(string Email, SignUpInput? Input = null, IReadOnlyDictionary<string, IReadOnlyList<string>>? Errors = null)
{
    public const string Prefix = "SignUp";

    public IReadOnlyList<string> ErrorsFor(string field) =>
        Errors is not null && Errors.TryGetValue(field, out var messages) ? messages : [];
}

/// <summary>The result of a sign-up: the new user, or the errors per field (<c>DisplayName</c>, <c>Password</c>, <c>ConfirmPassword</c>, <c>Email</c>).</summary>
public sealed record CreateMembersIdOutcome(PortalUser? User, IReadOnlyDictionary<string, IReadOnlyList<string>> Errors)
{
    public bool Succeeded => User is not null;
}

/// <summary>
/// Creates a Members ID (SPEC F1). Called by the invitation acceptance page, which has already checked the invitation
/// and so fixes the email address; the address is therefore confirmed.
/// </summary>
public sealed class CreateMembersId(
    UserManager<PortalUser> users, PortalDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> t)
{
    public const int DisplayNameMaxLength = 100;

    /// <summary>Checks the confirmation too, for pages that render <c>_SignUpFields.cshtml</c>.</summary>
    public Task<CreateMembersIdOutcome> HandleAsync(string email, SignUpInput input, string language, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Password != input.ConfirmPassword && !string.IsNullOrEmpty(input.Password))
        {
            return Task.FromResult(Failed(new() { ["ConfirmPassword"] = [t["Password.Error.Mismatch"]] }));
        }
        return HandleAsync(email, input.DisplayName ?? "", input.Password ?? "", language, ct);
    }

    public async Task<CreateMembersIdOutcome> HandleAsync(string email, string displayName, string password, string language, CancellationToken ct)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }
            list.Add(message);
        }

        var name = (displayName ?? "").Trim();
        if (name.Length == 0)
        {
            Add("DisplayName", t["SignUp.Error.NameRequired"]);
        }
        else if (name.Length > DisplayNameMaxLength)
        {
            Add("DisplayName", t["SignUp.Error.NameTooLong", DisplayNameMaxLength]);
        }
        var normalizedEmail = users.NormalizeEmail(email);
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalizedEmail, ct))
        {
            Add("Email", t["SignUp.Error.EmailTaken"]);
        }
        var user = new PortalUser
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name,
            Language = Languages.Normalize(language),
            CreatedAt = clock.GetUtcNow(),
        };
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            foreach (var error in result.Errors)
            {
                Add("Password", error.Description);
            }
        }
        if (errors.Count == 0)
        {
            var created = await users.CreateAsync(user, password);
            foreach (var error in created.Errors)
            {
                Add(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Password" : "Email", error.Description);
            }
        }
        if (errors.Count > 0)
        {
            return Failed(errors);
        }
        audit.Record("account.created", user.Id, user.Id.ToString());
        await db.SaveChangesAsync(ct);
        return new CreateMembersIdOutcome(user, new Dictionary<string, IReadOnlyList<string>>());
    }

    private static CreateMembersIdOutcome Failed(Dictionary<string, List<string>> errors) =>
        new(null, errors.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value));
}
