using System.Text.RegularExpressions;
using Portal.Web.Tests.Features.Charges;

namespace Portal.Web.Tests.Features.Foundation;

/// <summary>Every form whose button is styled as destructive (delete, remove, revoke, void, reset) asks before it posts.</summary>
public sealed partial class DestructiveActionTests
{
    /// <summary>Pages that are themselves the confirmation step (password and an explicit check) or a decision with a required reason.</summary>
    private static readonly HashSet<string> ConfirmationPages = new(StringComparer.Ordinal)
    {
        "Account/MfaDisable.cshtml", "Account/DeleteAccount.cshtml", "Staff/Projects/Application.cshtml",
    };

    [Fact]
    public void DestructiveForms_CarryDataConfirm()
    {
        var features = Path.Combine(SharedData.RepositoryRoot(), "src", "Portal.Web", "Features");
        var files = Directory.EnumerateFiles(features, "*.cshtml", SearchOption.AllDirectories).ToList();
        var unconfirmed = new List<string>();
        var checkedForms = 0;
        foreach (var file in files)
        {
            var name = Path.GetRelativePath(features, file).Replace('\\', '/');
            foreach (Match form in Form().Matches(File.ReadAllText(file)))
            {
                if (!DangerButton().IsMatch(form.Groups["body"].Value))
                {
                    continue;
                }
                checkedForms++;
                if (!form.Groups["open"].Value.Contains("data-confirm=", StringComparison.Ordinal) && !ConfirmationPages.Contains(name))
                {
                    unconfirmed.Add($"{name}: {form.Groups["open"].Value}");
                }
            }
        }

        Assert.True(checkedForms >= 8, $"only {checkedForms} destructive forms were found: the scan no longer matches the markup");
        Assert.True(unconfirmed.Count == 0, "destructive forms without data-confirm:\n" + string.Join("\n", unconfirmed));
    }

    [GeneratedRegex("(?<open><form\\b[^>]*>)(?<body>.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex Form();

    [GeneratedRegex("<button[^>]*\\bbtn-(?:outline-)?danger\\b")]
    private static partial Regex DangerButton();
}
