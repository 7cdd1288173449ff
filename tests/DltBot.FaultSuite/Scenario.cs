using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using DltBot.Discord.Permissions;
using DltBot.FakeDiscord;
using DltBot.Storage;
using DltBot.Storage.Sql;
using Npgsql;

namespace DltBot.FaultSuite;

/// <summary>
/// One case's world: the fake Discord with a study group (guild, bot member, #papers), one PostgreSQL database, and the
/// bot processes started on it. Real processes run on the real clock, so every wait here is on something observable (a
/// request the fake recorded, a line a bot logged, a row in the database) with a generous timeout that a green run never
/// reaches.
/// </summary>
public sealed class Scenario : IAsyncDisposable
{
    public const string Guild = "838486034743296000";
    public const string Channel = "1180000000000000001";
    public const string MessagesRoute = "POST /channels/{channel}/messages";

    // Shaped like a bot token; not a real one.
    private const string Token = "MTA4NTE0MDgxNDAwNDIyNDAwNw.GxYz12.abcdefghijklmnopqrstuvwxyz012345678";

    /// <summary>Only a guard against a hang: a green run never waits on it; a loaded machine starts .NET processes slowly.</summary>
    public static readonly TimeSpan Safety = TimeSpan.FromSeconds(180);

    /// <summary>How far ahead the weekly slot is set: time for the setup reply, with room for a slow machine.</summary>
    private static readonly TimeSpan Lead = TimeSpan.FromSeconds(20);

    private readonly string _root = Directory.CreateTempSubdirectory("dltbot-faults-").FullName;
    private readonly List<BotProcess> _bots = [];
    private readonly PostgresCluster? _ownCluster;

    private Scenario(FakeDiscordServer fake, PostgresCluster cluster, string connectionString, bool ownsCluster)
    {
        Fake = fake;
        Cluster = cluster;
        ConnectionString = connectionString;
        _ownCluster = ownsCluster ? cluster : null;
        Stores = Stores.Postgres(new PostgresStoreOptions(connectionString), TimeProvider.System);
    }

    public FakeDiscordServer Fake { get; }
    public PostgresCluster Cluster { get; }
    public string ConnectionString { get; }

    /// <summary>The store as the bots see it, to read what they recorded.</summary>
    public Stores Stores { get; }

    public FakeInteractionSigner Signer { get; } = FakeInteractionSigner.Create();

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A world on a database of the shared cluster (for cases that never stop the server).</summary>
    public static async Task<Scenario> OnSharedClusterAsync(SharedCluster shared)
    {
        var (cluster, connection) = await shared.DatabaseAsync(Ct);
        return await CreateAsync(cluster, connection, ownsCluster: false);
    }

    /// <summary>A world on a cluster of its own, which the case may stop and restart.</summary>
    public static async Task<Scenario> OnOwnClusterAsync()
    {
        var cluster = await PostgresCluster.StartAsync(Ct);
        try
        {
            return await CreateAsync(cluster, await cluster.CreateDatabaseAsync("dltbot", Ct), ownsCluster: true);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private static async Task<Scenario> CreateAsync(PostgresCluster cluster, string connectionString, bool ownsCluster)
    {
        // max_concurrency 2: two shards may identify at once, so nothing waits 5 s for an identify bucket.
        var fake = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { SessionStartLimit = new FakeSessionStartLimit(1000, 1000, 86_400_000, 2) }, Ct);
        fake.Rest.AddGuild(new FakeGuild(Guild, "1000", (ulong)PostingPermissions.ForWeeklyPost(thread: true, poll: false), []));
        fake.Rest.AddMember(Guild, fake.Options.BotUserId);
        fake.Rest.AddChannel(new FakeChannel(Channel, Guild, "papers"));
        fake.Interactions.GuildId = Guild;
        fake.Interactions.Locale = "en-US";
        return new Scenario(fake, cluster, connectionString, ownsCluster);
    }

    /// <summary>The shard Discord sends a guild's events to.</summary>
    public static int ShardOf(string guild, int shardCount) => (int)((ulong.Parse(guild, CultureInfo.InvariantCulture) >> 22) % (ulong)shardCount);

    /// <summary>
    /// Starts a bot on this world's database: Gateway mode running <paramref name="shardIds"/> of
    /// <paramref name="shardCount"/> shards, or Http mode when <paramref name="shardCount"/> is 0.
    /// </summary>
    public BotProcess StartBot(string name, int shardCount, string? shardIds = null, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var directory = Directory.CreateDirectory(Path.Combine(_root, name)).FullName;
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            // The application name lets a case find this bot's sessions in pg_stat_activity.
            ["ConnectionStrings:Dltbot"] = new NpgsqlConnectionStringBuilder(ConnectionString) { ApplicationName = "dltbot-" + name }.ConnectionString,
            ["Data:Directory"] = directory,
            ["Discord:Mode"] = shardCount == 0 ? "Http" : "Gateway",
            ["Discord:Token"] = Token,
            ["Discord:ApplicationId"] = Fake.Options.ApplicationId,
            ["Discord:ApiBaseUrl"] = Fake.RestBaseUrl,
            ["Discord:Urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Information",
            // The bundled list's links are real URLs: a test bot never starts the weekly link check (a week's clock jump
            // would), since tests never reach the internet; the check is tested against the fake web.
            ["LinkCheck:Schedule"] = "",
            ["Logging:LogLevel:Microsoft"] = "Warning",
            ["Logging:LogLevel:System.Net.Http"] = "Warning",
            // The change feed's resync line is how a case sees a bot hear the database again.
            ["Logging:LogLevel:DltBot.Bot.Curation"] = "Debug",
        };
        if (shardCount == 0)
        {
            settings["Discord:PublicKey"] = Signer.PublicKeyHex;
        }
        else
        {
            settings["Discord:ShardCount"] = shardCount.ToString(CultureInfo.InvariantCulture);
            settings["Discord:ShardIds"] = shardIds;
        }
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) settings[key] = value;
        var bot = BotProcess.Start(name, directory, settings);
        _bots.Add(bot);
        return bot;
    }

    /// <summary>
    /// Waits until the bot is up: the catalog loaded, every shard it runs READY, its clustered scheduler started; then
    /// /healthz must say ready.
    /// </summary>
    public static async Task ReadyAsync(BotProcess bot, int shards)
    {
        await bot.Log.WaitForAsync("DltBot is up in").WaitAsync(Safety, Ct);
        await bot.Log.WaitForAsync(l => l.Contains("Scheduler dltbot_$_", StringComparison.Ordinal) && l.Contains(" started", StringComparison.Ordinal)).WaitAsync(Safety, Ct);
        for (var i = 1; i <= shards; i++)
            await bot.Log.WaitForAsync(l => CountReady(bot) >= i).WaitAsync(Safety, Ct);
        var (status, body) = await bot.HealthAsync(Ct);
        Assert.True(status == HttpStatusCode.OK, $"bot {bot.Name} is not ready: {(int)status} {body}");
    }

    private static int CountReady(BotProcess bot) => bot.Log.Lines.Count(l => l.Contains("Gateway session", StringComparison.Ordinal) && l.Contains("is ready", StringComparison.Ordinal));

    /// <summary>
    /// <c>/dlt-mod potw setup</c> through the gateway shard of the guild, for the first whole minute at least
    /// <paramref name="lead"/> from now (weekly times are whole minutes); returns that slot. A setup that a loaded
    /// machine only finished after its slot (its trigger would first fire a week later), or less than
    /// <paramref name="margin"/> before it, is made again, further ahead.
    /// </summary>
    public async Task<DateTimeOffset> ScheduleSoonAsync(int shardCount, TimeSpan? lead = null, TimeSpan? margin = null)
    {
        var ahead = lead ?? Lead;
        for (var attempt = 1; ; attempt++)
        {
            var earliest = DateTimeOffset.UtcNow + ahead;
            var slot = new DateTimeOffset(earliest.Year, earliest.Month, earliest.Day, earliest.Hour, earliest.Minute, 0, TimeSpan.Zero);
            if (slot < earliest) slot = slot.AddMinutes(1);
            var setup = Fake.Interactions.SlashCommand("dlt-mod", "potw setup",
                FakeOption.Channel("channel", Channel),
                FakeOption.String("day", slot.DayOfWeek.ToString().ToLowerInvariant()),
                FakeOption.String("time", slot.ToString("HH:mm", CultureInfo.InvariantCulture)),
                FakeOption.String("timezone", "UTC"),
                FakeOption.Boolean("thread", true));
            var reply = await AnswerOnShardAsync(ShardOf(Guild, shardCount), setup);
            Assert.Contains("Paper of the week: every", reply, StringComparison.Ordinal);
            if (DateTimeOffset.UtcNow < slot - (margin ?? TimeSpan.Zero)) return slot;
            Report($"setup for {slot:HH:mm} finished only at {DateTimeOffset.UtcNow:HH:mm:ss}; setting it up again further ahead");
            Assert.True(attempt < 3, "three setups in a row finished too late for their slot");
            ahead *= 2;
        }
    }

    /// <summary>Sends an interaction to one gateway shard and returns the text of its answer.</summary>
    public async Task<string> AnswerOnShardAsync(int shard, FakeInteraction interaction)
    {
        var callback = Fake.Rest.WaitForCallbackAsync(interaction.Id, Ct);
        await Fake.Gateway.SendDispatchToShardAsync(shard, "INTERACTION_CREATE", interaction.Json, Ct);
        var request = await callback.WaitAsync(Safety, Ct);
        return await AnswerTextAsync(interaction, request.Body);
    }

    /// <summary>Posts a signed interaction to a bot's /interactions (Http mode) and returns the text of its answer.</summary>
    public async Task<string> AnswerOverHttpAsync(BotProcess bot, FakeInteraction interaction)
    {
        using var request = Signer.CreateRequest(new Uri(await bot.Address, "/interactions"), interaction.Json, DateTimeOffset.UtcNow);
        using var response = await BotProcess.SendAsync(request, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"bot {bot.Name} answered {(int)response.StatusCode}: {body}");
        return await AnswerTextAsync(interaction, body);
    }

    /// <summary>The answer's text; a deferred answer (type 5 or 6) is the edit that finished it.</summary>
    private async Task<string> AnswerTextAsync(FakeInteraction interaction, string callbackBody)
    {
        using var callback = JsonDocument.Parse(callbackBody);
        if (callback.RootElement.GetProperty("type").GetInt32() is not (5 or 6)) return TextOf(callback.RootElement);
        var edit = await Fake.Rest.WaitForRequestAsync(r => r.Method == "PATCH" && r.Path.Contains(interaction.Token, StringComparison.Ordinal), Ct)
            .WaitAsync(Safety, Ct);
        using var edited = JsonDocument.Parse(edit.Body);
        return TextOf(edited.RootElement);
    }

    /// <summary>Every string in the JSON, one per line: whatever part of the message a reply put its words in.</summary>
    private static string TextOf(JsonElement element)
    {
        var text = new StringBuilder();
        Collect(element);
        return text.ToString();

        void Collect(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.String: text.AppendLine(e.GetString()); break;
                case JsonValueKind.Array: foreach (var item in e.EnumerateArray()) Collect(item); break;
                case JsonValueKind.Object: foreach (var property in e.EnumerateObject()) Collect(property.Value); break;
            }
        }
    }

    /// <summary>The weekly posts (not thread messages) the fake has accepted in #papers.</summary>
    public IReadOnlyList<FakeChannelPost> Posts => Fake.Rest.PostsIn(Channel);

    /// <summary>Completes on the n-th message POST to #papers (answered or not).</summary>
    public Task<RecordedRequest> MessagePostAsync(int occurrence, TimeSpan within) =>
        Fake.Rest.WaitForRequestAsync(r => r.Route == MessagesRoute && r.RouteValues["channel"] == Channel, occurrence, Ct).WaitAsync(within, Ct);

    /// <summary>
    /// The runner's outcome lines (its log event ids), one per run whatever started it: posted, posted already, skipped,
    /// missed, failed, failed and paused, not run, nothing to post, found after a restart, left to a live claimant.
    /// </summary>
    private static readonly Dictionary<string, int> Outcomes = new(StringComparer.Ordinal)
    {
        ["Posted"] = 7100, ["AlreadyPosted"] = 7101, ["Skipped"] = 7102, ["Missed"] = 7103, ["Failed"] = 7104,
        ["FailedAndPaused"] = 7105, ["NotScheduled"] = 7106, ["NothingToPost"] = 7107, ["FoundAfterRestart"] = 7114, ["ClaimLive"] = 7117,
    };

    private static bool IsOutcome(string line, int eventId) =>
        line.Contains($"DltBot.Bot.Weekly.WeeklyRunner[{eventId.ToString(CultureInfo.InvariantCulture)}]", StringComparison.Ordinal)
        && line.Contains($"guild {Guild}", StringComparison.Ordinal);

    /// <summary>The runner's line saying the guild's run ended with <paramref name="outcome"/> (a key of <see cref="Outcomes"/>).</summary>
    public static Task<string> RunDoneAsync(BotProcess bot, string outcome) =>
        bot.Log.WaitForAsync(l => IsOutcome(l, Outcomes[outcome]));

    /// <summary>How many of the guild's runs this bot finished, whatever their outcome.</summary>
    public static int RunsDone(BotProcess bot) => bot.Log.Count(l => Outcomes.Values.Any(id => IsOutcome(l, id)));

    /// <summary>The bot whose claimant id (<c>host:pid:random</c>) this is.</summary>
    public BotProcess ClaimantBot(string claimant) =>
        _bots.Single(b => claimant.Contains($":{b.Pid.ToString(CultureInfo.InvariantCulture)}:", StringComparison.Ordinal));

    /// <summary>Opens a connection to the case's database (not pooled, so a server restart leaves nothing stale).</summary>
    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(Ct);
        return connection;
    }

    /// <summary>The guild's weekly trigger's next fire time (Quartz keeps UTC ticks).</summary>
    public async Task<DateTimeOffset> NextFireAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT next_fire_time FROM qrtz_triggers WHERE trigger_name = @guild AND trigger_group = 'weekly'", connection);
        command.Parameters.AddWithValue("guild", Guild);
        return new DateTimeOffset((long)(await command.ExecuteScalarAsync(Ct))!, TimeSpan.Zero);
    }

    /// <summary>
    /// Waits until the wall clock reaches <paramref name="instant"/>. Only for a fault's own timing on the real clock
    /// (when the server goes down, how long it stays down): the scenario, never a wait for the bot to do something.
    /// </summary>
    public static async Task UntilAsync(DateTimeOffset instant)
    {
        var left = instant - DateTimeOffset.UtcNow;
        if (left > TimeSpan.Zero) await Task.Delay(left, Ct);
    }

    /// <summary>Completes on the first line containing <paramref name="text"/> logged after this call.</summary>
    public static Task<string> NextLineAsync(BotProcess bot, string text)
    {
        var before = bot.Log.Count(text);
        return bot.Log.WaitForAsync(_ => bot.Log.Count(text) > before);
    }

    /// <summary>What a case observed, for its output and, when <c>DLTBOT_FAULTS_REPORT</c> names a file, appended there (the closing note's table).</summary>
    public static void Report(string line)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        if (Environment.GetEnvironmentVariable("DLTBOT_FAULTS_REPORT") is { Length: > 0 } file)
        {
            lock (ReportGate) File.AppendAllText(file, $"{DateTimeOffset.UtcNow:O} {TestContext.Current.TestMethod?.MethodName}: {line}{Environment.NewLine}");
        }
    }

    private static readonly Lock ReportGate = new();

    public async ValueTask DisposeAsync()
    {
        foreach (var bot in _bots) await bot.DisposeAsync();
        await Fake.DisposeAsync();
        Signer.Dispose();
        NpgsqlConnection.ClearAllPools();
        if (_ownCluster is not null) await _ownCluster.DisposeAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
