using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using DltBot.Bot.Interactions;
using DltBot.Discord.Json;
using DltBot.Discord.Models;
using DltBot.FakeDiscord;

namespace DltBot.Bench.Interactions;

/// <summary>
/// `busy [seconds] [id-lengths...]`: a separate dltbot process in Http mode, sent signed POSTs the way Discord sends
/// them. For each id length, a fresh bot gets 60 concurrent `/dlt show` with unknown ids of that length (expensive: the
/// "did you mean" suggestion compares against every id and title) while 200 searches/s and 20 PINGs/s keep coming for
/// the whole window. Reports the first-acknowledgment latency (the HTTP reply: the answer, a type 5 deferral, or the
/// busy notice) of every interaction, how many were late (over Discord's 3 s), busy and deferred, whether every deferred
/// one got its edit, and PING latency.
/// </summary>
internal static class BusyBenchmark
{
    private const int ConcurrentShows = 60;
    private const int SearchesPerSecond = 200;
    private const int PingsPerSecond = 20;
    private static readonly TimeSpan Late = TimeSpan.FromSeconds(3);
    private static readonly string[] Queries = ["grokking", "泛化", "neural tangent kernel", "double descent", "优化", "lottery ticket"];

    private sealed record Answer(string Kind, double Milliseconds, int Status, string Body, string Token);

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var lengths = args.Length > 1 ? args[1..].Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [6000, 300];
        var botDll = InteractionsBenchmark.FindBot();
        Console.WriteLine($"bot: {botDll}; {Environment.ProcessorCount} cores; window {seconds} s");
        foreach (var length in lengths)
            await RunVariantAsync(botDll, length, TimeSpan.FromSeconds(seconds));
        return 0;
    }

    private static async Task RunVariantAsync(string botDll, int idLength, TimeSpan window)
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var signer = FakeInteractionSigner.Create();
        var port = InteractionsBenchmark.FreePort();
        var data = Path.Combine(Path.GetTempPath(), "dltbot-bench-" + Guid.NewGuid().ToString("N"));
        using var bot = InteractionsBenchmark.StartBot(botDll, fake, port, data, new Dictionary<string, string>
        {
            ["Discord__Mode"] = "Http",
            ["Discord__PublicKey"] = signer.PublicKeyHex,
        });
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 4096 }) { Timeout = TimeSpan.FromSeconds(60) };
        var endpoint = new Uri($"http://127.0.0.1:{port}{DiscordBotApp.InteractionsPath}");
        try
        {
            await InteractionsBenchmark.WaitReadyAsync(port, bot, Stopwatch.StartNew());
            // Warm-up: JIT and the search index, with a few cheap commands of each kind.
            var warm = new List<Task<Answer>>();
            for (var i = 0; i < 200; i++)
            {
                warm.Add(SendAsync(http, signer, endpoint, "search", Search(i)));
                if (i % 20 == 0) warm.Add(SendAsync(http, signer, endpoint, "show", Show(UnknownId(40, i))));
                if (i % 10 == 0) warm.Add(SendAsync(http, signer, endpoint, "ping", Ping()));
                await Task.Delay(5);
            }
            await Task.WhenAll(warm);

            var answers = new ConcurrentBag<Task<Answer>>();
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < ConcurrentShows; i++)
                answers.Add(SendAsync(http, signer, endpoint, "show", Show(UnknownId(idLength, i))));
            var searches = PaceAsync(window, SearchesPerSecond, i => answers.Add(SendAsync(http, signer, endpoint, "search", Search(i))));
            var pings = PaceAsync(window, PingsPerSecond, _ => answers.Add(SendAsync(http, signer, endpoint, "ping", Ping())));
            await Task.WhenAll(searches, pings);
            var all = await Task.WhenAll(answers);
            var sendWindow = clock.Elapsed;

            var deferred = all.Where(a => a.Body.StartsWith("""{"type":5""", StringComparison.Ordinal)).ToList();
            var edited = await CountEditsAsync(fake, deferred.Select(a => a.Token).ToHashSet(), TimeSpan.FromSeconds(60));
            Report(idLength, all, deferred.Count, edited, sendWindow, InteractionsBenchmark.ResidentMegabytes(bot.Id));
        }
        finally
        {
            bot.Kill(entireProcessTree: true);
            await bot.WaitForExitAsync();
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task PaceAsync(TimeSpan window, int rate, Action<int> send)
    {
        var count = (int)(rate * window.TotalSeconds);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var ahead = TimeSpan.FromSeconds((double)i / rate) - clock.Elapsed;
            if (ahead > TimeSpan.FromMilliseconds(1)) await Task.Delay(ahead);
            send(i);
        }
    }

    private static async Task<Answer> SendAsync(HttpClient http, FakeInteractionSigner signer, Uri endpoint, string kind, Interaction interaction)
    {
        var json = JsonSerializer.Serialize(interaction, DiscordJsonContext.Default.Interaction);
        var sentAt = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(signer.CreateRequest(endpoint, json, DateTimeOffset.UtcNow));
            var body = await response.Content.ReadAsStringAsync();
            return new Answer(kind, Stopwatch.GetElapsedTime(sentAt).TotalMilliseconds, (int)response.StatusCode, body, interaction.Token);
        }
        catch (HttpRequestException e)
        {
            return new Answer(kind, Stopwatch.GetElapsedTime(sentAt).TotalMilliseconds, 0, e.Message, interaction.Token);
        }
    }

    private static async Task<int> CountEditsAsync(FakeDiscordServer fake, HashSet<string> tokens, TimeSpan patience)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var edited = fake.Rest.Requests.Count(r => r.Method == "PATCH" && tokens.Any(t => r.Path.Contains(t, StringComparison.Ordinal)));
            if (edited >= tokens.Count || clock.Elapsed > patience) return edited;
            await Task.Delay(100);
        }
    }

    private static void Report(int idLength, Answer[] all, int deferred, int edited, TimeSpan window, double rssMegabytes)
    {
        var acknowledged = all.Where(a => a.Kind != "ping").ToArray();
        var shows = acknowledged.Where(a => a.Kind == "show").ToArray();
        var pings = all.Where(a => a.Kind == "ping").ToArray();
        var failed = all.Count(a => a.Status != 200);
        var busy = acknowledged.Count(a => a.Body.Contains("DltBot is busy", StringComparison.Ordinal));
        Console.WriteLine($"ids of {idLength} chars: {shows.Length} concurrent /dlt show + {acknowledged.Length - shows.Length} searches + {pings.Length} PINGs over {window.TotalSeconds:F1} s");
        Console.WriteLine($"  first acknowledgment, all commands: {Describe(acknowledged)}; late (> 3 s): {acknowledged.Count(a => a.Milliseconds > Late.TotalMilliseconds)}");
        Console.WriteLine($"  first acknowledgment, /dlt show: {Describe(shows)}; late: {shows.Count(a => a.Milliseconds > Late.TotalMilliseconds)}");
        Console.WriteLine($"  deferred {deferred} (edited afterwards: {edited}), busy replies {busy}, non-200 {failed}");
        Console.WriteLine($"  PING: {Describe(pings)}");
        Console.WriteLine($"  bot RSS {rssMegabytes:F0} MB");
    }

    private static string Describe(Answer[] answers)
    {
        if (answers.Length == 0) return "none";
        var sorted = answers.Select(a => a.Milliseconds).Order().ToArray();
        return $"p50 {InteractionsBenchmark.Percentile(sorted, 0.50):F1} ms, p99 {InteractionsBenchmark.Percentile(sorted, 0.99):F1} ms, max {sorted[^1]:F1} ms (n={sorted.Length})";
    }

    /// <summary>Lower-case letters no catalog id is made of, so the id is unknown and the suggestion code runs in full.</summary>
    private static string UnknownId(int length, int seed)
    {
        var random = new Random(seed);
        return string.Create(length, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = (char)('a' + r.Next(26));
        });
    }

    private static Interaction Show(string id) => InteractionsBenchmark.Command("show", "id", id, "en-US");

    private static Interaction Search(int i) => InteractionsBenchmark.Command("search", "query", Queries[i % Queries.Length], i % 2 == 0 ? "en-US" : "zh-CN");

    private static Interaction Ping() => InteractionsBenchmark.Make(InteractionType.Ping, "en-US", null!) with { Data = null };
}
