using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Billing.Rating;
using Portal.Core.Charges;
using Portal.Core.Organizations;
using Portal.Core.Projects;
using Portal.Web.Infrastructure.Jobs;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Staff;

/// <summary>
/// Staff rating rules and exchange rates driven through their forms; each change runs the recompute job and the
/// customer's account charges page shows the new amounts. Rules are scoped to the test's own account and rates to a
/// month no other test uses, because both are global; every test that adds rules lives in this class, so that they
/// run one after the other and the rule order is theirs.
/// </summary>
public sealed partial class RatingConsoleTests(PortalApps apps)
{
    private static readonly DateOnly RulesMonth = new(2025, 7, 1);
    private static readonly DateOnly RateMonth = new(2025, 6, 1);

    [Theory, BothDatabases]
    public async Task Staff_CreatesEditsReordersAndDeletesRules_ChargesFollowAndEachChangeIsAudited(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (world, account, payer) = await CustomerWithFactsAsync(app, Currency.Usd, RulesMonth, 100m);
        var (staff, client) = await app.SignedInStaffAsync();
        using var _ = client;
        Assert.Equal("$100.00", await TotalAsync(app, world, account, RulesMonth));

        using var created = await client.SubmitFormAsync("/staff/rating-rules/edit", Rule("Adjustment", "Account", account.AccountNumber, percent: "-10"), "[data-testid=rule-form]");
        await RecomputeAsync(app, payer);
        var afterCreate = await TotalAsync(app, world, account, RulesMonth);

        var ruleId = await app.WithDbAsync(c => c.RatingRules.Where(r => r.ScopeValue == account.AccountNumber).Select(r => r.Id).SingleAsync());
        using var edited = await client.SubmitFormAsync($"/staff/rating-rules/edit/{ruleId}", new Dictionary<string, string> { ["Percent"] = "-20" }, "[data-testid=rule-form]");
        await RecomputeAsync(app, payer);
        var afterEdit = await TotalAsync(app, world, account, RulesMonth);

        // A +50 % markup on EC2 for the same account, added last, loses to the discount (first match wins) until moved up.
        using var markup = await client.SubmitFormAsync("/staff/rating-rules/edit", Rule("Adjustment", "Account", account.AccountNumber, percent: "50"), "[data-testid=rule-form]");
        await RecomputeAsync(app, payer);
        var withMarkupLast = await TotalAsync(app, world, account, RulesMonth);
        var markupId = await app.WithDbAsync(c => c.RatingRules.Where(r => r.ScopeValue == account.AccountNumber && r.Percent == 50m).Select(r => r.Id).SingleAsync());
        var list = await client.GetDocumentAsync("/staff/rating-rules");
        using var moved = await client.SubmitFormAsync(list, "/staff/rating-rules", new Dictionary<string, string>(), $"tr[data-rule-id='{markupId}'] form[data-testid=move-up]");
        await RecomputeAsync(app, payer);
        var withMarkupFirst = await TotalAsync(app, world, account, RulesMonth);

        var listed = await client.GetDocumentAsync("/staff/rating-rules");
        var order = listed.QuerySelectorAll("[data-testid=rules-table] tbody tr").Select(r => r.GetAttribute("data-rule-id")).ToList();
        Assert.True(order.IndexOf(markupId.ToString()) < order.IndexOf(ruleId.ToString()), "the moved rule is listed first");
        foreach (var id in new[] { markupId, ruleId })
        {
            var page = await client.GetDocumentAsync("/staff/rating-rules");
            using var deleted = await client.SubmitFormAsync(page, "/staff/rating-rules", new Dictionary<string, string>(), $"tr[data-rule-id='{id}'] form[data-testid=delete]");
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        }
        await RecomputeAsync(app, payer);
        var afterDelete = await TotalAsync(app, world, account, RulesMonth);

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal("$90.00", afterCreate);
        Assert.Equal("$80.00", afterEdit);
        Assert.Equal("$80.00", withMarkupLast);
        Assert.Equal("$150.00", withMarkupFirst);
        Assert.Equal("$100.00", afterDelete);
        var events = await app.WithDbAsync(c => c.AuditEvents.Where(e => e.ActorId == staff.Id).Select(e => e.Event).ToListAsync());
        Assert.Equal(2, events.Count(e => e == "rating-rule.created"));
        Assert.Equal(1, events.Count(e => e == "rating-rule.updated"));
        Assert.Equal(1, events.Count(e => e == "rating-rule.moved"));
        Assert.Equal(2, events.Count(e => e == "rating-rule.deleted"));
    }

    [Theory, BothDatabases]
    public async Task Staff_CreatesEveryKindOfRule_ListShowsThemInOrder(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("rulekinds");
        var (_, client) = await app.SignedInStaffAsync();
        using var _ = client;
        var org = await app.WithDbAsync(c => c.Organizations.Where(o => o.Id == world.OrgId).Select(o => o.Code).SingleAsync());
        var forms = new[]
        {
            Rule("Adjustment", "Organization", org, percent: "-3.5"),
            Rule("Adjustment", "Project", world.ProjectId.ToString(), percent: "2"),
            Set(Rule("Treatment", "Account", world.AccountNumber), ("LineItemType", "Credit"), ("Treatment", "Retain")),
            Rule("ReRateCommitments", "Account", world.AccountNumber),
            Set(Rule("FlatFee", "Project", world.ProjectId.ToString()), ("Amount", "5000"), ("AmountCurrency", "Jpy"), ("NameJa", "運用サービス"), ("NameEn", "Operations service")),
            Set(Rule("PercentageFee", "Account", world.AccountNumber, percent: "10"), ("NameJa", "サポート"), ("NameEn", "Support")),
        };

        foreach (var form in forms)
        {
            using var response = await client.SubmitFormAsync("/staff/rating-rules/edit", form, "[data-testid=rule-form]");
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{form["Kind"]} answered {(int)response.StatusCode}: {(await HtmlForms.ParseAsync(response)).QuerySelector("main")?.TextContent}");
        }
        var stored = await app.WithDbAsync(c => c.RatingRules.AsNoTracking()
            .Where(r => r.ScopeValue == world.AccountNumber || r.ScopeValue == world.ProjectId.ToString() || r.ScopeValue == world.OrgId.ToString())
            .OrderBy(r => r.Order).ToListAsync());
        var list = await client.GetDocumentAsync("/staff/rating-rules");
        var rows = list.QuerySelectorAll("[data-testid=rules-table] tbody tr").Select(r => r.TextContent).ToList();

        Assert.Equal(6, stored.Count);
        Assert.Equal("0 0 1 2 3 4", string.Join(' ', stored.Select(r => r.Kind)));
        Assert.Equal(world.OrgId.ToString(), stored[0].ScopeValue);
        Assert.Equal(-3.5m, stored[0].Percent);
        Assert.Equal(("Credit", 1), (stored[2].LineItemType, stored[2].Treatment));
        Assert.Equal((5000m, Currency.Jpy, "運用サービス", "Operations service"), (stored[4].Amount, stored[4].AmountCurrency, stored[4].NameJa, stored[4].NameEn));
        Assert.Equal(new DateOnly(2025, 1, 1), stored[5].EffectiveFrom);
        Assert.Contains(rows, r => r.Contains("3.5％ 割引", StringComparison.Ordinal) && r.Contains(world.Name, StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("運用サービス", StringComparison.Ordinal) && r.Contains("¥5,000", StringComparison.Ordinal));
        foreach (var rule in stored)
        {
            await app.WithDbAsync(c => c.RatingRules.Where(r => r.Id == rule.Id).ExecuteDeleteAsync());
        }
    }

    [Theory, BothDatabases]
    public async Task Staff_RuleWithBadInput_SeesAnErrorAtEachFieldAndNothingIsSaved(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("badrule");
        var (_, client) = await app.SignedInStaffAsync();
        using var _ = client;
        var before = await app.WithDbAsync(c => c.RatingRules.CountAsync());

        using var adjustment = await client.SubmitFormAsync("/staff/rating-rules/edit",
            Set(Rule("Adjustment", "Account", "12345", percent: "-150.5"), ("EffectiveFrom", "2026-13"), ("EffectiveUntil", "2026/01")), "[data-testid=rule-form]");
        var adjustmentPage = await HtmlForms.ParseAsync(adjustment);
        using var fee = await client.SubmitFormAsync("/staff/rating-rules/edit",
            Set(Rule("FlatFee", "All", ""), ("Amount", "12.5"), ("AmountCurrency", "Jpy"), ("NameJa", ""), ("NameEn", new string('x', 201)), ("EffectiveFrom", "2026-05"), ("EffectiveUntil", "2026-04")), "[data-testid=rule-form]");
        var feePage = await HtmlForms.ParseAsync(fee);
        using var treatment = await client.SubmitFormAsync("/staff/rating-rules/edit",
            Set(Rule("Treatment", "Organization", "no-such-org"), ("LineItemType", "Cred it")), "[data-testid=rule-form]");
        var treatmentPage = await HtmlForms.ParseAsync(treatment);

        Assert.Equal(HttpStatusCode.BadRequest, adjustment.StatusCode);
        Assert.Equal("「12345」は登録済みの12桁のAWSアカウントではありません。", FieldError(adjustmentPage, "ScopeValue"));
        Assert.StartsWith("-100〜1000 の0以外の割合", FieldError(adjustmentPage, "Percent"), StringComparison.Ordinal);
        Assert.StartsWith("月を YYYY-MM の形式で", FieldError(adjustmentPage, "EffectiveFrom"), StringComparison.Ordinal);
        Assert.StartsWith("月を YYYY-MM の形式で", FieldError(adjustmentPage, "EffectiveUntil"), StringComparison.Ordinal);
        Assert.Equal("-150.5", (adjustmentPage.QuerySelector("#Percent") as IHtmlInputElement)?.Value);
        Assert.Equal(HttpStatusCode.BadRequest, fee.StatusCode);
        Assert.Equal("独自料金の適用範囲はプロジェクトまたはアカウントです。", FieldError(feePage, "Scope"));
        Assert.StartsWith("0より大きく", FieldError(feePage, "Amount"), StringComparison.Ordinal);
        Assert.Equal("請求書の表示名（日本語）を入力してください。", FieldError(feePage, "NameJa"));
        Assert.Contains("200", FieldError(feePage, "NameEn"), StringComparison.Ordinal);
        Assert.Equal("終了月は開始月より前にできません。", FieldError(feePage, "EffectiveUntil"));
        Assert.Equal(HttpStatusCode.BadRequest, treatment.StatusCode);
        Assert.Equal("組織コード「no-such-org」の組織はありません。", FieldError(treatmentPage, "ScopeValue"));
        Assert.StartsWith("AWSの明細種別", FieldError(treatmentPage, "LineItemType"), StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDbAsync(c => c.RatingRules.CountAsync()));
        Assert.NotNull(world);
    }

    [Theory, BothDatabases]
    public async Task Staff_EntersAndChangesTheMonthsRate_RecomputeShowsTheProblemThenTheNewYenAmounts(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (world, account, payer) = await CustomerWithFactsAsync(app, Currency.Jpy, RateMonth, 10m);
        var (staff, client) = await app.SignedInStaffAsync();
        using var _ = client;
        var statusWithoutRate = (await client.GetDocumentAsync("/staff/exchange-rates")).Text($"[data-testid=status-table] tr[data-payer='{payer}']");

        using var first = await client.SubmitFormAsync("/staff/exchange-rates",
            new Dictionary<string, string> { ["Month"] = "2025-06", ["UsdToJpy"] = "150.00", ["Source"] = "MUFG TTM", ["RateDate"] = "2025-05-30" }, "[data-testid=rate-form]");
        await RecomputeAsync(app, payer);
        var atFirstRate = await TotalAsync(app, world, account, RateMonth);
        using var second = await client.SubmitFormAsync("/staff/exchange-rates",
            new Dictionary<string, string> { ["Month"] = "2025-06", ["UsdToJpy"] = "160.5", ["Source"] = "MUFG TTM (corrected)", ["RateDate"] = "2025-06-02" }, "[data-testid=rate-form]");
        await RecomputeAsync(app, payer);
        var atSecondRate = await TotalAsync(app, world, account, RateMonth);
        var page = await client.GetDocumentAsync("/staff/exchange-rates");

        Assert.Contains("2025-06 の為替レートがありません", statusWithoutRate, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("¥1,500", atFirstRate);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal("¥1,605", atSecondRate);
        Assert.Contains("160.5", page.Text("[data-testid=rates-table]"), StringComparison.Ordinal);
        var status = page.Text($"[data-testid=status-table] tr[data-payer='{payer}']");
        Assert.Contains("160.5", status, StringComparison.Ordinal);
        Assert.Contains("最新", status, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(c => c.ExchangeRates.CountAsync(r => r.Month == RateMonth)));
        Assert.Equal(2, await app.WithDbAsync(c => c.AuditEvents.CountAsync(e => e.ActorId == staff.Id && e.Event == "exchange-rate.saved")));
    }

    [Theory, BothDatabases]
    public async Task Staff_RateWithBadInput_SeesAnErrorAtEachFieldAndNothingIsSaved(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (_, client) = await app.SignedInStaffAsync();
        using var _ = client;

        using var bad = await client.SubmitFormAsync("/staff/exchange-rates",
            new Dictionary<string, string> { ["Month"] = "2025-5", ["UsdToJpy"] = "150.123456", ["Source"] = "", ["RateDate"] = "31/05/2025" }, "[data-testid=rate-form]");
        var page = await HtmlForms.ParseAsync(bad);
        using var negative = await client.SubmitFormAsync("/staff/exchange-rates",
            new Dictionary<string, string> { ["Month"] = "2025-05", ["UsdToJpy"] = "-150", ["Source"] = "MUFG", ["RateDate"] = "2024-01-31" }, "[data-testid=rate-form]");
        var negativePage = await HtmlForms.ParseAsync(negative);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.StartsWith("月を YYYY-MM の形式で", FieldError(page, "Month"), StringComparison.Ordinal);
        Assert.StartsWith("1〜1000 のレートを小数点以下4桁まで", FieldError(page, "UsdToJpy"), StringComparison.Ordinal);
        Assert.Equal("出典を入力してください。", FieldError(page, "Source"));
        Assert.StartsWith("レートの日付を YYYY-MM-DD", FieldError(page, "RateDate"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.StartsWith("1〜1000 のレート", FieldError(negativePage, "UsdToJpy"), StringComparison.Ordinal);
        Assert.Contains("2025-04-01〜2025-05-31", FieldError(negativePage, "RateDate"), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(c => c.ExchangeRates.AnyAsync(r => r.Month == new DateOnly(2025, 5, 1))));
    }

    [Theory, BothDatabases]
    public async Task Staff_ChangesTheRateOfAnInvoicedMonth_IsRefusedAndTheRateStays(DatabaseKind db)
    {
        var app = await apps.For(db);
        var month = new DateOnly(2019, 3, 1);
        await app.WithDbAsync(async c =>
        {
            c.ExchangeRates.Add(new ExchangeRateEntry { Month = month, UsdToJpy = 111m, Source = "MUFG TTM", RateDate = new DateOnly(2019, 3, 29), UpdatedAt = app.Clock.GetUtcNow() });
            c.FrozenChargeMonths.Add(new Portal.Core.Invoices.FrozenChargeMonth { PayerAccountId = BillingFacts.NewPayer(), Month = month });
            return await c.SaveChangesAsync();
        });
        var (_, client) = await app.SignedInStaffAsync();
        using var _ = client;

        using var refused = await client.SubmitFormAsync("/staff/exchange-rates",
            new Dictionary<string, string> { ["Month"] = "2019-03", ["UsdToJpy"] = "112.5", ["Source"] = "MUFG TTM", ["RateDate"] = "2019-03-29" }, "[data-testid=rate-form]");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.StartsWith("2019-03 は請求書を発行済み", FieldError(await HtmlForms.ParseAsync(refused), "Month"), StringComparison.Ordinal);
        Assert.Equal(111m, await app.WithDbAsync(c => c.ExchangeRates.Where(r => r.Month == month).Select(r => r.UsdToJpy).SingleAsync()));
    }

    /// <summary>
    /// An issued invoice froze the account's July: a rule change that would rate July differently (new terms, a new
    /// rule over it, a delete, a move) is refused with the way out, because the invoice would not change while the
    /// usage CSV, rated with today's rules, would. Ending the rule at July and adding one from August is allowed.
    /// </summary>
    [Theory, BothDatabases]
    public async Task Staff_ChangesRulesOverAnInvoicedMonth_IsRefused_EndingTheRuleThereIsNot(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (_, account, payer) = await CustomerWithFactsAsync(app, Currency.Usd, RulesMonth, 100m);
        var (staff, client) = await app.SignedInStaffAsync();
        using var _ = client;
        const string Form = "[data-testid=rule-form]";
        foreach (var percent in new[] { "-10", "50" })
        {
            using var created = await client.SubmitFormAsync("/staff/rating-rules/edit", Rule("Adjustment", "Account", account.AccountNumber, percent), Form);
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }
        await RecomputeAsync(app, payer);
        var ids = await app.WithDbAsync(c => c.RatingRules.Where(r => r.ScopeValue == account.AccountNumber).OrderBy(r => r.Order).Select(r => r.Id).ToListAsync());
        await app.WithDbAsync(c =>
        {
            c.FrozenChargeMonths.Add(new Portal.Core.Invoices.FrozenChargeMonth { PayerAccountId = payer, Month = RulesMonth, FrozenAt = app.Clock.GetUtcNow() });
            return c.SaveChangesAsync();
        });

        using var newTerms = await client.SubmitFormAsync($"/staff/rating-rules/edit/{ids[0]}", new Dictionary<string, string> { ["Percent"] = "-20" }, Form);
        var newTermsPage = await HtmlForms.ParseAsync(newTerms);
        using var overJuly = await client.SubmitFormAsync("/staff/rating-rules/edit", Rule("Adjustment", "Account", account.AccountNumber, "-30"), Form);
        using var deleted = await client.SubmitFormAsync(await client.GetDocumentAsync("/staff/rating-rules"), "/staff/rating-rules", new Dictionary<string, string>(), $"tr[data-rule-id='{ids[0]}'] form[data-testid=delete]");
        var deletedPage = await HtmlForms.ParseAsync(deleted);
        using var moved = await client.SubmitFormAsync(await client.GetDocumentAsync("/staff/rating-rules"), "/staff/rating-rules", new Dictionary<string, string>(), $"tr[data-rule-id='{ids[1]}'] form[data-testid=move-up]");
        using var ended = await client.SubmitFormAsync($"/staff/rating-rules/edit/{ids[0]}", new Dictionary<string, string> { ["EffectiveUntil"] = "2025-07" }, Form);
        using var fromAugust = await client.SubmitFormAsync("/staff/rating-rules/edit", Set(Rule("Adjustment", "Account", account.AccountNumber, "-20"), ("EffectiveFrom", "2025-08")), Form);
        var augustId = await app.WithDbAsync(c => c.RatingRules.Where(r => r.ScopeValue == account.AccountNumber && r.Percent == -20m).Select(r => r.Id).SingleAsync());
        using var backIntoJuly = await client.SubmitFormAsync($"/staff/rating-rules/edit/{augustId}", new Dictionary<string, string> { ["EffectiveFrom"] = "2025-07" }, Form);

        Assert.Equal(HttpStatusCode.BadRequest, newTerms.StatusCode);
        Assert.Equal("この変更は請求書を発行済みの月（2025-07）の料金に関わります。発行済みの月の料金は確定しているため、変更しても請求書は変わらず、利用明細CSVだけが請求書と食い違ってしまいます。以降の月だけを変えるには、このルールの終了月を 2025-07 にして、2025-08 からの新しいルールを追加してください。",
            FieldError(newTermsPage, "EffectiveFrom"));
        Assert.Equal(HttpStatusCode.BadRequest, overJuly.StatusCode);
        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (deleted.StatusCode, moved.StatusCode));
        Assert.Contains("（2025-07）", deletedPage.Text("[data-testid=rules-refused]"), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (ended.StatusCode, fromAugust.StatusCode));
        Assert.Equal(HttpStatusCode.BadRequest, backIntoJuly.StatusCode);
        var rules = await app.WithDbAsync(c => c.RatingRules.Where(r => r.ScopeValue == account.AccountNumber).OrderBy(r => r.Order)
            .Select(r => new { r.Id, r.Percent, r.EffectiveFrom, r.EffectiveUntil }).ToListAsync());
        Assert.Equal([ids[0], ids[1], augustId], rules.Select(r => r.Id));
        Assert.Equal((-10m, new DateOnly(2025, 7, 1)), (rules[0].Percent, rules[0].EffectiveUntil!.Value));
        Assert.Equal(new DateOnly(2025, 8, 1), rules[2].EffectiveFrom);
        var events = await app.WithDbAsync(c => c.AuditEvents.Where(e => e.ActorId == staff.Id).Select(e => e.Event).ToListAsync());
        Assert.DoesNotContain("rating-rule.deleted", events);
        Assert.DoesNotContain("rating-rule.moved", events);
    }

    private static Dictionary<string, string> Rule(string kind, string scope, string value, string percent = "") => new()
    {
        ["Kind"] = kind, ["Scope"] = scope, ["ScopeValue"] = value, ["Percent"] = percent, ["EffectiveFrom"] = "2025-01", ["EffectiveUntil"] = "",
    };

    private static Dictionary<string, string> Set(Dictionary<string, string> form, params (string Field, string Value)[] values)
    {
        foreach (var (field, value) in values)
        {
            form[field] = value;
        }
        return form;
    }

    /// <summary>The error shown at a field: the feedback element in the field's container, with the field marked invalid.</summary>
    private static string FieldError(IHtmlDocument page, string field)
    {
        var input = page.QuerySelector($"#{field}") ?? throw new InvalidOperationException($"No field {field}.");
        Assert.Contains("is-invalid", input.ClassName ?? "", StringComparison.Ordinal);
        return input.ParentElement!.QuerySelector("[data-testid=field-error]")?.TextContent.Trim() ?? throw new InvalidOperationException($"No error at {field}.");
    }

    /// <summary>A customer account (joined long ago) with USD usage of one day in <paramref name="month"/>, rated once.</summary>
    private static async Task<(TenantWorld World, AwsAccount Account, string Payer)> CustomerWithFactsAsync(PortalApp app, Currency currency, DateOnly month, decimal usd)
    {
        var world = await app.CreateWorldAsync("rating");
        var project = await app.CreateProjectAsync(world.OrgId, $"rating {Guid.NewGuid():N}", currency);
        var account = await app.CreateAccountAsync(project.Id, "rated", joinedOn: new DateOnly(2025, 1, 1));
        var payer = BillingFacts.NewPayer();
        await app.AddFactsAsync(payer, month, new FactRow(account.AccountNumber, 3, "Usage", usd), new FactRow(account.AccountNumber, 4, "Tax", usd / 10m));
        await app.WithServicesAsync(services => services.GetRequiredService<RefreshCharges>().RunAsync(CancellationToken.None));
        return (world, account, payer);
    }

    /// <summary>Runs the queued recompute job until the payer has no stale month left.</summary>
    private static Task RecomputeAsync(PortalApp app, string payer) =>
        app.RunQueuedJobsAsync(() => app.WithDbAsync(c => c.ChargeComputations.AllAsync(x => x.PayerAccountId != payer || x.StaleSince == null)));

    private static async Task<string> TotalAsync(PortalApp app, TenantWorld world, AwsAccount account, DateOnly month)
    {
        using var client = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);
        var page = await client.GetDocumentAsync($"/orgs/{world.OrgId}/accounts/{account.Id}/charges?month={month:yyyy-MM}");
        return page.Text("[data-testid=charges-total]");
    }

    /// <summary>
    /// The rule, rate and alarm pages, with a rule of every kind listed and every form refused once, render in Japanese
    /// and English with every string resolved (a missing resource shows up as its key, for example <c>Rules.Kind</c>).
    /// </summary>
    [Fact]
    public async Task RuleRateAndAlarmPages_InBothLanguages_ShowNoResourceKey()
    {
        var app = await apps.For(DatabaseKind.Sqlite);
        var world = await app.CreateWorldAsync("chargelang");
        var rules = Enum.GetValues<RuleKind>().Select(kind => new RatingRuleEntry
        {
            Kind = (int)kind, Scope = (int)RuleScopeKind.Account, ScopeValue = world.AccountNumber, Percent = kind == RuleKind.Adjustment ? -1m : 5m, Amount = 10m,
            LineItemType = "Credit", Treatment = (int)LineTreatment.Retain, NameJa = "手数料", NameEn = "Fee", EffectiveFrom = new DateOnly(2000, 1, 1),
            EffectiveUntil = new DateOnly(2000, 2, 1), Order = 10_000 + (int)kind, UpdatedAt = app.Clock.GetUtcNow(),
        }).ToList();
        await app.WithDbAsync(c =>
        {
            c.RatingRules.AddRange(rules);
            return c.SaveChangesAsync();
        });
        var failures = new List<string>();
        var (staff, client) = await app.SignedInStaffAsync();
        using var _ = client;
        await app.AddMemberAsync(world.OrgId, staff.Id, MemberType.Power);
        try
        {
            foreach (var language in new[] { "ja", "en" })
            {
                using var switched = await client.SubmitFormAsync("/staff", new Dictionary<string, string> { ["language"] = language }, "form[action='/language']");
                var alarms = $"/orgs/{world.OrgId}/accounts/{world.AccountId}/alarms";
                var pages = new List<(string Url, AngleSharp.Html.Dom.IHtmlDocument Page)>();
                foreach (var url in new[] { "/staff", "/staff/rating-rules", "/staff/rating-rules/edit", $"/staff/rating-rules/edit/{rules[0].Id}", "/staff/exchange-rates", alarms })
                {
                    pages.Add((url, await client.GetDocumentAsync(url)));
                }
                using var badRule = await client.SubmitFormAsync("/staff/rating-rules/edit", new Dictionary<string, string> { ["Kind"] = "FlatFee", ["Scope"] = "All", ["EffectiveFrom"] = "x" }, "[data-testid=rule-form]");
                pages.Add(("POST rule", await HtmlForms.ParseAsync(badRule)));
                using var badRate = await client.SubmitFormAsync("/staff/exchange-rates", new Dictionary<string, string> { ["Month"] = "x", ["UsdToJpy"] = "0" }, "[data-testid=rate-form]");
                pages.Add(("POST rate", await HtmlForms.ParseAsync(badRate)));
                using var badAlarm = await client.SubmitFormAsync(alarms, new Dictionary<string, string> { ["Target"] = "tag", ["Threshold"] = "0" }, "[data-testid=alarm-form]");
                pages.Add(("POST alarm", await HtmlForms.ParseAsync(badAlarm)));
                foreach (var (url, page) in pages)
                {
                    var text = page.Body!.TextContent + string.Join(" ", page.QuerySelectorAll("[data-confirm],[aria-label],[title],[placeholder]")
                        .SelectMany(e => new[] { e.GetAttribute("data-confirm"), e.GetAttribute("aria-label"), e.GetAttribute("title"), e.GetAttribute("placeholder") }));
                    if (ResourceKey().Match(text) is { Success: true } key)
                    {
                        failures.Add($"{language} {url}: {key.Value}");
                    }
                    if (page.DocumentElement.GetAttribute("lang") != language)
                    {
                        failures.Add($"{language} {url}: lang={page.DocumentElement.GetAttribute("lang")}");
                    }
                }
                Assert.Contains(language == "en" ? "Charge alarms" : "料金アラーム", pages[^4].Page.Body!.TextContent, StringComparison.Ordinal);
            }
        }
        finally
        {
            var ids = rules.Select(r => r.Id).ToList();
            await app.WithDbAsync(c => c.RatingRules.Where(r => ids.Contains(r.Id)).ExecuteDeleteAsync());
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [GeneratedRegex(@"\b(Rules|Rates|Alarms|RuleKind|RuleScope|LineTreatment|Charges|Validation|Accounts|Language|Nav|Staff)\.[A-Z][A-Za-z]+")]
    private static partial Regex ResourceKey();
}
