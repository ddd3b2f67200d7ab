using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace Portal.Web.Infrastructure;

/// <summary>
/// The data-protection key ring that every web node and worker shares through the database (docs/operations.md). Its
/// first key is created by <c>portal migrate</c>, before any node starts: nodes starting together on an empty ring
/// would each create a key of their own. New keys come from <c>portal keys rotate</c>.
/// </summary>
public static class KeyRing
{
    /// <summary>The framework's default key lifetime.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(90);

    /// <summary>
    /// Nodes reload the ring from the database at least once a day; a rotated key becomes the default only after that,
    /// so that no node meets a cookie protected with a key it has not loaded yet.
    /// </summary>
    public static readonly TimeSpan DefaultActivationDelay = TimeSpan.FromHours(48);

    /// <summary>Creates a key that is active at once when the ring has none usable; true when it did.</summary>
    public static bool EnsureKey(IServiceProvider services)
    {
        var keys = services.GetRequiredService<IKeyManager>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now))
        {
            return false;
        }
        keys.CreateNewKey(now, now + Lifetime);
        return true;
    }

    /// <summary>Adds a key that becomes the default after <paramref name="activateAfter"/>; older keys still read old cookies.</summary>
    public static IKey Rotate(IServiceProvider services, TimeSpan activateAfter)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        return services.GetRequiredService<IKeyManager>().CreateNewKey(now + activateAfter, now + activateAfter + Lifetime);
    }

    public static IReadOnlyList<IKey> All(IServiceProvider services) =>
        services.GetRequiredService<IKeyManager>().GetAllKeys().OrderBy(k => k.ActivationDate).ToList();
}
