using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Portal.Core.Data;

namespace Portal.Web.Infrastructure.Jobs;

/// <summary>The <c>Jobs</c> configuration section.</summary>
public sealed class JobOptions
{
    public const string Section = "Jobs";

    /// <summary>Run a job server in this process (the web host by default; <c>portal worker</c> always does).</summary>
    public bool RunServer { get; set; } = true;

    public int WorkerCount { get; set; } = 2;

    /// <summary>
    /// How long a job fetched by a process that stopped heart-beating (killed, machine lost) stays invisible before
    /// another worker takes it over. Live workers extend it while they run, so a long job is never taken twice.
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Background work on Hangfire (docs/adr/0004): on PostgreSQL the job store is shared, so several web nodes and workers
/// run each job once; on the embedded SQLite default the store is in memory (one process).
/// </summary>
public static class Jobs
{
    public static IServiceCollection AddPortalJobs(this IServiceCollection services, IConfiguration configuration, bool forceServer = false)
    {
        var options = configuration.GetSection(JobOptions.Section).Get<JobOptions>() ?? new JobOptions();
        var provider = configuration.GetValue(DatabaseOptions.Section + ":Provider", DatabaseProvider.Sqlite);
        var connection = configuration.GetConnectionString("Portal");
        // The storage is this container's own singleton: Hangfire's default registration would use its process-wide
        // JobStorage.Current, and two hosts in one process (the tests) must not share a store.
        services.AddSingleton<JobStorage>(_ => provider == DatabaseProvider.Postgres
            ? new PostgreSqlStorage(new JobStoreConnections(connection!), new PostgreSqlStorageOptions
            {
                SchemaName = "hangfire",
                PrepareSchemaIfNecessary = true,
                QueuePollInterval = TimeSpan.FromSeconds(2),
                InvisibilityTimeout = options.InvisibilityTimeout,
                UseSlidingInvisibilityTimeout = true,
            })
            : new InMemoryStorage());
        services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        if (options.RunServer || forceServer)
        {
            services.AddHangfireServer(o =>
            {
                o.WorkerCount = Math.Max(1, options.WorkerCount);
                o.SchedulePollingInterval = TimeSpan.FromSeconds(5);
            });
            services.AddHostedService<RecurringJobRegistration>();
        }
        services.AddScoped<IngestBillingSources>();
        services.AddSingleton(_ => new ChargesRefreshLock(provider, connection));
        services.AddScoped<RefreshCharges>();
        return services;
    }
}

/// <summary>Opens a connection to the job store (the portal's own PostgreSQL database, schema <c>hangfire</c>).</summary>
internal sealed class JobStoreConnections(string connectionString) : IConnectionFactory
{
    public Npgsql.NpgsqlConnection GetOrCreateConnection() => new(connectionString);
}
