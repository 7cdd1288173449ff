using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DltBot.Discord.Gateway;

/// <summary>
/// The gateway sessions of this process, one <see cref="GatewayClient"/> per shard it runs. Each shard keeps its own
/// connection, heartbeat, sequence, session and resume URL, so a dropped shard resumes alone; all of them share one
/// <see cref="GatewayIdentifyBudget"/> (concurrency buckets and the session start limit are per bot) and one dispatch
/// handler.
/// </summary>
public sealed class GatewayShardSet : IHostedService, IAsyncDisposable
{
    private readonly GatewayClientOptions _options;
    private readonly GatewayShardingOptions _sharding;
    private readonly IGatewayTransportFactory _transports;
    private readonly IGatewayBotInfoSource _botInfo;
    private readonly IGatewayDispatchHandler _handler;
    private readonly TimeProvider _time;
    private readonly Random? _random;
    private readonly ILogger<GatewayClient> _logger;
    private readonly IGatewayReconnectDelay _countRetryDelay;
    private readonly IGatewayReconnectDelay? _reconnectDelay;
    private readonly IHostApplicationLifetime? _lifetime;
    private readonly GatewayIdentifyBudget _budget;
    private readonly CancellationTokenSource _stopping = new();
    private volatile GatewayClient[] _clients = [];
    private volatile GatewayFatalException? _fatal;
    private int _shardCount;
    private int _disposed;
    private Task? _starting;

    public GatewayShardSet(
        GatewayClientOptions options,
        GatewayShardingOptions sharding,
        IGatewayTransportFactory transports,
        IGatewayBotInfoSource botInfo,
        IGatewayDispatchHandler handler,
        TimeProvider? time = null,
        Random? random = null,
        ILogger<GatewayClient>? logger = null,
        IGatewayReconnectDelay? reconnectDelay = null,
        IHostApplicationLifetime? lifetime = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sharding);
        options.Validate();
        sharding.Validate();
        _options = options;
        _sharding = sharding;
        _transports = transports;
        _botInfo = botInfo;
        _handler = handler;
        _time = time ?? TimeProvider.System;
        _random = random;
        _logger = logger ?? NullLogger<GatewayClient>.Instance;
        _reconnectDelay = reconnectDelay;
        _countRetryDelay = reconnectDelay ?? new ExponentialGatewayReconnectDelay(random ?? Random.Shared);
        _lifetime = lifetime;
        _budget = new GatewayIdentifyBudget(_time, _logger);
    }

    /// <summary>This process's shards, in id order; empty until the shard count is known.</summary>
    public IReadOnlyList<GatewayClient> Shards => _clients;

    /// <summary>The bot's total shard count; 0 until known (the setting, or Discord's recommendation).</summary>
    public int ShardCount => Volatile.Read(ref _shardCount);

    /// <summary>True when every shard of this process is live (READY or RESUMED, not since disconnected).</summary>
    public bool IsReady => _clients is { Length: > 0 } clients && clients.All(c => c.IsReady);

    /// <summary>Set when the shards cannot run (a fatal close on any shard, or shard ids outside the count).</summary>
    public GatewayFatalException? FatalError => _fatal ?? _clients.Select(c => c.FatalError).FirstOrDefault(f => f is not null);

    public IReadOnlyList<GatewayShardStatus> Status() =>
        [.. _clients.Select(c => new GatewayShardStatus(c.ShardId, ShardCount, c.State))];

    /// <summary>Returns at once; the shard count (when it comes from Discord) and the sessions follow in the background.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_starting is not null)
        {
            throw new InvalidOperationException("The shards were already started; create a new set to start again.");
        }

        _starting = _sharding.ShardCount > 0
            ? StartShardsAsync(_sharding.ShardCount, "Discord:ShardCount")
            : Task.Run(StartWithRecommendedCountAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => StopAsync(keepSessionsResumable: false, cancellationToken);

    /// <param name="keepSessionsResumable">True closes every shard with a resumable code, for a restart that wants to resume.</param>
    public async Task StopAsync(bool keepSessionsResumable, CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_starting is not null)
        {
            await _starting.ConfigureAwait(false);
        }

        await Task.WhenAll(_clients.Select(c => c.StopAsync(keepSessionsResumable, cancellationToken))).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        foreach (var client in _clients)
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private async Task StartWithRecommendedCountAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                var info = await _botInfo.GetGatewayBotAsync(_stopping.Token).ConfigureAwait(false);
                _countRetryDelay.Reset();
                await StartShardsAsync(Math.Max(1, info.Shards), "Discord's recommendation").ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (GatewayFatalException fatal)
            {
                Fault(fatal);
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                var delay = _countRetryDelay.NextDelay();
                GatewayLog.ShardCountFailed(_logger, ex, delay);
                try
                {
                    await Task.Delay(delay, _time, _stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task StartShardsAsync(int shardCount, string source)
    {
        IReadOnlyList<int> ids;
        try
        {
            ids = _sharding.ShardsToRun(shardCount);
        }
        catch (ArgumentException ex) // only possible with Discord's count: a set count was checked at construction
        {
            Fault(new GatewayFatalException(new GatewayCloseDecision(null, GatewayReconnectAction.Stop, ex.Message,
                "set Discord:ShardIds to ids below the shard count, or leave it unset to run every shard")));
            return;
        }

        Volatile.Write(ref _shardCount, shardCount);
        var shardList = Format(ids);
        GatewayLog.ShardsStarting(_logger, shardList, shardCount, source);
        var clients = ids.Order().Select(id => new GatewayClient(
            _options with { ShardId = id, ShardCount = shardCount },
            _transports, _botInfo, _handler, _time, _random, _logger, _reconnectDelay, _lifetime, _budget)).ToArray();
        _budget.ExpectFirstIdentifies(ids);
        _clients = clients;
        foreach (var client in clients)
        {
            await client.StartAsync(_stopping.Token).ConfigureAwait(false);
        }
    }

    private void Fault(GatewayFatalException fatal)
    {
        _fatal = fatal;
        GatewayLog.Fatal(_logger, fatal.Message);
        _lifetime?.StopApplication();
    }

    /// <summary>"0-3" for a run, "0, 2, 5" otherwise: a log line must stay one line for 1000 shards too.</summary>
    private static string Format(IReadOnlyList<int> ids)
    {
        var sorted = ids.Order().ToArray();
        return sorted.Length > 1 && sorted[^1] - sorted[0] == sorted.Length - 1 ? $"{sorted[0]}-{sorted[^1]}" : string.Join(", ", sorted);
    }
}
