using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Portal.Core.Data;

/// <summary>Used only by <c>dotnet ef migrations add</c>; the connection is never opened.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePortalDbContext>
{
    public SqlitePortalDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqlitePortalDbContext>();
        DatabaseRegistration.ConfigureSqlite(options, "Data Source=design.db");
        return new SqlitePortalDbContext(options.Options);
    }
}

/// <summary>Used only by <c>dotnet ef migrations add</c>; the connection is never opened.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresPortalDbContext>
{
    public PostgresPortalDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresPortalDbContext>();
        DatabaseRegistration.ConfigurePostgres(options, "Host=localhost;Database=design");
        return new PostgresPortalDbContext(options.Options);
    }
}
