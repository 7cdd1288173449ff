namespace DltBot.Discord.Gateway;

/// <summary>Which shards a process runs: the bot's total shard count and this process's share of it.</summary>
public sealed record GatewayShardingOptions
{
    /// <summary>Shards the bot has in total; 0 takes Discord's recommendation (<c>shards</c> of <c>GET /gateway/bot</c>).</summary>
    public int ShardCount { get; init; }

    /// <summary>The shards this process runs, each below the shard count; null runs all of them.</summary>
    public IReadOnlyList<int>? ShardIds { get; init; }

    /// <summary>More shards than this is a typo, not a bot: Discord's largest bots run tens of thousands at most.</summary>
    public const int MaxShardCount = 100_000;

    /// <summary>The shards to run once the count is known.</summary>
    /// <exception cref="ArgumentException">A listed shard is not below <paramref name="shardCount"/>.</exception>
    public IReadOnlyList<int> ShardsToRun(int shardCount)
    {
        if (ShardIds is null)
        {
            return [.. Enumerable.Range(0, shardCount)];
        }

        if (ShardIds.FirstOrDefault(id => id >= shardCount, -1) is var outside and >= 0)
        {
            var source = ShardCount > 0 ? "Discord:ShardCount" : "Discord's recommended shard count";
            throw new ArgumentException(
                $"Discord:ShardIds lists shard {outside}, but {source} is {shardCount} (ids run from 0 to {shardCount - 1})");
        }

        return ShardIds;
    }

    internal void Validate()
    {
        if (ShardCount is < 0 or > MaxShardCount)
        {
            throw new ArgumentException($"Discord:ShardCount {ShardCount} must be between 1 and {MaxShardCount} (0: Discord's recommendation).");
        }

        if (ShardIds is { Count: 0 })
        {
            throw new ArgumentException("Discord:ShardIds is an empty list; leave it unset to run every shard.");
        }

        if (ShardIds?.FirstOrDefault(id => id < 0, 0) is < 0 and var negative)
        {
            throw new ArgumentException($"Discord:ShardIds lists shard {negative}; shard ids start at 0.");
        }

        if (ShardCount > 0)
        {
            _ = ShardsToRun(ShardCount);
        }
    }
}

/// <summary>One shard of this process as the health check reports it.</summary>
public sealed record GatewayShardStatus(int ShardId, int ShardCount, GatewayClientState State)
{
    public bool IsLive => State == GatewayClientState.Ready;
}
