using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Portal.Core.Data;
using Portal.Core.Identity;
using Portal.Web.Infrastructure;
using Portal.Web.Infrastructure.Jobs;

[assembly: AssemblyFixture(typeof(Portal.Reliability.Tests.Deployment))]

namespace Portal.Reliability.Tests;

/// <summary>
/// The portal as operators run it on several machines (docs/operations.md): one PostgreSQL database (on a private
/// cluster the tests may stop), two web nodes with <c>Jobs:RunServer=false</c> and two <c>portal worker</c> processes,
/// all mailing through one SMTP server that tests can take down. Shared by the tests of the run, which run one at a
/// time and leave it whole.
/// </summary>
public sealed class Deployment : IAsyncLifetime
{
    public const string Password = "Reliab1lity#Passw0rd";

    private readonly List<PortalProcess> _retired = [];
    private ServiceProvider? _services;

    public PrivatePostgres Cluster { get; private set; } = null!;

    public string Database { get; private set; } = "";

    public string ConnectionString => Cluster.ConnectionTo(Database);

    public SmtpCapture Smtp { get; } = new();

    public string AttachmentFolder { get; } = Path.Combine(Path.GetTempPath(), "prel-attachments-" + Guid.NewGuid().ToString("N")[..8]);

    public PortalProcess WebA { get; private set; } = null!;

    public PortalProcess WebB { get; private set; } = null!;

    public PortalProcess[] Workers { get; } = new PortalProcess[2];

    /// <summary>Every process this run started, for the log checks (replaced workers included).</summary>
    public IEnumerable<PortalProcess> AllProcesses => _retired.Concat([WebA, WebB, .. Workers]);

    /// <summary>The configuration every process gets (environment variables, as in a container).</summary>
    public Dictionary<string, string> Settings => new()
    {
        ["Database:Provider"] = "Postgres",
        ["ConnectionStrings:Portal"] = ConnectionString,
        ["Database:MigrateAtStartup"] = "false",
        ["Demo:SeedOnFirstStart"] = "false",
        ["Mail:SmtpHost"] = "127.0.0.1",
        ["Mail:SmtpPort"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:DispatchIntervalSeconds"] = "1",
        ["PublicUrls:Portal"] = "http://127.0.0.1",
        ["PublicUrls:Id"] = "http://127.0.0.1/id",
        ["Helpdesk:AttachmentFolder"] = AttachmentFolder,
        ["Billing:TempDirectory"] = Path.GetTempPath(),
        // A killed worker's job is taken over after this; live workers keep extending it.
        ["Jobs:InvisibilityTimeout"] = "00:00:15",
        ["Jobs:WorkerCount"] = "2",
        ["MembersId:AnonymousPostsPerMinute"] = "0",
        // The longest poll: tests enqueue the ingestion they measure themselves.
        ["Billing:PollInterval"] = "00:59:00",
    };

    public async ValueTask InitializeAsync()
    {
        Cluster = await PrivatePostgres.StartAsync();
        Database = await Cluster.CreateDatabaseAsync("portal_rel");
        await PortalProcess.RunCliAsync(Settings, "migrate");
        await Smtp.StartAsync();
        // All four at once, as a deployment starts them: nobody waits for a key ring or a job schema.
        WebA = PortalProcess.StartWeb("web-a", WebSettings);
        WebB = PortalProcess.StartWeb("web-b", WebSettings);
        Workers[0] = PortalProcess.StartWorker("worker-1", Settings);
        Workers[1] = PortalProcess.StartWorker("worker-2", Settings);
        await Task.WhenAll(WebA.WaitHealthyAsync(TimeSpan.FromMinutes(4)), WebB.WaitHealthyAsync(TimeSpan.FromMinutes(4)));
        await Task.WhenAll(Workers.Select(w => w.WaitForOutputAsync("Worker started", TimeSpan.FromMinutes(4))));
    }

    private Dictionary<string, string> WebSettings => new(Settings) { ["Jobs:RunServer"] = "false" };

    /// <summary>Kills a worker (SIGKILL) if it still runs.</summary>
    public void KillWorker(int index) => Workers[index].Kill();

    /// <summary>Replaces a worker by a fresh process, as a supervisor would, optionally with extra settings.</summary>
    public async Task RestartWorkerAsync(int index, IReadOnlyDictionary<string, string>? extra = null)
    {
        Workers[index].Kill();
        _retired.Add(Workers[index]);
        Workers[index] = PortalProcess.StartWorker($"worker-{index + 1}-{_retired.Count}", With(Settings, extra));
        await Workers[index].WaitForOutputAsync("Worker started", TimeSpan.FromMinutes(4));
    }

    /// <summary>Replaces web node A by a fresh process (on a new port), optionally with extra settings.</summary>
    public async Task RestartWebAAsync(IReadOnlyDictionary<string, string>? extra = null)
    {
        WebA.Kill();
        _retired.Add(WebA);
        WebA = PortalProcess.StartWeb($"web-a-{_retired.Count}", With(WebSettings, extra));
        await WebA.WaitHealthyAsync(TimeSpan.FromMinutes(4));
    }

    private static Dictionary<string, string> With(Dictionary<string, string> settings, IReadOnlyDictionary<string, string>? extra)
    {
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }
        return settings;
    }

    /// <summary>The portal's services on the shared database, for preparing data and reading outcomes.</summary>
    public IServiceProvider Services => _services ??= BuildServices();

    public async Task<T> WithDbAsync<T>(Func<PortalDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    public async Task<T> WithServicesAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>A confirmed user with <see cref="Password"/> and a unique address.</summary>
    public Task<PortalUser> CreateUserAsync(string name) => WithServicesAsync(async services =>
    {
        var email = $"{name}-{Guid.NewGuid():N}@rel.example";
        var user = new PortalUser
        {
            Id = Guid.CreateVersion7(), UserName = email, Email = email, EmailConfirmed = true, DisplayName = name,
            Language = Languages.Japanese, CreatedAt = DateTimeOffset.UtcNow,
        };
        var result = await services.GetRequiredService<UserManager<PortalUser>>().CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return user;
    });

    /// <summary>A staff user with MFA enrolled (staff must have it); returns the authenticator key for the codes.</summary>
    public async Task<(PortalUser Staff, string AuthenticatorKey)> CreateStaffAsync(string name)
    {
        var staff = await CreateUserAsync(name);
        var key = await WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<PortalUser>>();
            var user = (await users.FindByIdAsync(staff.Id.ToString()))!;
            user.IsStaff = true;
            Assert.True((await users.UpdateAsync(user)).Succeeded);
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            return (await users.GetAuthenticatorKeyAsync(user))!;
        });
        return (staff, key);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in AllProcesses.Where(p => p is not null))
        {
            await process.DisposeAsync();
        }
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
        await Smtp.DisposeAsync();
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
        if (Directory.Exists(AttachmentFolder))
        {
            Directory.Delete(AttachmentFolder, recursive: true);
        }
    }

    private ServiceProvider BuildServices()
    {
        // Jobs are enqueued from here, never run here.
        var settings = new Dictionary<string, string>(Settings) { ["Jobs:RunServer"] = "false" };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new TestHostEnvironment());
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddPortalServices(configuration);
        services.AddPortalJobs(configuration);
        return services.BuildServiceProvider();
    }

    private sealed class TestHostEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Production";

        public string ApplicationName { get; set; } = "Portal.Reliability.Tests";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}

/// <summary>Runs SQL on a database of the private cluster (for reading job store tables the model does not map).</summary>
public static class Sql
{
    public static async Task<List<object?[]>> QueryAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
            rows.Add(row);
        }
        return rows;
    }

    public static async Task<long> ScalarAsync(string connectionString, string sql) =>
        Convert.ToInt64((await QueryAsync(connectionString, sql))[0][0], System.Globalization.CultureInfo.InvariantCulture);
}
