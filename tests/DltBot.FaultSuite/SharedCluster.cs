[assembly: AssemblyFixture(typeof(DltBot.FaultSuite.SharedCluster))]

namespace DltBot.FaultSuite;

/// <summary>
/// One private cluster for the cases that never stop the server, each on a database of its own; started by the first
/// case that asks, removed after the last. Cases that stop or restart PostgreSQL start a cluster of their own.
/// </summary>
public sealed class SharedCluster : IAsyncDisposable
{
    private readonly Lazy<Task<PostgresCluster>> _cluster = new(() => PostgresCluster.StartAsync(CancellationToken.None));

    /// <summary>A new database on the shared cluster; skips the calling test (with the reason) when PostgreSQL is missing.</summary>
    public async Task<(PostgresCluster Cluster, string ConnectionString)> DatabaseAsync(CancellationToken ct)
    {
        if (PostgresCluster.UnavailableReason is { } reason) Assert.Skip(reason);
        var cluster = await _cluster.Value.WaitAsync(ct);
        return (cluster, await cluster.CreateDatabaseAsync($"faults_{Guid.NewGuid():N}", ct));
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster.IsValueCreated && _cluster.Value.IsCompletedSuccessfully) await (await _cluster.Value).DisposeAsync();
    }
}
