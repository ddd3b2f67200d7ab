using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Portal.Web.Tests.Infrastructure;

/// <summary>
/// An in-process SMTP server: the portal sends real SMTP through MailKit and tests read what arrived. Tests run in
/// parallel, so each looks only at mail to its own unique addresses.
/// </summary>
public sealed class CapturedMail : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> _messages = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    public CapturedMail()
    {
        Port = FreePort();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new ServiceProvider();
        services.Add(new Store(_messages));
        var server = new SmtpServer.SmtpServer(options, services);
        _running = server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>Every mail of the run.</summary>
    public IReadOnlyList<MimeMessage> All => _messages.ToList();

    public IReadOnlyList<MimeMessage> To(string address) =>
        _messages.Where(m => m.To.Mailboxes.Concat(m.Cc.Mailboxes).Any(a => string.Equals(a.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();

    /// <summary>
    /// The mails to <paramref name="address"/> matching <paramref name="predicate"/> once <paramref name="count"/> have
    /// arrived (or all there are after the timeout, for the caller's assertion to report): another test's outbox run
    /// may still be sending a mail this test queued.
    /// </summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForCountAsync(string address, Func<MimeMessage, bool> predicate, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var matches = To(address).Where(predicate).ToList();
            if (matches.Count >= count || DateTime.UtcNow >= deadline)
            {
                return matches;
            }
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until a mail to <paramref name="address"/> matching <paramref name="predicate"/> has arrived.</summary>
    public async Task<MimeMessage> WaitForAsync(string address, Func<MimeMessage, bool>? predicate = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            var match = To(address).FirstOrDefault(m => predicate?.Invoke(m) ?? true);
            if (match is not null)
            {
                return match;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"No mail to {address} arrived.");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Store(ConcurrentQueue<MimeMessage> messages) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
