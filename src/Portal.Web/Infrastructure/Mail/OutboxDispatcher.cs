using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Portal.Core.Data;
using Portal.Core.Mail;

namespace Portal.Web.Infrastructure.Mail;

/// <summary>
/// Sends what the outbox holds. Each mail is claimed by moving its next attempt into the future before sending, so two
/// dispatchers (two processes) never send the same mail twice; a failure backs off and tries again later.
/// </summary>
public sealed partial class OutboxDispatcher(
    PortalDbContext db, IMailTransport transport, IOptions<MailOptions> options, TimeProvider clock, ILogger<OutboxDispatcher> logger)
{
    private static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(5);

    /// <summary>Sends every due mail; returns how many were sent.</summary>
    public async Task<int> DispatchPendingAsync(CancellationToken ct)
    {
        var sent = 0;
        var now = clock.GetUtcNow();
        var due = await db.OutboxMails.AsNoTracking()
            .Where(m => m.SentAt == null && m.NextAttemptAt <= now && m.Attempts < options.Value.MaxAttempts)
            .OrderBy(m => m.NextAttemptAt).Select(m => new { m.Id, m.NextAttemptAt }).Take(100).ToListAsync(ct);
        foreach (var candidate in due)
        {
            // Claim: only the dispatcher whose update matches the attempt time it read gets the mail.
            var claimedUntil = now + ClaimFor;
            var claimed = await db.OutboxMails
                .Where(m => m.Id == candidate.Id && m.SentAt == null && m.NextAttemptAt == candidate.NextAttemptAt)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, claimedUntil).SetProperty(m => m.Attempts, m => m.Attempts + 1), ct);
            if (claimed == 0)
            {
                continue;
            }
            var mail = await db.OutboxMails.AsNoTracking().SingleAsync(m => m.Id == candidate.Id, ct);
            try
            {
                await transport.SendAsync(ToMime(mail), ct);
                await db.OutboxMails.Where(m => m.Id == mail.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, clock.GetUtcNow()).SetProperty(m => m.LastError, (string?)null), ct);
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var retryAt = clock.GetUtcNow() + Backoff(mail.Attempts);
                var error = e.Message.Length > 1000 ? e.Message[..1000] : e.Message;
                await db.OutboxMails.Where(m => m.Id == mail.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, retryAt).SetProperty(m => m.LastError, error), CancellationToken.None);
                LogSendFailed(logger, mail.Id, mail.Attempts, e.Message);
            }
        }
        return sent;
    }

    /// <summary>Exponential back-off from 30 s, capped at one hour.</summary>
    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Max(0, attempts - 1))));

    private MimeMessage ToMime(OutboxMail mail)
    {
        var o = options.Value;
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(o.FromName, o.FromAddress));
        message.To.AddRange(Split(mail.To).Select(MailboxAddress.Parse));
        message.Cc.AddRange(Split(mail.Cc).Select(MailboxAddress.Parse));
        message.Subject = mail.Subject;
        message.MessageId = $"{mail.Id:N}@members-portal";
        var body = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody };
        if (mail.AttachmentName is not null && mail.AttachmentContent is not null)
        {
            body.Attachments.Add(mail.AttachmentName, mail.AttachmentContent, ContentType.Parse(mail.AttachmentContentType ?? "application/octet-stream"));
        }
        message.Body = body.ToMessageBody();
        return message;
    }

    private static string[] Split(string? addresses) =>
        (addresses ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {MailId} attempt {Attempt} failed: {Error}")]
    private static partial void LogSendFailed(ILogger logger, Guid mailId, int attempt, string error);
}

/// <summary>Runs the dispatcher on an interval in the web process (and in worker mode).</summary>
public sealed partial class OutboxDispatchService(IServiceScopeFactory scopes, IOptions<MailOptions> options, TimeProvider clock, ILogger<OutboxDispatchService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.DispatchIntervalSeconds);
        if (interval <= TimeSpan.Zero)
        {
            return;
        }
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchPendingAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogDispatchFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The mail outbox could not be dispatched")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception);
}
