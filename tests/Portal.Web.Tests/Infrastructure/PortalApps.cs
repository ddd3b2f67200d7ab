[assembly: AssemblyFixture(typeof(Portal.Web.Tests.Infrastructure.PortalApps))]

namespace Portal.Web.Tests.Infrastructure;

/// <summary>The two portals of the test run (SQLite and PostgreSQL), each on a fresh database, sharing one SMTP capture.</summary>
public sealed class PortalApps : IAsyncLifetime
{
    private readonly Dictionary<DatabaseKind, Lazy<Task<PortalApp>>> _apps = [];

    public PortalApps()
    {
        foreach (var kind in Enum.GetValues<DatabaseKind>())
        {
            _apps[kind] = new Lazy<Task<PortalApp>>(() => PortalApp.StartAsync(kind, Mail));
        }
    }

    public CapturedMail Mail { get; } = new();

    /// <summary>The portal on <paramref name="kind"/>, started on first use.</summary>
    public Task<PortalApp> For(DatabaseKind kind) => _apps[kind].Value;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        var started = new List<PortalApp>();
        foreach (var app in _apps.Values.Where(a => a.IsValueCreated && a.Value.IsCompletedSuccessfully))
        {
            started.Add(await app.Value);
        }
        await RunLogs.WriteSecretsAsync(Mail, started);
        foreach (var app in _apps.Values.Where(a => a.IsValueCreated))
        {
            try
            {
                await (await app.Value).DisposeAsync();
            }
            catch (InvalidOperationException)
            {
                // The app never started (for example PostgreSQL was not available); its test already failed.
            }
        }
        await Mail.DisposeAsync();
    }
}
