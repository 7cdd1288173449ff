namespace DltBot.Storage;

/// <summary>
/// Word from other processes that a guild's catalog changes were committed. One SQLite file has one process, so its
/// feed is silent; PostgreSQL's is LISTEN/NOTIFY (<see cref="Sql.PostgresChangeFeed"/>).
/// </summary>
public interface ICatalogChangeFeed
{
    /// <summary>False when no other process can change this database (SQLite): there is nothing to listen for.</summary>
    bool IsShared { get; }

    /// <summary>
    /// Calls <paramref name="changed"/> with the guild of every change committed from now on, until
    /// <paramref name="ct"/> is cancelled. After each (re)connection it first calls <paramref name="resync"/>: changes
    /// committed while it was not listening were not announced to it. A lost connection is reported to
    /// <paramref name="lost"/> (the reason and the wait before the next try) and retried, never thrown.
    /// </summary>
    Task ListenAsync(Func<string, CancellationToken, Task> changed, Func<CancellationToken, Task> resync, Action<string, TimeSpan> lost, CancellationToken ct);

    /// <summary>
    /// Tells every listening process (this one included) about <paramref name="key"/>, outside any store write: e.g.
    /// <see cref="UpstreamKey"/> when this process found a new upstream list. Nothing happens where nobody else listens.
    /// </summary>
    Task AnnounceAsync(string key, CancellationToken ct);

    /// <summary>The key announced when the upstream list changed; never a guild key (those are decimal ids or <c>local</c>).</summary>
    public const string UpstreamKey = "@upstream";
}

/// <summary>
/// Locks for start-up work that one process of a deploy should do (registering slash commands). On SQLite the data
/// directory's lock file already makes the process the only one, so every lock is granted.
/// </summary>
public interface IStartupLocks
{
    /// <summary>
    /// The lock named <paramref name="name"/> if no other process holds it (held until disposed, or until this process
    /// dies); null when another process holds it. Never waits.
    /// </summary>
    Task<IAsyncDisposable?> TryAcquireAsync(string name, CancellationToken ct);

    /// <summary>The lock named <paramref name="name"/>, waiting while another process holds it; held until disposed.</summary>
    Task<IAsyncDisposable> AcquireAsync(string name, CancellationToken ct);
}

internal sealed class SilentChangeFeed : ICatalogChangeFeed
{
    public bool IsShared => false;

    public Task ListenAsync(Func<string, CancellationToken, Task> changed, Func<CancellationToken, Task> resync, Action<string, TimeSpan> lost, CancellationToken ct) =>
        Task.CompletedTask;

    public Task AnnounceAsync(string key, CancellationToken ct) => Task.CompletedTask;
}

internal sealed class SoleProcessLocks : IStartupLocks
{
    public Task<IAsyncDisposable?> TryAcquireAsync(string name, CancellationToken ct) => Task.FromResult<IAsyncDisposable?>(Granted.Instance);

    public Task<IAsyncDisposable> AcquireAsync(string name, CancellationToken ct) => Task.FromResult<IAsyncDisposable>(Granted.Instance);

    private sealed class Granted : IAsyncDisposable
    {
        public static readonly Granted Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
