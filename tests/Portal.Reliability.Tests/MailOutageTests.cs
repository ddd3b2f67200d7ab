using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace Portal.Reliability.Tests;

/// <summary>SMTP down: mails wait in the outbox and each is delivered once when it returns, with four dispatchers running.</summary>
public sealed partial class MailOutageTests(Deployment portal)
{
    [Fact]
    public async Task SmtpDown_MailsWaitInOutbox_AllDeliveredOnceAfterItReturns()
    {
        const int count = 6;
        var users = new List<Portal.Core.Identity.PortalUser>();
        for (var i = 0; i < count; i++)
        {
            users.Add(await portal.CreateUserAsync("mail"));
        }
        var addresses = users.Select(u => u.Email!).ToList();
        var clock = Stopwatch.StartNew();
        await portal.Smtp.StopAsync();
        try
        {
            using var browser = new Browser();
            for (var i = 0; i < count; i++)
            {
                using var response = await browser.SubmitAsync(i % 2 == 0 ? portal.WebA : portal.WebB, "/id/password/forgot",
                    new Dictionary<string, string> { ["Email"] = addresses[i] });
                Assert.True((int)response.StatusCode < 400, $"The reset request answered {(int)response.StatusCode}.");
            }
            // Every dispatcher that tried failed and left the mail waiting, with the error for staff to see.
            await Eventually.ThatAsync(() => portal.WithDbAsync(db => db.OutboxMails
                .CountAsync(m => addresses.Contains(m.To) && m.SentAt == null && m.Attempts >= 1 && m.LastError != null)).ContinueWith(t => t.Result == count, TaskScheduler.Default),
                TimeSpan.FromMinutes(1), "every mail to be tried and to wait");
            await Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
            Assert.DoesNotContain(portal.Smtp.Messages, m => m.To.Mailboxes.Any(a => addresses.Contains(a.Address)));
        }
        finally
        {
            await portal.Smtp.StartAsync();
        }
        var downFor = clock.Elapsed;

        await Eventually.ThatAsync(() => Task.FromResult(addresses.All(a => portal.Smtp.To(a).Count >= 1)), TimeSpan.FromMinutes(3), "every mail to arrive");
        var deliveredAfter = clock.Elapsed - downFor;
        // Four dispatchers poll every second: a second copy would show up within a few seconds.
        await Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        Assert.All(addresses, a => Assert.Single(portal.Smtp.To(a)));
        var unsent = await portal.WithDbAsync(db => db.OutboxMails.CountAsync(m => addresses.Contains(m.To) && m.SentAt == null));
        Assert.Equal(0, unsent);
        var attempts = await portal.WithDbAsync(db => db.OutboxMails.Where(m => addresses.Contains(m.To)).SumAsync(m => m.Attempts));
        // Nor did any process log the password or a reset token of these mails (SECURITY.md: no secrets in logs).
        var tokens = addresses.SelectMany(a => portal.Smtp.To(a)).SelectMany(m => ResetTokens().Matches(m.TextBody ?? "").Select(t => Uri.UnescapeDataString(t.Groups[1].Value))).ToList();
        Assert.Equal(count, tokens.Count);
        foreach (var process in portal.AllProcesses)
        {
            var output = process.Output;
            Assert.DoesNotContain(Deployment.Password, output, StringComparison.Ordinal);
            Assert.All(tokens, t => Assert.DoesNotContain(t, output, StringComparison.Ordinal));
        }
        Figures.Record($"SMTP outage: down {downFor.TotalSeconds:0.0} s, {count} mails waited; all delivered {deliveredAfter.TotalSeconds:0.0} s after SMTP returned, each once ({attempts} send attempts in total)");
    }

    [GeneratedRegex(@"token=([^\s&""'<>]+)")]
    private static partial Regex ResetTokens();
}
