using Npgsql;
using Portal.Core.Data;

namespace Portal.Web.Infrastructure.Jobs;

/// <summary>
/// Lets one charges recompute run at a time across every process, and dies with the process that holds it. On
/// PostgreSQL it is a session-level advisory lock on a connection of its own (not pooled): a worker killed mid-run
/// closes that connection with the process, the server releases the lock at once and the job taken over by another
/// worker proceeds. A lock row in the job store would instead outlive the killed worker until its timeout. SQLite runs
/// in one process, where a semaphore is enough.
/// </summary>
public sealed class ChargesRefreshLock : IDisposable
{
    // Any fixed number; advisory locks are per database, so it only has to be unique within the portal's.
    private const long AdvisoryKey = 0x504f5254_414c0001;

    private readonly string? _postgres;
    private readonly SemaphoreSlim _local = new(1, 1);

    public ChargesRefreshLock(DatabaseProvider provider, string? connectionString)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            // Unpooled, so that disposing the connection really closes it (a pooled one would keep the lock while idle).
            _postgres = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
        }
    }

    /// <summary>Waits for the lock (up to <paramref name="timeout"/>, then throws); disposing the result releases it.</summary>
    public async Task<IAsyncDisposable> AcquireAsync(TimeSpan timeout, CancellationToken ct)
    {
        if (_postgres is null)
        {
            if (!await _local.WaitAsync(timeout, ct))
            {
                throw new TimeoutException($"Another charges recompute held the lock for more than {timeout}.");
            }
            return new Release(_local);
        }
        var connection = new NpgsqlConnection(_postgres);
        try
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection) { CommandTimeout = (int)timeout.TotalSeconds };
            command.Parameters.AddWithValue("key", AdvisoryKey);
            await command.ExecuteNonQueryAsync(ct);
            // Closing the session releases a session-level advisory lock.
            return connection;
        }
        catch (NpgsqlException e) when (e.InnerException is TimeoutException)
        {
            await connection.DisposeAsync();
            throw new TimeoutException($"Another charges recompute held the lock for more than {timeout}.", e);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public void Dispose() => _local.Dispose();

    private sealed class Release(SemaphoreSlim semaphore) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                semaphore.Release();
            }
            return ValueTask.CompletedTask;
        }
    }
}
