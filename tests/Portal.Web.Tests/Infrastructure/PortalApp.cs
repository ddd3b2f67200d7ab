using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Portal.Core.Data;
using Portal.Core.Identity;
using Portal.Web.Infrastructure.Mail;

namespace Portal.Web.Tests.Infrastructure;

/// <summary>
/// The real portal on one database, in memory, with captured SMTP, a fixed clock and no outbound network. One instance
/// per database serves every test of the run; tests stay independent by creating their own organizations and users.
/// </summary>
public sealed class PortalApp : WebApplicationFactory<Program>
{
    /// <summary>The instant the fixed clock starts at (a weekday afternoon in JST).</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 20, 5, 0, 0, TimeSpan.Zero);

    private readonly string _connection;
    private readonly string? _sqliteFile;

    private PortalApp(DatabaseKind kind, string connection, string? sqliteFile, CapturedMail mail)
    {
        Kind = kind;
        _connection = connection;
        _sqliteFile = sqliteFile;
        Mail = mail;
    }

    /// <summary>The password of users made by <see cref="CreateUserAsync"/>.</summary>
    public const string Password = "Test#Passw0rd-Long";

    public DatabaseKind Kind { get; }

    public CapturedMail Mail { get; }

    public FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>Where this run's inquiry attachments are written; removed with the app.</summary>
    public string AttachmentFolder { get; } = Path.Combine(Path.GetTempPath(), $"portal-attachments-{Guid.NewGuid():N}");

    public static async Task<PortalApp> StartAsync(DatabaseKind kind, CapturedMail mail)
    {
        string connection;
        string? file = null;
        if (kind == DatabaseKind.Postgres)
        {
            connection = await TestPostgres.CreateDatabaseAsync("portal_web");
        }
        else
        {
            file = Path.Combine(Path.GetTempPath(), $"portal-web-{Guid.NewGuid():N}.db");
            connection = $"Data Source={file}";
        }
        // Migrate before the host starts: the data-protection key ring is read at start-up.
        await using (var context = CreateContext(kind, connection))
        {
            await context.Database.MigrateAsync();
        }
        return new PortalApp(kind, connection, file, mail);
    }

    private static PortalDbContext CreateContext(DatabaseKind kind, string connection)
    {
        if (kind == DatabaseKind.Postgres)
        {
            var postgres = new DbContextOptionsBuilder<PostgresPortalDbContext>();
            DatabaseRegistration.ConfigurePostgres(postgres, connection);
            return new PostgresPortalDbContext(postgres.Options);
        }
        var sqlite = new DbContextOptionsBuilder<SqlitePortalDbContext>();
        DatabaseRegistration.ConfigureSqlite(sqlite, connection);
        return new SqlitePortalDbContext(sqlite.Options);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Kind == DatabaseKind.Postgres ? "Postgres" : "Sqlite");
        builder.UseSetting("ConnectionStrings:Portal", _connection);
        builder.UseSetting("Database:MigrateAtStartup", "false");
        builder.UseSetting("Demo:SeedOnFirstStart", "false");
        builder.UseSetting("Mail:SmtpHost", "127.0.0.1");
        builder.UseSetting("Mail:SmtpPort", Mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Mail:DispatchIntervalSeconds", "0");
        // Tests run jobs themselves; no job server polls in the background.
        builder.UseSetting("Jobs:RunServer", "false");
        builder.UseSetting("PublicUrls:Portal", "http://localhost");
        builder.UseSetting("PublicUrls:Id", "http://localhost/id");
        builder.UseSetting("Helpdesk:AttachmentFolder", AttachmentFolder);
        if (RunLogs.Folder is { } logs)
        {
            // Everything the portal logs during the run also goes to a file that test.sh searches for secrets.
            builder.UseSetting("Logging:File", Path.Combine(logs, $"portal-{Kind.ToString().ToLowerInvariant()}-{Environment.ProcessId}.log"));
        }
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            // Password hashing at full strength makes every sign-in slow; tests keep the algorithm, not the cost.
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000);
            services.AddTransient<IStartupFilter, FailingPathFilter>();
            services.ConfigureHttpClientDefaults(b => b.ConfigurePrimaryHttpMessageHandler(() => new LoopbackOnlyHandler()));
        });
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so tests see every 302.</summary>
    public HttpClient NewClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Sends what the outbox holds through real SMTP.</summary>
    public async Task<int> DeliverMailAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchPendingAsync(CancellationToken.None);
    }

    /// <summary>Runs <paramref name="work"/> with a fresh database context.</summary>
    public async Task<T> WithDbAsync<T>(Func<PortalDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    public async Task WithServicesAsync(Func<IServiceProvider, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider);
    }

    /// <summary>Creates a user with a unique address; returns it with the password used.</summary>
    public async Task<(PortalUser User, string Password)> CreateUserAsync(string? name = null, bool isStaff = false, string language = Languages.Japanese)
    {
        const string password = Password;
        var email = $"{(name ?? "user").ToLowerInvariant()}-{Guid.NewGuid():N}@test.example";
        var user = new PortalUser
        {
            Id = Guid.CreateVersion7(), UserName = email, Email = email, EmailConfirmed = true, DisplayName = name ?? "Test User",
            Language = language, IsStaff = isStaff, CreatedAt = Clock.GetUtcNow(),
        };
        await WithServicesAsync(async services =>
        {
            var result = await services.GetRequiredService<UserManager<PortalUser>>().CreateAsync(user, password);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        });
        return (user, password);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(AttachmentFolder))
        {
            Directory.Delete(AttachmentFolder, recursive: true);
        }
        if (Kind == DatabaseKind.Postgres)
        {
            NpgsqlConnection.ClearAllPools();
        }
        else if (_sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(_sqliteFile);
        }
    }

    /// <summary>
    /// Adds <c>/__test/fail</c> (UI) and <c>/api/__test/fail</c> (API) behind the portal's own pipeline: a request that
    /// matches no endpoint reaches it and throws, so tests see what users see when something breaks.
    /// </summary>
    private sealed class FailingPathFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext context, Func<Task> next) =>
                context.Request.Path.Value?.EndsWith("/__test/fail", StringComparison.Ordinal) == true
                    ? throw new InvalidOperationException("Failure requested by a test.")
                    : next());
        };
    }

    /// <summary>Outbound network is blocked: only loopback addresses can be reached from code under test.</summary>
    private sealed class LoopbackOnlyHandler : HttpClientHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var host = request.RequestUri?.Host ?? "";
            if (host != "localhost" && !(IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip)))
            {
                throw new InvalidOperationException($"Outbound network is blocked in tests ({host}).");
            }
            return base.SendAsync(request, cancellationToken);
        }
    }
}
