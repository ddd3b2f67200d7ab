using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Infrastructure.Mail;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Foundation;

public sealed class MailOutboxTests(PortalApps apps)
{
    [Theory, BothDatabases]
    public async Task QueuedMail_Dispatched_ArrivesOverSmtpOnce(DatabaseKind db)
    {
        var app = await apps.For(db);
        var to = $"outbox-{Guid.NewGuid():N}@test.example";
        await app.WithServicesAsync(async services =>
        {
            services.GetRequiredService<MailOutbox>().Enqueue(new MailMessageDraft([to], [], "件名: テスト", "本文です。"));
            await services.GetRequiredService<Portal.Core.Data.PortalDbContext>().SaveChangesAsync();
        });

        await app.DeliverMailAsync();
        var mail = await app.Mail.WaitForAsync(to);
        await app.DeliverMailAsync();

        Assert.Equal("件名: テスト", mail.Subject);
        Assert.Contains("本文です。", mail.TextBody, StringComparison.Ordinal);
        Assert.Single(app.Mail.To(to));
        var sentAt = await app.WithDbAsync(c => c.OutboxMails.Where(m => m.To == to).Select(m => m.SentAt).SingleAsync());
        Assert.NotNull(sentAt);
    }

    [Fact]
    public void Backoff_GrowsAndIsCapped()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), OutboxDispatcher.Backoff(1));
        Assert.Equal(TimeSpan.FromSeconds(60), OutboxDispatcher.Backoff(2));
        Assert.Equal(TimeSpan.FromHours(1), OutboxDispatcher.Backoff(30));
    }
}
