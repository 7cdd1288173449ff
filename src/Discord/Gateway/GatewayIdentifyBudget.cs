using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DltBot.Discord.Gateway;

/// <summary>
/// Keeps Identify within Discord's session_start_limit: never when none remain (running out resets the bot token),
/// and at most one per 5 seconds per max_concurrency bucket (<c>shard_id % max_concurrency</c>). Shards of one bucket
/// take turns; shards of different buckets never wait for each other. One budget is shared by every shard of a process.
/// </summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "SemaphoreSlim only holds an OS handle once AvailableWaitHandle is read, which never happens here; the budget lives as long as its shards, one per process.")]
public sealed class GatewayIdentifyBudget
{
    public static readonly TimeSpan ConcurrencyWindow = TimeSpan.FromSeconds(5);

    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _limitGate = new(1, 1);
    private readonly Dictionary<int, SemaphoreSlim> _bucketGates = [];
    private readonly Dictionary<int, DateTimeOffset> _lastIdentifyByBucket = [];
    private int? _total;
    private int? _remaining;
    private DateTimeOffset _resetAt;
    private int _maxConcurrency = 1;
    private readonly SortedSet<int> _firstIdentifiesDue = [];
    private TaskCompletionSource _firstIdentifyTaken = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public GatewayIdentifyBudget(TimeProvider time, ILogger? logger = null)
    {
        _time = time;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Identifies left as far as this process knows (null until the first <see cref="Update"/>).</summary>
    public int? Remaining
    {
        get
        {
            lock (_lock)
            {
                return _remaining;
            }
        }
    }

    public int MaxConcurrency
    {
        get
        {
            lock (_lock)
            {
                return _maxConcurrency;
            }
        }
    }

    /// <summary>Takes the latest numbers from <c>GET /gateway/bot</c>; they replace the local count.</summary>
    public void Update(GatewaySessionStartLimit limit)
    {
        ArgumentNullException.ThrowIfNull(limit);
        lock (_lock)
        {
            _total = limit.Total;
            _remaining = limit.Remaining;
            _resetAt = _time.GetUtcNow() + limit.ResetAfter;
            _maxConcurrency = Math.Max(1, limit.MaxConcurrency);
        }
    }

    /// <summary>
    /// Declares the shards about to identify for the first time: within a bucket they then go in id order (as Discord
    /// asks), whichever of them happens to ask first.
    /// </summary>
    public void ExpectFirstIdentifies(IEnumerable<int> shardIds)
    {
        lock (_lock)
        {
            _firstIdentifiesDue.UnionWith(shardIds);
        }
    }

    /// <summary>Waits (through the TimeProvider) until an Identify for this shard is allowed, then counts it.</summary>
    public async Task WaitForTurnAsync(int shardId, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shardId);
        await WaitForLowerShardsOfBucketAsync(shardId, cancellationToken).ConfigureAwait(false);
        var bucket = shardId % MaxConcurrency;
        var gate = BucketGate(bucket);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            DateTimeOffset? last;
            lock (_lock)
            {
                last = _lastIdentifyByBucket.TryGetValue(bucket, out var seen) ? seen : null;
            }

            var now = _time.GetUtcNow();
            if (last is { } previous && now - previous < ConcurrencyWindow)
            {
                await Task.Delay(previous + ConcurrencyWindow - now, _time, cancellationToken).ConfigureAwait(false);
            }

            await TakeSessionStartAsync(cancellationToken).ConfigureAwait(false);
            lock (_lock)
            {
                _lastIdentifyByBucket[bucket] = _time.GetUtcNow();
                if (_firstIdentifiesDue.Remove(shardId))
                {
                    _firstIdentifyTaken.TrySetResult();
                    _firstIdentifyTaken = new(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task WaitForLowerShardsOfBucketAsync(int shardId, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task taken;
            lock (_lock)
            {
                var concurrency = _maxConcurrency;
                if (shardId == 0 || !_firstIdentifiesDue.Contains(shardId)
                    || !_firstIdentifiesDue.GetViewBetween(0, shardId - 1).Any(id => id % concurrency == shardId % concurrency))
                {
                    return;
                }

                taken = _firstIdentifyTaken.Task;
            }

            await taken.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private SemaphoreSlim BucketGate(int bucket)
    {
        lock (_lock)
        {
            if (!_bucketGates.TryGetValue(bucket, out var gate))
            {
                gate = new SemaphoreSlim(1, 1);
                _bucketGates[bucket] = gate;
            }

            return gate;
        }
    }

    /// <summary>Shared by all buckets: the daily limit counts every shard's identifies.</summary>
    private async Task TakeSessionStartAsync(CancellationToken cancellationToken)
    {
        await _limitGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            int? remaining, total;
            DateTimeOffset resetAt;
            lock (_lock)
            {
                (remaining, total, resetAt) = (_remaining, _total, _resetAt);
            }

            var now = _time.GetUtcNow();
            if (remaining <= 0 && now < resetAt)
            {
                var wait = resetAt - now;
                GatewayLog.IdentifyBudgetExhausted(_logger, total ?? 0, wait, resetAt);
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }

            lock (_lock)
            {
                if (_remaining <= 0)
                {
                    _remaining = _total;
                }

                if (_remaining is { } left)
                {
                    _remaining = left - 1;
                }
            }
        }
        finally
        {
            _limitGate.Release();
        }
    }
}
