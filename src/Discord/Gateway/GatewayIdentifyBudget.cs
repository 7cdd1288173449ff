using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DltBot.Discord.Gateway;

/// <summary>
/// Keeps Identify within Discord's session_start_limit: never when none remain (running out resets the bot token),
/// and at most one per 5 seconds per max_concurrency bucket.
/// </summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "SemaphoreSlim only holds an OS handle once AvailableWaitHandle is read, which never happens here; the budget lives as long as its GatewayClient, one per process.")]
public sealed class GatewayIdentifyBudget
{
    public static readonly TimeSpan ConcurrencyWindow = TimeSpan.FromSeconds(5);

    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<int, DateTimeOffset> _lastIdentifyByBucket = [];
    private int? _total;
    private int? _remaining;
    private DateTimeOffset _resetAt;
    private int _maxConcurrency = 1;

    public GatewayIdentifyBudget(TimeProvider time, ILogger? logger = null)
    {
        _time = time;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Identifies left as far as this process knows (null until the first <see cref="Update"/>).</summary>
    public int? Remaining => _remaining;

    /// <summary>Takes the latest numbers from <c>GET /gateway/bot</c>; they replace the local count.</summary>
    public void Update(GatewaySessionStartLimit limit)
    {
        ArgumentNullException.ThrowIfNull(limit);
        _total = limit.Total;
        _remaining = limit.Remaining;
        _resetAt = _time.GetUtcNow() + limit.ResetAfter;
        _maxConcurrency = Math.Max(1, limit.MaxConcurrency);
    }

    /// <summary>Waits (through the TimeProvider) until an Identify for this shard is allowed, then counts it.</summary>
    public async Task WaitForTurnAsync(int shardId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow();
            if (_remaining <= 0)
            {
                if (now < _resetAt)
                {
                    var wait = _resetAt - now;
                    GatewayLog.IdentifyBudgetExhausted(_logger, _total ?? 0, wait, _resetAt);
                    await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                    now = _time.GetUtcNow();
                }

                _remaining = _total;
            }

            var bucket = shardId % _maxConcurrency;
            if (_lastIdentifyByBucket.TryGetValue(bucket, out var last) && now - last < ConcurrencyWindow)
            {
                await Task.Delay(last + ConcurrencyWindow - now, _time, cancellationToken).ConfigureAwait(false);
                now = _time.GetUtcNow();
            }

            _lastIdentifyByBucket[bucket] = now;
            if (_remaining is { } remaining)
            {
                _remaining = remaining - 1;
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
