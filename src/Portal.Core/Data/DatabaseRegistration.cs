using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Core.Data;

public static class DatabaseRegistration
{
    /// <summary>The SQLite file used when no connection string is configured.</summary>
    public const string DefaultSqliteConnection = "Data Source=data/portal.db";

    /// <summary>
    /// Registers <see cref="PortalDbContext"/> on the configured provider (<c>Database:Provider</c>, connection string
    /// <c>ConnectionStrings:Portal</c>).
    /// </summary>
    public static IServiceCollection AddPortalDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration.GetValue(DatabaseOptions.Section + ":Provider", DatabaseProvider.Sqlite);
        var connection = configuration.GetConnectionString("Portal");
        if (provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(connection))
            {
                throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Portal is not set.");
            }
            services.AddDbContext<PostgresPortalDbContext>(o => ConfigurePostgres(o, connection));
            services.AddScoped<PortalDbContext>(sp => sp.GetRequiredService<PostgresPortalDbContext>());
        }
        else
        {
            var sqlite = string.IsNullOrWhiteSpace(connection) ? DefaultSqliteConnection : connection;
            EnsureSqliteFolder(sqlite);
            services.AddDbContext<SqlitePortalDbContext>(o => ConfigureSqlite(o, sqlite));
            services.AddScoped<PortalDbContext>(sp => sp.GetRequiredService<SqlitePortalDbContext>());
        }
        services.AddSingleton(new DatabaseOptions { Provider = provider });
        return services;
    }

    // No retrying execution strategy: use cases run explicit transactions (claims, last-power-user checks), which a
    // retrying strategy refuses. A failed request is retried by the user or the job engine as a whole.
    public static void ConfigurePostgres(DbContextOptionsBuilder options, string connection) =>
        options.UseNpgsql(connection).UseSnakeCaseNamingConvention();

    public static void ConfigureSqlite(DbContextOptionsBuilder options, string connection) =>
        options.UseSqlite(connection).UseSnakeCaseNamingConvention();

    private static void EnsureSqliteFolder(string connection)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connection);
        var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(folder) && builder.Mode != Microsoft.Data.Sqlite.SqliteOpenMode.Memory)
        {
            Directory.CreateDirectory(folder);
        }
    }
}
