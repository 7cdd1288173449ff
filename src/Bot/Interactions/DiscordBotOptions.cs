using System.Globalization;
using System.Text.RegularExpressions;

namespace DltBot.Bot.Interactions;

public enum BotMode { Console, Gateway, Http }

/// <summary>The <c>Discord</c> configuration section. Every key is documented in appsettings.json.</summary>
public sealed class DiscordBotOptions
{
    public const string Section = "Discord";

    /// <summary><c>Gateway</c>, <c>Http</c> or <c>Console</c>; empty picks Gateway when a token is set, else Console.</summary>
    public string? Mode { get; set; }

    public string? Token { get; set; }

    /// <summary>The application (client) id from the Developer Portal.</summary>
    public string? ApplicationId { get; set; }

    /// <summary>The application's Ed25519 public key (64 hex characters); needed in Http mode.</summary>
    public string? PublicKey { get; set; }

    public string ApiBaseUrl { get; set; } = "https://discord.com/api/v10";

    /// <summary>Register commands to this guild only (instant updates while developing); empty registers globally.</summary>
    public string? DevGuildId { get; set; }

    /// <summary>Where Kestrel listens in Gateway and Http modes (for /interactions and /healthz).</summary>
    public string Urls { get; set; } = "http://0.0.0.0:8080";

    /// <summary>A command not finished after this long is deferred (Discord allows 3 s for the first answer).</summary>
    public TimeSpan DeferAfter { get; set; } = TimeSpan.FromMilliseconds(1500);

    /// <summary>Register the command definitions at start (only sent when they differ from Discord's copy).</summary>
    public bool RegisterCommands { get; set; } = true;

    /// <summary>
    /// How many commands (and component clicks) run at once, each on its own worker thread outside the thread pool;
    /// 0 picks twice the core count.
    /// </summary>
    public int MaxConcurrentCommands { get; set; }

    /// <summary>How many more may wait for a worker; beyond that a command is answered "busy" at once. 0 picks 16 per worker.</summary>
    public int MaxQueuedCommands { get; set; }

    /// <summary>At shutdown, how long answers already being worked on may take to finish before they are given up (and logged).</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The bot's total gateway shard count; 0 takes Discord's recommendation (GET /gateway/bot). Gateway mode only.</summary>
    public int ShardCount { get; set; }

    /// <summary>The shards this instance runs, e.g. <c>0-3</c> or <c>0,2,5</c>; empty runs all of them. Gateway mode only.</summary>
    public string? ShardIds { get; set; }

    /// <summary>
    /// This instance's share of Discord's global limit, in bot requests per rolling second. Discord allows a bot 50 in
    /// all, whatever the number of processes: N instances of one bot each set 50/N (rounded down).
    /// </summary>
    public int GlobalRateLimit { get; set; } = DltBot.Discord.Rest.DiscordRestOptions.DefaultGlobalRequestsPerSecond;

    /// <summary>Discord raises the global limit of very large bots on request; nothing granted is above this.</summary>
    public const int MaxGlobalRateLimit = 10_000;

    /// <summary>The parsed <see cref="ShardIds"/> (null: all shards).</summary>
    /// <exception cref="DiscordConfigurationException">The list is malformed.</exception>
    public IReadOnlyList<int>? ShardIdList => ShardIdParser.Parse(ShardIds);

    /// <summary>The worker count in force: the setting, or twice the core count (at least 2).</summary>
    public int CommandWorkers => MaxConcurrentCommands > 0 ? MaxConcurrentCommands : Math.Max(2, 2 * Environment.ProcessorCount);

    /// <summary>The queue length in force: the setting, or 16 per worker (a waiting command is deferred, so the queue bounds how long the last answer takes, not the acknowledgment).</summary>
    public int CommandQueue => MaxQueuedCommands > 0 ? MaxQueuedCommands : 16 * CommandWorkers;

    public const int MaxWorkers = 256;
    public const int MaxQueue = 100_000;
    public static readonly TimeSpan MaxDrainTimeout = TimeSpan.FromMinutes(15);

    public BotMode ResolveMode()
    {
        if (string.IsNullOrWhiteSpace(Mode)) return string.IsNullOrWhiteSpace(Token) ? BotMode.Console : BotMode.Gateway;
        return Enum.TryParse<BotMode>(Mode.Trim(), ignoreCase: true, out var mode) && Enum.IsDefined(mode)
            ? mode
            : throw new DiscordConfigurationException($"Discord:Mode '{Mode}' is not a mode; use Gateway, Http or Console.");
    }

    public ulong ApplicationSnowflake => ParseSnowflake(ApplicationId, "Discord:ApplicationId")
        ?? throw new DiscordConfigurationException("Discord:ApplicationId is missing; copy the Application ID from the Developer Portal.");

    public ulong? DevGuildSnowflake => ParseSnowflake(DevGuildId, "Discord:DevGuildId");

    /// <summary>Fails fast with one line that names every bad key at once; returns the mode to run.</summary>
    public BotMode Validate()
    {
        var problems = Problems();
        if (problems.Count > 0) throw new DiscordConfigurationException(string.Join(" ", problems));
        return ResolveMode();
    }

    /// <summary>
    /// Every problem, each naming its key. The address and timing keys are checked in every mode (a console start with a
    /// broken Discord:ApiBaseUrl would fail later as a bot); what a bot needs is checked in Gateway and Http modes.
    /// </summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        BotMode mode;
        try
        {
            mode = ResolveMode();
        }
        catch (DiscordConfigurationException e)
        {
            problems.Add(e.Message);
            mode = BotMode.Gateway;
        }

        if (!Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out var api) || (api.Scheme != Uri.UriSchemeHttps && api.Scheme != Uri.UriSchemeHttp))
            problems.Add($"Discord:ApiBaseUrl '{ApiBaseUrl}' is not an absolute http(s) URL (default: https://discord.com/api/v10).");
        if (!string.IsNullOrWhiteSpace(Token) && Token.Trim().Any(char.IsWhiteSpace))
            problems.Add("Discord:Token contains whitespace; paste the bot token alone (without 'Bot ' in front).");
        if (DeferAfter <= TimeSpan.Zero || DeferAfter >= TimeSpan.FromSeconds(3))
            problems.Add($"Discord:DeferAfter {DeferAfter} must be above 0 and below Discord's 3 s deadline.");
        if (UrlsProblem(Urls) is { } urls) problems.Add(urls);
        if (MaxConcurrentCommands is < 0 or > MaxWorkers)
            problems.Add($"Discord:MaxConcurrentCommands {MaxConcurrentCommands} must be between 1 and {MaxWorkers} (0 or unset: twice the core count).");
        if (MaxQueuedCommands is < 0 or > MaxQueue)
            problems.Add($"Discord:MaxQueuedCommands {MaxQueuedCommands} must be between 1 and {MaxQueue} (0 or unset: 16 per worker).");
        if (DrainTimeout <= TimeSpan.Zero || DrainTimeout > MaxDrainTimeout)
            problems.Add($"Discord:DrainTimeout {DrainTimeout} must be above 0 and at most 15 minutes (an interaction token's lifetime).");
        if (GlobalRateLimit is < 1 or > MaxGlobalRateLimit)
            problems.Add($"Discord:GlobalRateLimit {GlobalRateLimit} must be between 1 and {MaxGlobalRateLimit} requests per second (Discord's limit is 50 per bot; N instances each take 50/N).");
        if (ShardCount is < 0 or > DltBot.Discord.Gateway.GatewayShardingOptions.MaxShardCount)
            problems.Add($"Discord:ShardCount {ShardCount} must be between 1 and {DltBot.Discord.Gateway.GatewayShardingOptions.MaxShardCount} (0 or unset: Discord's recommendation).");
        Check(() =>
        {
            var ids = ShardIdList;
            if (ShardCount is > 0 and <= DltBot.Discord.Gateway.GatewayShardingOptions.MaxShardCount && ids?.FirstOrDefault(id => id >= ShardCount, -1) is >= 0 and var outside)
                throw new DiscordConfigurationException($"Discord:ShardIds lists shard {outside}, but Discord:ShardCount is {ShardCount} (ids run from 0 to {ShardCount - 1}).");
        });
        if (mode == BotMode.Console) return problems;

        Check(() => _ = ApplicationSnowflake);
        Check(() => _ = DevGuildSnowflake);
        // Http mode needs it too: registering commands and editing deferred answers go through the REST client.
        if (string.IsNullOrWhiteSpace(Token))
            problems.Add($"Discord:Token is missing; {mode} mode needs the bot token (env Discord__Token).");
        else if (!Token.Trim().Any(char.IsWhiteSpace) && !TokenShape.IsMatch(Token.Trim()))
            problems.Add("Discord:Token is malformed; expected the bot token from the Developer Portal (three dot-separated parts, no 'Bot ' prefix).");
        if (mode == BotMode.Http)
        {
            if (string.IsNullOrWhiteSpace(PublicKey))
                problems.Add("Discord:PublicKey is missing; Http mode needs the application's public key.");
            else if (!HexKey.IsMatch(PublicKey.Trim()))
                problems.Add("Discord:PublicKey is malformed; expected 64 hex characters (32 bytes).");
        }
        return problems;

        void Check(Action read)
        {
            try
            {
                read();
            }
            catch (DiscordConfigurationException e)
            {
                problems.Add(e.Message);
            }
        }
    }

    /// <summary>Kestrel's listen addresses: absolute http(s) URLs separated by ';' (a host of + or * means every address).</summary>
    public static string? UrlsProblem(string? urls)
    {
        var parts = (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0) return "Discord:Urls is empty; set it to where /healthz and /interactions listen, e.g. http://0.0.0.0:8080.";
        foreach (var part in parts)
        {
            var probe = part.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal);
            if (!Uri.TryCreate(probe, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
                return $"Discord:Urls '{part}' is not an absolute http(s) URL; use e.g. http://0.0.0.0:8080 (several separated by ';').";
            if (url.AbsolutePath != "/" || url.Query.Length > 0)
                return $"Discord:Urls '{part}' has a path; give only scheme, host and port, e.g. http://0.0.0.0:8080.";
        }
        return null;
    }

    private static ulong? ParseSnowflake(string? text, string key)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return ulong.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw new DiscordConfigurationException($"{key} '{text}' is not a Discord id (a positive whole number).");
    }

    /// <summary>The sharding this instance runs in Gateway mode.</summary>
    public DltBot.Discord.Gateway.GatewayShardingOptions Sharding => new() { ShardCount = ShardCount, ShardIds = ShardIdList };

    private static readonly Regex TokenShape = new(@"^[A-Za-z0-9_\-]{20,}\.[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]{20,}$", RegexOptions.CultureInvariant);
    private static readonly Regex HexKey = new("^[0-9a-fA-F]{64}$", RegexOptions.CultureInvariant);
}

/// <summary>Reads <c>Discord:ShardIds</c>: ids and ranges separated by commas, such as <c>0-3</c>, <c>0,2,5</c> or <c>0-3,8</c>.</summary>
public static class ShardIdParser
{
    /// <returns>The ids in ascending order, or null for an empty setting (all shards).</returns>
    /// <exception cref="DiscordConfigurationException">One line naming the key and the part that is wrong.</exception>
    public static IReadOnlyList<int>? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var ids = new SortedSet<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            var (first, last) = dash < 0 ? (Id(part, part), Id(part, part)) : (Id(part[..dash].Trim(), part), Id(part[(dash + 1)..].Trim(), part));
            if (last < first)
                throw new DiscordConfigurationException($"Discord:ShardIds range '{part}' runs backwards; write the lower id first, e.g. {last}-{first}.");
            for (var id = first; id <= last; id++)
            {
                if (!ids.Add(id)) throw new DiscordConfigurationException($"Discord:ShardIds '{text}' lists shard {id} twice.");
            }
        }
        return [.. ids];

        int Id(string number, string part) =>
            int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id < DltBot.Discord.Gateway.GatewayShardingOptions.MaxShardCount
                ? id
                : throw new DiscordConfigurationException(
                    $"Discord:ShardIds part '{part}' is not a shard id or range; use ids from 0 and ranges like 0-3, separated by commas (e.g. 0-3 or 0,2,5).");
    }
}

/// <summary>Binds the <c>Discord</c> section's checks into options validation, so every start reports them with the rest.</summary>
public sealed class DiscordBotOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<DiscordBotOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, DiscordBotOptions options) => options.Problems() is { Count: > 0 } problems
        ? Microsoft.Extensions.Options.ValidateOptionsResult.Fail(problems)
        : Microsoft.Extensions.Options.ValidateOptionsResult.Success;
}

/// <summary>A setting that cannot work; the message is one line naming the key.</summary>
public sealed class DiscordConfigurationException(string message) : Exception(message);
