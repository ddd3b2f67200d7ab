using System.Globalization;
using AngleSharp.Html.Parser;
using CsCheck;
using Portal.Billing.Invoicing;
using Portal.Core.Projects;
using Portal.Web.Features.Charges;
using Portal.Web.Features.Helpdesk;
using Portal.Web.Features.Invitations;
using Portal.Web.Features.Projects;
using Portal.Web.Features.Staff.Charges;
using Portal.Web.Tests.Features.Projects;

namespace Portal.Web.Tests.Features.Hardening;

/// <summary>
/// Property tests of the validators and parsers users reach with their own text: AWS account ids, registration numbers,
/// mail address lists, months, CSV fields and Markdown. Generated input leans on the tricky characters (digits from
/// other scripts, line breaks, bidi overrides, zero-width and control characters, lone surrogates, emoji).
/// </summary>
public sealed class ValidatorPropertyTests
{
    /// <summary>Characters that look harmless, or like digits, but are not: the generators mix them into ordinary text.</summary>
    private const string Tricky = "\n\r\t \u00a0\u3000\u200b\u200d\u202e\u2066\ufeff\0\u0660\uff11\ud800\udfff<>\"'&=+-@,;:.😀";

    private static readonly Gen<string> TrickyText = Gen.String[Gen.OneOf(Gen.Char["0123456789abcT@.-_ "], Gen.Char[Tricky]), 0, 30];

    [Fact]
    public void AwsAccountNumber_IsValidExactlyForTwelveAsciiDigits()
    {
        var candidates = Gen.OneOf(TrickyText, Gen.String[Gen.Char['0', '9'], 12, 12].Select(Gen.OneOf("", "\n", " ", "\r\n", "\u200b"), (d, tail) => d + tail));
        candidates.Sample(text =>
            Assert.Equal(text.Length == 12 && text.All(char.IsAsciiDigit), AwsAccount.IsValidNumber(text)), iter: 5_000);
    }

    [Fact]
    public void RegistrationNumber_AcceptsEveryCheckDigitCorrectNumberAndRejectsAnyOneDigitChange()
    {
        Gen.Long[0, 999_999_999_999L].Select(Gen.Int[1, 13], Gen.Int[1, 9], (body, position, delta) => (body, position, delta)).Sample(t =>
        {
            var valid = WithCheckDigit(t.body);
            Assert.True(RegistrationNumber.IsValid(valid), valid);
            Assert.True(RegistrationNumber.IsValid(RegistrationNumber.Normalize("t " + valid[1..5] + "-" + valid[5..] + "　")), "typed with spaces and hyphens: " + valid);
            var digits = valid.ToCharArray();
            var old = digits[t.position] - '0';
            var changed = (old + t.delta) % 10;
            digits[t.position] = (char)('0' + changed);
            // A check digit modulo 9 cannot tell 0 from 9 (the scheme's own limit): every other one-digit change is caught.
            Assert.True(Math.Abs(changed - old) == 9 || !RegistrationNumber.IsValid(new string(digits)), $"{valid} with digit {t.position} changed");
        }, iter: 5_000);
    }

    [Fact]
    public void RegistrationNumber_NeverAcceptsOrThrowsOnOtherText() =>
        Gen.OneOf(TrickyText, Gen.String[Gen.Char["T0123456789٠１"], 13, 15]).Sample(text =>
        {
            var normalized = RegistrationNumber.Normalize(text);
            if (RegistrationNumber.IsValid(normalized))
            {
                Assert.Matches("^T[0-9]{13}\\z", normalized);
            }
            Assert.False(RegistrationNumber.IsValid(text) && !System.Text.RegularExpressions.Regex.IsMatch(text, "^T[0-9]{13}\\z"), text);
        }, iter: 5_000);

    [Fact]
    public void AddressLists_ParseIntoTrimmedEntries_AndAcceptOnlyPlainAddresses()
    {
        var address = Gen.Select(TrickyText, Gen.OneOf("@", "@@", ""), TrickyText, Gen.OneOf(".example", ".jp", "", "\n"), (l, at, d, tld) => l + at + d + tld);
        Gen.OneOf(address, Gen.Const("a@b.example")).List[0, 8].Select(Gen.OneOf("\n", ",", ";", "\r\n", " , "), (list, separator) => string.Join(separator, list)).Sample(text =>
        {
            foreach (var entry in AddressList.Parse(text))
            {
                Assert.Equal(entry.Trim(), entry);
                Assert.NotEqual("", entry);
                Assert.DoesNotContain(entry, c => c is '\n' or '\r' or ',' or ';');
                if (AddressList.IsValid(entry))
                {
                    AssertPlainAddress(entry);
                }
                if (InviteMember.IsValidEmail(entry))
                {
                    AssertPlainAddress(entry);
                }
            }
        }, iter: 3_000);
    }

    [Fact]
    public void Months_ParseExactlyTheirOwnKey()
    {
        Gen.DateOnly.Sample(day =>
        {
            var first = new DateOnly(day.Year, day.Month, 1);
            Assert.Equal(first, ChargeFormat.ParseMonth(ChargeFormat.MonthKey(first)));
            Assert.Equal(first, FormValues.ParseMonth(" " + FormValues.MonthText(first) + " "));
        }, iter: 2_000);
        Gen.OneOf(TrickyText, Gen.String[Gen.Char["0123456789-"], 6, 8]).Sample(text =>
        {
            if (ChargeFormat.ParseMonth(text) is { } month)
            {
                Assert.Equal(text, ChargeFormat.MonthKey(month));
            }
            if (FormValues.ParseMonth(text) is { } typed)
            {
                Assert.Equal(text.Trim(), FormValues.MonthText(typed));
            }
        }, iter: 5_000);
    }

    [Fact]
    public void CsvFields_ReadBackAsWritten_AndNeverStartAFormula()
    {
        TrickyText.Array[1, 6].Sample(fields =>
        {
            var row = string.Join(',', fields.Select(Csv.Escape));
            // Read back as a spreadsheet would: the project export test's RFC 4180 reader, one line.
            var read = ProjectPagesTests.ParseCsv(row + "\n").Single();
            Assert.Equal(fields.Length, read.Length);
            for (var i = 0; i < fields.Length; i++)
            {
                var expected = fields[i].Length > 0 && "=+-@\t\r".Contains(fields[i][0], StringComparison.Ordinal) ? "'" + fields[i] : fields[i];
                Assert.Equal(expected, read[i]);
                Assert.False(read[i].Length > 0 && "=+-@\t\r".Contains(read[i][0], StringComparison.Ordinal), "a field starts a formula: " + read[i]);
            }
        }, iter: 3_000);
    }

    [Fact]
    public void Markdown_NoScriptSurvivesRendering()
    {
        string[] attacks =
        [
            "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](data:text/html,<script>alert(1)</script>)",
            "<a href=\"javascript:alert(1)\">x</a>", "![x](javascript:alert(1))", "<svg onload=alert(1)>", "[x](vbscript:msgbox)", "<iframe src=//evil.example>",
            "`<script>`", "<style>body{}</style>", "[x](  javascript:alert(1))", "[x](java\tscript:alert(1))", "<<script>script>", "<a href='&#106;avascript:alert(1)'>x</a>",
            "[x](&#106;avascript:alert(1))", "http://example.com/\"onmouseover=\"alert(1)", "| a |\n|---|\n| <script> |", "***", "\n", "\u202e", "😀",
        ];
        var renderer = new MarkdownRenderer();
        var parser = new HtmlParser();
        Gen.OneOf(Gen.OneOf(attacks), TrickyText).Array[1, 8].Sample(parts =>
        {
            var html = renderer.Render(string.Concat(parts)).ToString()!;
            var document = parser.ParseDocument("<body>" + html + "</body>");
            Assert.Empty(document.QuerySelectorAll("script, iframe, object, embed, style, svg, img, form"));
            foreach (var element in document.Body!.QuerySelectorAll("*"))
            {
                foreach (var attribute in element.Attributes)
                {
                    Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{attribute.Name} in {html}");
                    if (attribute.Name is "href" or "src")
                    {
                        var value = new string(attribute.Value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());
                        var scheme = System.Text.RegularExpressions.Regex.Match(value, "^([a-zA-Z][a-zA-Z0-9+.-]*):");
                        Assert.True(!scheme.Success || scheme.Groups[1].Value.ToLowerInvariant() is "http" or "https" or "mailto",
                            $"{attribute.Name}=\"{attribute.Value}\" in {html}");
                    }
                }
            }
        }, iter: 2_000);
    }

    /// <summary>A plain address: no white space, control, format (bidi, zero-width) or lone surrogate characters.</summary>
    private static void AssertPlainAddress(string address)
    {
        Assert.Contains('@', address);
        Assert.True(address.Length <= 256);
        for (var i = 0; i < address.Length; i++)
        {
            var category = char.GetUnicodeCategory(address, i);
            Assert.False(char.IsWhiteSpace(address[i]) || category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate,
                $"accepted {Escape(address)}");
        }
    }

    private static string Escape(string text) =>
        string.Concat(text.Select(c => c is >= ' ' and < '\u007f' ? c.ToString() : $"\\u{(int)c:x4}"));

    private static string WithCheckDigit(long body)
    {
        var digits = body.ToString("D12", CultureInfo.InvariantCulture);
        var sum = 0;
        for (var n = 1; n <= 12; n++)
        {
            sum += (digits[12 - n] - '0') * (n % 2 == 1 ? 1 : 2);
        }
        return "T" + (9 - (sum % 9)).ToString(CultureInfo.InvariantCulture) + digits;
    }
}
