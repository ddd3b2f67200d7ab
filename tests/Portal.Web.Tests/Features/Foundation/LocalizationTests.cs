using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Portal.Web.Tests.Features.Charges;

namespace Portal.Web.Tests.Features.Foundation;

/// <summary>
/// Every UI string exists in Japanese and English: the two resource files hold the same keys, every key the code asks
/// for exists, no key is left unused, and Razor markup carries no hard-coded words outside <c>@T[...]</c>.
/// These read the source tree (like a linter) because a missing key only shows at run time, as the key itself.
/// </summary>
public sealed partial class LocalizationTests
{
    /// <summary>Words that are the same in both languages (units, formats, protocol and product names).</summary>
    private static readonly HashSet<string> TechnicalTokens = new(StringComparer.Ordinal)
    {
        "AWS", "CSV", "PDF", "JST", "MB", "KB", "ID", "MFA", "TO", "CC", "API", "URL", "JSON", "YYYY", "MM", "DD", "mpk", "TOTP", "QR", "UTC", "USD", "JPY",
    };

    private static readonly string WebRoot = Path.Combine(SharedData.RepositoryRoot(), "src", "Portal.Web");

    [Fact]
    public void ResourceFiles_JapaneseAndEnglish_HoldTheSameKeys()
    {
        var ja = Keys("ja");
        var en = Keys("en");

        Assert.Empty(ja.Except(en).Order());
        Assert.Empty(en.Except(ja).Order());
        // English addresses nobody with an honorific after a company name; every other text exists in both.
        var empty = ResourceValues("ja").Concat(ResourceValues("en").Where(v => v.Key != "InvoicePdf.Honorific")).Where(v => string.IsNullOrWhiteSpace(v.Value));
        Assert.Empty(empty);
    }

    [Fact]
    public void KeysAskedForInCode_ExistInBothLanguages()
    {
        var ja = Keys("ja");
        var en = Keys("en");
        var sources = SourceFiles().ToList();

        var asked = sources.SelectMany(f => DirectKey().Matches(f.Text).Select(m => (f.Path, Key: m.Groups["key"].Value)))
            .Where(a => !a.Key.EndsWith('.'))
            .ToList();
        Assert.True(asked.Count > 500, $"only {asked.Count} localizer calls were found: the scan no longer matches the code");
        var missing = asked.Where(a => !ja.Contains(a.Key) || !en.Contains(a.Key)).Select(a => $"{a.Path}: {a.Key}").Distinct().Order();
        Assert.True(!missing.Any(), string.Join("\n", missing));

        // A key built from a prefix ("Permission." + value) must have at least one key under that prefix.
        var prefixes = sources.SelectMany(f => PrefixLiteral().Matches(f.Text).Select(m => (f.Path, Prefix: m.Groups["prefix"].Value)));
        var orphanPrefixes = prefixes.Where(p => !ja.Any(k => k.StartsWith(p.Prefix, StringComparison.Ordinal))).Select(p => $"{p.Path}: {p.Prefix}").Distinct().Order();
        Assert.True(!orphanPrefixes.Any(), string.Join("\n", orphanPrefixes));
        // So must a key built by interpolation ($"Mail.{key}.Subject", $"Faq.{Slug}.Q").
        var orphanPatterns = sources.SelectMany(f => InterpolatedKey().Matches(f.Text).Select(m => (f.Path, Pattern: InterpolationToPattern(m.Groups["body"].Value))))
            .Where(p => !ja.Any(p.Pattern.IsMatch)).Select(p => $"{p.Path}: {p.Pattern}").Distinct().Order();
        Assert.True(!orphanPatterns.Any(), string.Join("\n", orphanPatterns));
    }

    [Fact]
    public void EveryResourceKey_IsUsedSomewhere()
    {
        var sources = SourceFiles().Select(f => f.Text).ToList();
        var literals = sources.SelectMany(s => KeyLiteral().Matches(s).Select(m => m.Value)).ToHashSet(StringComparer.Ordinal);
        var prefixes = sources.SelectMany(s => PrefixLiteral().Matches(s).Select(m => m.Groups["prefix"].Value)).ToHashSet(StringComparer.Ordinal);
        // key + ".Subject": the suffix is a literal of its own.
        var suffixes = sources.SelectMany(s => SuffixLiteral().Matches(s).Select(m => m.Groups["suffix"].Value)).ToHashSet(StringComparer.Ordinal);
        // $"Faq.{Slug}.Q": an interpolated key is a pattern.
        var patterns = sources.SelectMany(s => InterpolatedKey().Matches(s).Select(m => InterpolationToPattern(m.Groups["body"].Value))).ToList();

        bool Used(string key) =>
            literals.Contains(key)
            || prefixes.Any(p => key.StartsWith(p, StringComparison.Ordinal) && !key[p.Length..].Contains('.', StringComparison.Ordinal))
            || suffixes.Any(s => key.EndsWith(s, StringComparison.Ordinal) && literals.Contains(key[..^s.Length]))
            || patterns.Any(p => p.IsMatch(key));

        var unused = Keys("ja").Where(k => !Used(k)).Order().ToList();
        Assert.True(unused.Count == 0, "unused keys:\n" + string.Join("\n", unused));
    }

    [Fact]
    public void RazorMarkup_HasNoHardCodedText()
    {
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(WebRoot, "Features"), "*.cshtml", SearchOption.AllDirectories))
        {
            var markup = ScriptOrStyle().Replace(RazorMarkup.StripCode(File.ReadAllText(file)), " ");
            var name = Path.GetRelativePath(WebRoot, file);
            foreach (Match tag in Tag().Matches(markup))
            {
                foreach (Match attribute in TextAttribute().Matches(tag.Value))
                {
                    if (HasWords(attribute.Groups["value"].Value))
                    {
                        found.Add($"{name}: {attribute.Value}");
                    }
                }
            }
            foreach (var text in Tag().Split(markup))
            {
                if (HasWords(text))
                {
                    found.Add($"{name}: text \"{text.Trim()}\"");
                }
            }
        }

        Assert.True(found.Count == 0, "hard-coded text:\n" + string.Join("\n", found));
    }

    [Theory]
    [InlineData("<p>Hello</p>", true)]
    [InlineData("<p>@T[\"Home.Title\"]</p>", false)]
    [InlineData("<input placeholder=\"Search\" />", true)]
    [InlineData("<input placeholder=\"@T[\"X.Y\"]\" />", false)]
    [InlineData("<nav aria-label=\"breadcrumb\"></nav>", true)]
    [InlineData("@if (Model.X) { <span>@Model.Name</span> } else { <span>(JST)</span> }", false)]
    [InlineData("@foreach (var x in Enum.GetValues<Foo>()) { <option value=\"@x\">@T[\"Foo.\" + x]</option> }", false)]
    [InlineData("<td>保存</td>", true)]
    [InlineData("@{ var x = \"Hello there\"; }<b>@x</b>", false)]
    [InlineData("@* a comment with words *@<i>PDF</i>", false)]
    public void Scanner_FindsTextOutsideLocalizerCalls(string markup, bool hasText)
    {
        var stripped = RazorMarkup.StripCode(markup);
        var words = Tag().Split(stripped).Any(HasWords)
            || Tag().Matches(stripped).SelectMany(t => TextAttribute().Matches(t.Value)).Any(a => HasWords(a.Groups["value"].Value));
        Assert.Equal(hasText, words);
    }

    private static bool HasWords(string text) =>
        Word().Matches(text).Any(w => !TechnicalTokens.Contains(w.Value)) || Japanese().IsMatch(text);

    private static Regex InterpolationToPattern(string body) =>
        new("^" + string.Concat(InterpolationHole().Split(body).Select((part, i) => i % 2 == 0 ? Regex.Escape(part) : "[A-Za-z0-9_-]+")) + "$");

    private static HashSet<string> Keys(string language) => ResourceValues(language).Select(v => v.Key).ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<KeyValuePair<string, string>> ResourceValues(string language) =>
        XDocument.Load(Path.Combine(WebRoot, "Resources", $"SharedResource.{language}.resx")).Root!.Elements("data")
            .Select(d => KeyValuePair.Create((string)d.Attribute("name")!, (string?)d.Element("value") ?? ""));

    private static IEnumerable<(string Path, string Text)> SourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(SharedData.RepositoryRoot(), "src"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (Path.GetRelativePath(SharedData.RepositoryRoot(), f), File.ReadAllText(f)));

    /// <summary><c>T["Key"</c>, <c>t["Key"</c> and the invoice PDF's <c>label("Key")</c>.</summary>
    [GeneratedRegex("""(?:\b[Tt]\[|\blabel\()"(?<key>[A-Za-z][\w.\-]*)"(?=\s*[\],)])""")]
    private static partial Regex DirectKey();

    /// <summary>A key-like literal: "Area.Name" (at least one dot), in C# or inside Razor attributes.</summary>
    [GeneratedRegex("""(?<=")[A-Za-z][\w\-]*(?:\.[\w\-]+)+(?=")""")]
    private static partial Regex KeyLiteral();

    /// <summary>"Permission." + value.</summary>
    [GeneratedRegex("""(?<=\[|\(|\s|=)"(?<prefix>[A-Z][\w]*(?:\.[\w\-]+)*\.)"\s*\+""")]
    private static partial Regex PrefixLiteral();

    /// <summary>key + ".Subject".</summary>
    [GeneratedRegex("""\+\s*"(?<suffix>\.[A-Z]\w*)"\s*[\],)]""")]
    private static partial Regex SuffixLiteral();

    [GeneratedRegex("""\$"(?<body>[A-Z]\w*\.(?:[\w.\-]|\{[^}"]+\})*\{[^}"]+\}(?:[\w.\-]|\{[^}"]+\})*)"(?=[\];)\s,])""")]
    private static partial Regex InterpolatedKey();

    [GeneratedRegex(@"(\{[^}]+\})")]
    private static partial Regex InterpolationHole();

    [GeneratedRegex("<[A-Za-z/!][^<>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex("""\b(?:placeholder|title|aria-label|alt|data-confirm|aria-description|aria-placeholder)="(?<value>[^"]*)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex TextAttribute();

    [GeneratedRegex("<(script|style)\\b.*?</\\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex("[A-Za-z]{2,}")]
    private static partial Regex Word();

    [GeneratedRegex(@"[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]")]
    private static partial Regex Japanese();
}

/// <summary>
/// Turns a Razor file into its markup alone: comments, directives, <c>@expr</c>, <c>@(…)</c>, <c>@{…}</c> and the
/// C# heads of <c>@if/@foreach/…</c> blocks become spaces, so that what is left is text the user reads.
/// </summary>
internal static class RazorMarkup
{
    private static readonly string[] BlockKeywords = ["if", "foreach", "for", "while", "switch", "using", "lock", "section", "functions", "else", "do", "try", "catch", "finally"];
    private static readonly string[] Directives = ["page", "model", "using", "inject", "addTagHelper", "removeTagHelper", "layout", "inherits", "namespace", "implements", "attribute"];

    private static readonly string[] Statements = ["var", "case", "default", "break", "continue", "return"];

    public static string StripCode(string razor)
    {
        var text = new StringBuilder(razor.Length);
        var i = 0;
        while (i < razor.Length)
        {
            var c = razor[i];
            if (c == '@' && i + 1 < razor.Length)
            {
                var next = razor[i + 1];
                if (next == '*')
                {
                    var end = razor.IndexOf("*@", i + 2, StringComparison.Ordinal);
                    i = end < 0 ? razor.Length : end + 2;
                    text.Append(' ');
                    continue;
                }
                if (next == '@')
                {
                    i += 2;
                    continue;
                }
                if (next is '(' or '{')
                {
                    i = SkipBalanced(razor, i + 1);
                    text.Append(' ');
                    continue;
                }
                var word = ReadIdentifier(razor, i + 1);
                if (Directives.Contains(word))
                {
                    var end = razor.IndexOf('\n', i);
                    i = end < 0 ? razor.Length : end;
                    continue;
                }
                if (BlockKeywords.Contains(word))
                {
                    i = SkipBlockHead(razor, i + 1);
                    text.Append(' ');
                    continue;
                }
                if (word.Length > 0)
                {
                    i = SkipImplicitExpression(razor, i + 1);
                    text.Append(' ');
                    continue;
                }
            }
            // Inside a code block, C# statements start lines without an "@": if/foreach heads, var, case, break.
            if (AtLineStart(razor, i) && ReadIdentifier(razor, i) is { Length: > 0 } statement)
            {
                if (BlockKeywords.Contains(statement))
                {
                    i = SkipBlockHead(razor, i);
                    text.Append(' ');
                    continue;
                }
                if (Statements.Contains(statement) && i + statement.Length < razor.Length && !char.IsLetterOrDigit(razor[i + statement.Length]))
                {
                    i = SkipStatement(razor, i, statement is "case" or "default" ? ':' : ';');
                    text.Append(' ');
                    continue;
                }
            }
            // The closing brace of a code block and a following "else { … }" / "else if (…) {" are C#, not text.
            if (c == '}')
            {
                i++;
                var rest = i;
                while (rest < razor.Length && char.IsWhiteSpace(razor[rest]))
                {
                    rest++;
                }
                if (ReadIdentifier(razor, rest) is "else" or "catch" or "finally")
                {
                    i = SkipBlockHead(razor, rest);
                }
                text.Append(' ');
                continue;
            }
            if (c == '{')
            {
                i++;
                text.Append(' ');
                continue;
            }
            text.Append(c);
            i++;
        }
        return text.ToString();
    }

    private static bool AtLineStart(string s, int i)
    {
        var j = i - 1;
        while (j >= 0 && s[j] is ' ' or '\t')
        {
            j--;
        }
        return j < 0 || s[j] is '\n' or '{' or '}' or ';';
    }

    private static int SkipStatement(string s, int start, char end)
    {
        var i = start;
        while (i < s.Length && s[i] != end)
        {
            i = s[i] is '(' or '"' or '[' or '{' ? SkipBalanced(s, i) : i + 1;
        }
        return Math.Min(i + 1, s.Length);
    }

    private static string ReadIdentifier(string s, int start)
    {
        var end = start;
        while (end < s.Length && (char.IsLetterOrDigit(s[end]) || s[end] == '_'))
        {
            end++;
        }
        return s[start..end];
    }

    /// <summary>Skips "if (…) {", "else {", "foreach (…) {", "section Name {", up to and including the brace.</summary>
    private static int SkipBlockHead(string s, int start)
    {
        var i = start;
        while (i < s.Length && s[i] != '{')
        {
            i = s[i] is '(' or '"' ? SkipBalanced(s, i) : i + 1;
        }
        return Math.Min(i + 1, s.Length);
    }

    /// <summary>@Model.Name, @T["Key", arg], @row.Items[0].Name, @Html.Raw(x), @await Html.PartialAsync(…).</summary>
    private static int SkipImplicitExpression(string s, int start)
    {
        var i = start;
        if (ReadIdentifier(s, i) == "await")
        {
            i += "await".Length;
            while (i < s.Length && s[i] == ' ')
            {
                i++;
            }
        }
        while (i < s.Length)
        {
            var word = ReadIdentifier(s, i);
            i += word.Length;
            while (i < s.Length && s[i] is '(' or '[')
            {
                i = SkipBalanced(s, i);
            }
            if (i + 1 < s.Length && s[i] == '.' && (char.IsLetter(s[i + 1]) || s[i + 1] == '_'))
            {
                i++;
                continue;
            }
            if (i + 2 < s.Length && s[i] == '?' && s[i + 1] == '.' && char.IsLetter(s[i + 2]))
            {
                i += 2;
                continue;
            }
            // Generic calls such as @Html.Partial<T>(…) are rare in this code base; stop at anything else.
            break;
        }
        return i;
    }

    /// <summary>From an opening ( [ { or ", past its match, skipping C# strings and chars.</summary>
    private static int SkipBalanced(string s, int start)
    {
        var depth = 0;
        var i = start;
        while (i < s.Length)
        {
            var c = s[i];
            if (c == '"')
            {
                // A verbatim or interpolated string still ends at an unescaped quote for our purposes.
                i++;
                while (i < s.Length && s[i] != '"')
                {
                    i += s[i] == '\\' ? 2 : 1;
                }
                i++;
                if (depth == 0)
                {
                    return i;
                }
                continue;
            }
            if (c == '\'' && i + 2 < s.Length && (s[i + 2] == '\'' || s[i + 1] == '\\'))
            {
                i = s.IndexOf('\'', i + 2) + 1;
                continue;
            }
            if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                depth--;
                if (depth == 0)
                {
                    return i + 1;
                }
            }
            i++;
        }
        return i;
    }
}
