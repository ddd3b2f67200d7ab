using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Web.Infrastructure;

/// <summary>Applies the provider's migrations (<c>portal migrate</c>, and at start-up on the embedded default).</summary>
public sealed partial class DatabaseMigrator(PortalDbContext db, Features.Helpdesk.ApplicationInquiries applicationInquiries, ILogger<DatabaseMigrator> logger)
{
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
        {
            LogApplying(logger, pending.Count, db.Database.ProviderName ?? "?");
            await db.Database.MigrateAsync(ct);
        }
        // Applications stored before the helpdesk existed get their inquiry (a no-op once they all have one).
        await applicationInquiries.BackfillAsync(ct);
        return pending;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} migration(s) on {Provider}")]
    private static partial void LogApplying(ILogger logger, int count, string provider);
}

public static class DatabaseStartup
{
    /// <summary>
    /// On the embedded default (SQLite) the portal migrates its own database and, on first start, fills it with the
    /// demo so that one command gives a working portal. On PostgreSQL, operators run <c>portal migrate</c> instead.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<DatabaseOptions>();
        if (options.Provider != DatabaseProvider.Sqlite || !app.Configuration.GetValue("Database:MigrateAtStartup", true))
        {
            return;
        }
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        if (app.Configuration.GetValue("Demo:SeedOnFirstStart", false))
        {
            var seeder = scope.ServiceProvider.GetRequiredService<Features.Demo.DemoSeeder>();
            var result = await seeder.SeedIfEmptyAsync(CancellationToken.None);
            var urls = app.Configuration["PublicUrls:Portal"] ?? "http://localhost:5080";
            Console.WriteLine(result.Describe(urls));
        }
    }
}
