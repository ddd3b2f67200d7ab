using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Billing.Rating;
using Portal.Core.Projects;
using Portal.Web.Infrastructure.Jobs;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Alarms;

/// <summary>
/// Charge alarms set on the account's alarm page, evaluated by the recompute job against the current month
/// (2026-11 in Japan on the fixed clock), mailed to the account's billing addresses through the outbox.
/// </summary>
public sealed class ChargeAlarmTests(PortalApps apps)
{
    private static readonly DateOnly November = new(2026, 11, 1);

    [Theory, BothDatabases]
    public async Task AccountAlarm_FiresOncePerMonthInTheAccountsLanguage_UpfrontFeesDoNotCount(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (world, account, client) = await UsdAccountAsync(app, "en");
        using var _ = client;
        var (billing, cc) = await SetBillingAddressesAsync(client, world, account, "en");
        var alarms = $"/orgs/{world.OrgId}/accounts/{account.Id}/alarms";
        await AddAccountAlarmsAsync(client, alarms, "30", "50");
        var payer = BillingFacts.NewPayer();
        await app.AddFactsAsync(payer, November,
            new FactRow(account.AccountNumber, 2, "Usage", 40m), new FactRow(account.AccountNumber, 1, "Fee", 1000m), new FactRow(account.AccountNumber, 1, "SavingsPlanUpfrontFee", 500m));

        await RefreshAsync(app);
        await RefreshAsync(app);
        await app.DeliverMailAsync();
        var mail = await app.Mail.WaitForAsync(billing);
        var page = await client.GetDocumentAsync(alarms);
        var rows = page.QuerySelectorAll("[data-testid=alarms-table] tbody tr").Select(r => r.TextContent).ToList();

        await app.AddFactsAsync(payer, November, new FactRow(account.AccountNumber, 3, "Usage", 15m));
        await app.WithServicesAsync(services => services.GetRequiredService<RecomputeCharges>().HandleAsync(payer, November, CancellationToken.None));
        await RefreshAsync(app);
        await app.DeliverMailAsync();
        await app.Mail.WaitForAsync(billing, m => (m.Subject ?? "").Contains("$55.00", StringComparison.Ordinal));

        Assert.Single(app.Mail.To(billing), m => (m.Subject ?? "").Contains("$40.00", StringComparison.Ordinal));
        Assert.Equal(2, app.Mail.To(billing).Count);
        Assert.Equal($"[Members Portal] Charge alarm: {account.AccountNumber} (alarmed) reached $40.00 in 2026-11", mail.Subject);
        Assert.Contains(cc, mail.Cc.Mailboxes.Select(m => m.Address));
        var body = mail.TextBody ?? "";
        Assert.Contains("Month-to-date charge: $40.00 (tax excluded, estimated; upfront fees not included)", body, StringComparison.Ordinal);
        Assert.Contains("Threshold: $30.00", body, StringComparison.Ordinal);
        Assert.Contains("Watched: The account's total", body, StringComparison.Ordinal);
        Assert.Contains($"http://localhost/orgs/{world.OrgId}/accounts/{account.Id}/charges?month=2026-11", body, StringComparison.Ordinal);
        Assert.Contains("1–2 days", body, StringComparison.Ordinal);
        Assert.Contains(rows, r => r.Contains("$30.00", StringComparison.Ordinal) && r.Contains("$40.00", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("$50.00", StringComparison.Ordinal) && r.Contains("未到達", StringComparison.Ordinal));
        var firings = await app.WithDbAsync(c => c.ChargeAlarmFirings.Where(f => f.OrganizationId == world.OrgId).Select(f => new { f.Month, f.Amount }).ToListAsync());
        Assert.Equal(2, firings.Count);
        Assert.All(firings, f => Assert.Equal(November, f.Month));
    }

    [Theory, BothDatabases]
    public async Task TagAlarm_FiresForItsTagValueOnly_MailInJapanese(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (world, account, client) = await UsdAccountAsync(app, "ja");
        using var _ = client;
        var (billing, _) = await SetBillingAddressesAsync(client, world, account, "ja");
        var alarms = $"/orgs/{world.OrgId}/accounts/{account.Id}/alarms";
        foreach (var (target, tag, threshold) in new[] { ("tag", "production", "20"), ("tag", "staging", "20"), ("account", "", "100") })
        {
            using var added = await client.SubmitFormAsync(alarms, new Dictionary<string, string> { ["Target"] = target, ["TagValue"] = tag, ["Threshold"] = threshold }, "[data-testid=alarm-form]");
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }
        var payer = BillingFacts.NewPayer();
        await app.AddFactsAsync(payer, November,
            new FactRow(account.AccountNumber, 2, "Usage", 25m, Tag: "production"), new FactRow(account.AccountNumber, 2, "Usage", 10m, Tag: "staging"),
            new FactRow(account.AccountNumber, 2, "Usage", 15m));

        await RefreshAsync(app);
        await app.DeliverMailAsync();
        var mail = await app.Mail.WaitForAsync(billing);

        Assert.Single(app.Mail.To(billing));
        Assert.Equal($"【メンバーズポータル】料金アラーム：{account.AccountNumber}（alarmed）の2026-11の料金が$25.00に達しました", mail.Subject);
        Assert.Contains("対象：タグの値「production」", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("しきい値：$20.00", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("1〜2日", mail.TextBody, StringComparison.Ordinal);
        var fired = await app.WithDbAsync(c => c.ChargeAlarmFirings.Where(f => f.OrganizationId == world.OrgId)
            .Join(c.ChargeAlarms, f => f.ChargeAlarmId, a => a.Id, (f, a) => a.TagValue).ToListAsync());
        Assert.Equal(["production"], fired);
    }

    [Theory, BothDatabases]
    public async Task Alarm_LastMonth_FiresOnlyForAlarmsThatExistedThen(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (world, account, client) = await UsdAccountAsync(app, "en");
        using var _ = client;
        var (billing, _) = await SetBillingAddressesAsync(client, world, account, "en");
        await AddAccountAlarmsAsync(client, $"/orgs/{world.OrgId}/accounts/{account.Id}/alarms", "10", "11");
        await app.WithDbAsync(c => c.ChargeAlarms.Where(a => a.AwsAccountId == account.Id && a.Threshold == 10m)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.CreatedAt, new DateTimeOffset(2026, 10, 5, 0, 0, 0, TimeSpan.Zero))));
        var october = new DateOnly(2026, 10, 1);
        await app.AddFactsAsync(BillingFacts.NewPayer(), october, new FactRow(account.AccountNumber, 30, "Usage", 12m));

        await RefreshAsync(app);
        await app.DeliverMailAsync();
        var mail = await app.Mail.WaitForAsync(billing);

        Assert.Single(app.Mail.To(billing));
        Assert.Contains("in 2026-10", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("Threshold: $10.00", mail.TextBody, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task AlarmForm_RefusesBadThresholdsAFourthAlarmAndDuplicates_NothingExtraIsSaved(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("alarmform");
        using var client = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);
        var alarms = $"/orgs/{world.OrgId}/accounts/{world.AccountId}/alarms";
        var page = await client.GetDocumentAsync(alarms);
        await AddAccountAlarmsAsync(client, alarms, "10000", "20,000", "30000");

        var fourth = await PostAsync(client, alarms, "account", "", "40000");
        var duplicateTag = await PostAsync(client, alarms, "tag", "web", "5000");
        var duplicate = await PostAsync(client, alarms, "tag", "web", "5000");
        var noTag = await PostAsync(client, alarms, "tag", "  ", "5000");
        var zero = await PostAsync(client, alarms, "tag", "web", "0");
        var negative = await PostAsync(client, alarms, "tag", "web", "-5");
        var text = await PostAsync(client, alarms, "tag", "web", "abc");
        var fraction = await PostAsync(client, alarms, "tag", "web", "1.5");

        Assert.Contains("1〜2日遅れて", page.Text("[data-testid=alarm-lag]"), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("[data-testid=no-recipients]"));
        Assert.Equal((HttpStatusCode.BadRequest, "アカウントの合計のアラームはすでに3件あります。先に1件削除してください。"), (fourth.Status, FieldError(fourth.Page, "TargetAccount")));
        Assert.Equal(HttpStatusCode.Redirect, duplicateTag.Status);
        Assert.Equal("同じアラームがすでにあります。", FieldError(duplicate.Page, "Threshold"));
        Assert.Equal("タグの値を入力してください。", FieldError(noTag.Page, "TagValue"));
        foreach (var refused in new[] { zero, negative, text, fraction })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
            Assert.Equal("0より大きい円（整数）を入力してください。", FieldError(refused.Page, "Threshold"));
        }
        var stored = await app.WithDbAsync(c => c.ChargeAlarms.Where(a => a.AwsAccountId == world.AccountId).Select(a => new { a.TagValue, a.Threshold, a.Currency }).ToListAsync());
        Assert.Equal(4, stored.Count);
        Assert.Contains(stored, a => a.TagValue == null && a.Threshold == 20000m && a.Currency == Currency.Jpy);
        Assert.Single(stored, a => a.TagValue == "web");
    }

    [Theory, BothDatabases]
    public async Task ChangedThreshold_FiresAgainThisMonthAtTheNewOne_BadValuesAndDuplicatesChangeNothing(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (world, account, client) = await UsdAccountAsync(app, "en");
        using var _ = client;
        var (billing, _) = await SetBillingAddressesAsync(client, world, account, "en");
        var alarms = $"/orgs/{world.OrgId}/accounts/{account.Id}/alarms";
        await AddAccountAlarmsAsync(client, alarms, "30", "70");
        var payer = BillingFacts.NewPayer();
        await app.AddFactsAsync(payer, November, new FactRow(account.AccountNumber, 2, "Usage", 40m));
        await RefreshAsync(app);
        await app.DeliverMailAsync();
        await app.Mail.WaitForAsync(billing, m => (m.Subject ?? "").Contains("$40.00", StringComparison.Ordinal));
        var thirty = await app.WithDbAsync(c => c.ChargeAlarms.Where(a => a.AwsAccountId == account.Id && a.Threshold == 30m).Select(a => a.Id).SingleAsync());
        var form = $"[data-testid=alarm-update][data-alarm='{thirty}']";

        var duplicate = await ChangeAsync(client, alarms, form, "70");
        var refused = new List<(HttpStatusCode Status, IHtmlDocument Page)>();
        foreach (var bad in new[] { "0", "-5", "abc", "1.234", "", "9999999999999" })
        {
            refused.Add(await ChangeAsync(client, alarms, form, bad));
        }
        var firingsBefore = await app.WithDbAsync(c => c.ChargeAlarmFirings.CountAsync(f => f.ChargeAlarmId == thirty));
        using var changed = await client.SubmitFormAsync(alarms, new Dictionary<string, string> { ["NewThreshold"] = "50" }, form);
        using var again = await client.SubmitFormAsync(alarms, new Dictionary<string, string> { ["NewThreshold"] = "50.00" }, form);
        var page = await client.GetDocumentAsync(alarms + "?done=updated");
        var row = page.QuerySelectorAll("[data-testid=alarms-table] tbody tr").Single(r => r.QuerySelector($"input[value='{thirty}']") is not null).TextContent;
        await app.AddFactsAsync(payer, November, new FactRow(account.AccountNumber, 3, "Usage", 15m));
        await app.WithServicesAsync(services => services.GetRequiredService<RecomputeCharges>().HandleAsync(payer, November, CancellationToken.None));
        await RefreshAsync(app);
        await app.DeliverMailAsync();
        var mail = await app.Mail.WaitForAsync(billing, m => (m.Subject ?? "").Contains("$55.00", StringComparison.Ordinal));

        Assert.Equal((HttpStatusCode.BadRequest, "同じアラームがすでにあります。"), (duplicate.Status, RowError(duplicate.Page, thirty)));
        Assert.Equal("70", duplicate.Page.QuerySelector<IHtmlInputElement>("#" + AlarmsModelField(thirty))!.Value);
        Assert.All(refused, r => Assert.Equal((HttpStatusCode.BadRequest, "0より大きいドル金額を小数点以下2桁までで入力してください。"), (r.Status, RowError(r.Page, thirty))));
        Assert.Equal(1, firingsBefore);
        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (changed.StatusCode, again.StatusCode));
        Assert.Contains("$50.00", row, StringComparison.Ordinal);
        Assert.Contains("未到達", row, StringComparison.Ordinal);
        Assert.Equal("しきい値を変更しました。次の集計から新しいしきい値で確認します。", page.Text("[data-testid=alarms-done]"));
        Assert.Contains("Threshold: $50.00", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(2, app.Mail.To(billing).Count);
        var stored = await app.WithDbAsync(c => c.ChargeAlarms.Where(a => a.AwsAccountId == account.Id).OrderBy(a => a.Threshold).Select(a => a.Threshold).ToListAsync());
        Assert.Equal([50m, 70m], stored);
        var firing = await app.WithDbAsync(c => c.ChargeAlarmFirings.Where(f => f.ChargeAlarmId == thirty).Select(f => new { f.Month, f.Amount }).SingleAsync());
        Assert.Equal((November, 55m), (firing.Month, firing.Amount));
        var audited = await app.WithDbAsync(c => c.AuditEvents.Where(e => e.OrganizationId == world.OrgId && e.Event == "charge-alarm.updated").Select(e => e.Detail).ToListAsync());
        Assert.Equal([$"account={account.AccountNumber} tag= threshold=30->50 Usd"], audited);
    }

    private static string AlarmsModelField(Guid alarmId) => Portal.Web.Features.Alarms.AlarmsModel.ThresholdField(alarmId);

    private static async Task<(HttpStatusCode Status, IHtmlDocument Page)> ChangeAsync(HttpClient client, string url, string form, string threshold)
    {
        using var response = await client.SubmitFormAsync(url, new Dictionary<string, string> { ["NewThreshold"] = threshold }, form);
        return (response.StatusCode, await HtmlForms.ParseAsync(response));
    }

    /// <summary>The error shown under an alarm's row form.</summary>
    private static string RowError(IHtmlDocument page, Guid alarmId)
    {
        var input = page.QuerySelector("#" + AlarmsModelField(alarmId)) ?? throw new InvalidOperationException($"No row for {alarmId}.");
        return input.Closest("td")!.QuerySelector("[data-testid=field-error]")?.TextContent.Trim() ?? throw new InvalidOperationException($"No error for {alarmId}.");
    }

    /// <summary>Adds alarms on the account's total through the page's form, each answered with the redirect of a saved alarm.</summary>
    private static async Task AddAccountAlarmsAsync(HttpClient client, string alarms, params string[] thresholds)
    {
        foreach (var threshold in thresholds)
        {
            using var added = await client.SubmitFormAsync(alarms, new Dictionary<string, string> { ["Target"] = "account", ["Threshold"] = threshold }, "[data-testid=alarm-form]");
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }
    }

    private static async Task<(HttpStatusCode Status, IHtmlDocument Page)> PostAsync(HttpClient client, string url, string target, string tag, string threshold)
    {
        using var response = await client.SubmitFormAsync(url, new Dictionary<string, string> { ["Target"] = target, ["TagValue"] = tag, ["Threshold"] = threshold }, "[data-testid=alarm-form]");
        return (response.StatusCode, await HtmlForms.ParseAsync(response));
    }

    /// <summary>The error shown in the container of a field.</summary>
    private static string FieldError(IHtmlDocument page, string field)
    {
        var input = page.QuerySelector($"#{field}") ?? throw new InvalidOperationException($"No field {field}.");
        var container = input.Closest("fieldset") ?? input.ParentElement!;
        return container.QuerySelector("[data-testid=field-error]")?.TextContent.Trim() ?? throw new InvalidOperationException($"No error at {field}.");
    }

    private static async Task<(TenantWorld World, AwsAccount Account, HttpClient Client)> UsdAccountAsync(PortalApp app, string language)
    {
        var world = await app.CreateWorldAsync("alarms-" + language);
        var project = await app.CreateProjectAsync(world.OrgId, $"alarms {Guid.NewGuid():N}", Currency.Usd);
        var account = await app.CreateAccountAsync(project.Id, "alarmed");
        var client = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);
        return (world, account, client);
    }

    private static async Task<(string To, string Cc)> SetBillingAddressesAsync(HttpClient client, TenantWorld world, AwsAccount account, string language)
    {
        var (to, cc) = ($"billing-{Guid.NewGuid():N}@test.example", $"finance-{Guid.NewGuid():N}@test.example");
        using var saved = await client.SubmitFormAsync($"/orgs/{world.OrgId}/accounts/{account.Id}/notifications",
            new Dictionary<string, string> { ["BillingTo"] = to, ["BillingCc"] = cc, ["Language"] = language }, "[data-testid=notifications-form]");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        return (to, cc);
    }

    private static Task RefreshAsync(PortalApp app) =>
        app.WithServicesAsync(services => services.GetRequiredService<RefreshCharges>().RunAsync(CancellationToken.None));
}
