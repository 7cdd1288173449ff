using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Npgsql;

namespace DltBot.Storage.Sql;

/// <summary>
/// LISTEN on <see cref="PostgresProvider.ChangeChannel"/> over a connection of its own. Every store write NOTIFYs in its
/// transaction, so a change reaches every listening process when it commits. A connection that is lost (server restart,
/// network) is reopened with backoff, and each new one resyncs first, since NOTIFYs sent meanwhile are gone.
/// </summary>
public sealed class PostgresChangeFeed(PostgresProvider provider, TimeProvider time) : ICatalogChangeFeed
{
    /// <summary>How long the connection may sit idle before a <c>SELECT 1</c> checks it is still there.</summary>
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1), MaxRetry = TimeSpan.FromSeconds(30);

    public bool IsShared => true;

    public async Task ListenAsync(Func<string, CancellationToken, Task> changed, Func<CancellationToken, Task> resync, Action<string, TimeSpan> lost, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(changed);
        ArgumentNullException.ThrowIfNull(resync);
        ArgumentNullException.ThrowIfNull(lost);
        var retry = FirstRetry;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await ListenOnceAsync(changed, resync, () => retry = FirstRetry, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or StoreUnavailableException or IOException or TimeoutException)
            {
                lost(e.Message.ReplaceLineEndings(" "), retry);
            }

            try
            {
                await Task.Delay(retry, time, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            retry = retry * 2 > MaxRetry ? MaxRetry : retry * 2;
        }
    }

    public async Task AnnounceAsync(string key, CancellationToken ct)
    {
        try
        {
            await using var connection = new NpgsqlConnection(provider.ConnectionString);
            await connection.OpenAsync(ct).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_notify(@channel, @key)", new { channel = PostgresProvider.ChangeChannel, key }, cancellationToken: ct)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException && provider.Translate(e, $"announcing {key}") is { } unavailable)
        {
            throw unavailable;
        }
    }

    private async Task ListenOnceAsync(Func<string, CancellationToken, Task> changed, Func<CancellationToken, Task> resync, Action connected, CancellationToken ct)
    {
        // Not pooled: the LISTEN lives as long as this connection, and a broken one must not go back to a pool.
        var builder = new NpgsqlConnectionStringBuilder(provider.ConnectionString) { Pooling = false, KeepAlive = (int)KeepAlive.TotalSeconds };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        var pending = System.Threading.Channels.Channel.CreateUnbounded<string>();
        connection.Notification += (_, e) => pending.Writer.TryWrite(e.Payload);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition($"LISTEN {PostgresProvider.ChangeChannel}", cancellationToken: ct)).ConfigureAwait(false);
        // Listening from here on: whatever committed before is read by the resync, whatever commits after is announced.
        await resync(ct).ConfigureAwait(false);
        connected();
        while (true)
        {
            if (!await connection.WaitAsync(KeepAlive, ct).ConfigureAwait(false))
                await connection.ExecuteAsync(new CommandDefinition("SELECT 1", cancellationToken: ct)).ConfigureAwait(false);
            // Many changes to one guild in a burst need one refresh.
            var guilds = new HashSet<string>(StringComparer.Ordinal);
            while (pending.Reader.TryRead(out var guild)) guilds.Add(guild);
            foreach (var guild in guilds) await changed(guild, ct).ConfigureAwait(false);
        }
    }
}

/// <summary>
/// <c>pg_try_advisory_lock</c> on a connection of its own, held until disposed; the server releases it when the
/// process dies (its session ends), so a crashed holder never blocks the next deploy.
/// </summary>
public sealed class PostgresStartupLocks(PostgresProvider provider) : IStartupLocks
{
    public Task<IAsyncDisposable?> TryAcquireAsync(string name, CancellationToken ct) => LockAsync(name, wait: false, ct);

    public async Task<IAsyncDisposable> AcquireAsync(string name, CancellationToken ct) => (await LockAsync(name, wait: true, ct).ConfigureAwait(false))!;

    private async Task<IAsyncDisposable?> LockAsync(string name, bool wait, CancellationToken ct)
    {
        var key = KeyOf(name);
        var builder = new NpgsqlConnectionStringBuilder(provider.ConnectionString) { Pooling = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            // Waiting has no timeout: whoever holds it is doing the same start-up work, and its session ends if it dies.
            var sql = wait ? "SELECT pg_advisory_lock(@key) IS NOT NULL" : "SELECT pg_try_advisory_lock(@key)";
            var granted = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(sql, new { key }, commandTimeout: 0, cancellationToken: ct)).ConfigureAwait(false);
            if (granted) return new Held(connection, key);
            await connection.DisposeAsync().ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException && provider.Translate(e, $"taking the start-up lock {name}") is { } unavailable)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw unavailable;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// A 64-bit key from the name: <c>dltbot</c> in ASCII, then 16 bits of the name's hash. The store's own locks are
    /// <c>dltbot</c> shifted by one byte less, so the two never meet, nor (very likely) another application's.
    /// </summary>
    internal static long KeyOf(string name) =>
        (0x646c74626f74L << 16) | BinaryPrimitives.ReadUInt16BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(name)));

    private sealed class Held(NpgsqlConnection connection, long key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(@key)", new { key })).ConfigureAwait(false);
            }
            catch (NpgsqlException)
            {
                // The session is gone, and its lock with it.
            }
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
