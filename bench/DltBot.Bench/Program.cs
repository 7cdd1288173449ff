using System.Globalization;
using BenchmarkDotNet.Running;
using DltBot.Bench;

// The modes, each with its own --help; arguments that are not a mode go to BenchmarkDotNet.
BenchMode[] modes =
[
    new("table", "[sizes...]", "One comparison table (import, index build, search p50/p99 against FTS5 and a scan) at the given catalog sizes.",
        ["sizes: synthetic catalog sizes in entries, whole numbers (default: 10000 100000)"], IsWholeNumbers, a => Task.FromResult(TableRun.Run(a))),
    new("interactions", "[step-seconds]", "Starts the real bot against a fake Discord on 127.0.0.1: time to /healthz ready, latency at 200 interactions/s, the highest steady rate with p99 under 100 ms, memory.",
        ["step-seconds: seconds per load step, a number (default: 3)"], IsOneNumber, DltBot.Bench.Interactions.InteractionsBenchmark.RunAsync),
    new("busy", "[arguments]", "Overload: the real bot in Http mode under 60 concurrent /dlt show with long unknown ids plus 200 searches/s and PINGs; first-acknowledgment latency, late and busy answers, PING p99.",
        ["see 'busy --help' once running for its own arguments"], _ => true, DltBot.Bench.Interactions.BusyBenchmark.RunAsync),
    new("profile", "[--n=<size>] [queries...]", "CPU time and allocations per query and per index build (for tuning on a busy machine).",
        ["--n=<size>: a synthetic catalog of that many entries instead of the bundled list", "queries: the queries to profile"], IsProfileArguments, a => Task.FromResult(Profile.Run(a))),
    new("ids", "[sizes...]", "\"Did you mean\" for unknown /dlt show ids: thread CPU per lookup for long, typo and junk ids, against the old scan.",
        ["sizes: synthetic catalog sizes in entries besides the bundled list (default: 100000)"], IsWholeNumbers, a => Task.FromResult(IdSuggestRun.Run(a))),
    new("curation", "[adds] [servers] [size]", "Moderators' changes through /dlt-mod add and /dlt search on a real SQLite file: add-to-searchable p99 (bundled and synthetic), memory with many curated servers, search with changes against without; PASS/FAIL per target, exit 1 on a FAIL.",
        ["adds: timed adds per catalog (default: 200)", "servers: curated servers, 10 changes each, for the memory target (default: 1000)",
         "size: entries in the synthetic catalog (default: 100000)"], IsAtMostThreeWholeNumbers, DltBot.Bench.Curation.CurationRun.RunAsync),
    new("changes-index", "[servers]", "A curated server's small index of changes: thread CPU per query against the shared index, full engine against BuildForChanges, and managed heap of that many such indexes.",
        ["servers: how many changes indexes to hold for the memory figure (default: 1000)"], IsAtMostOneWholeNumber, a => Task.FromResult(ChangesIndexRun.Run(a))),
    new("weekly", "[servers]", "Paper of the week: that many servers scheduled for the same minute, through the real runner, Quartz's SQLite job store and our REST client against the fake Discord at Discord's 50 requests/s: every server posted once, total time against the rate-limit floor, runner and store overhead per run, memory above an idle bot; PASS/FAIL per target, exit 1 on a FAIL.",
        ["servers: how many servers (default: 10000; at 3 requests per server the floor is servers / 16.7 s)"], IsAtMostOneWholeNumber, DltBot.Bench.Weekly.WeeklyRun.RunAsync),
    new("cluster", "[servers] [--dry=<servers>] [--postgres=<connection string>]", "Issue 12: two bot instances on one PostgreSQL database (clustered Quartz), that many servers scheduled for the same minute, against the fake Discord at Discord's 50 requests/s for both together (25 each): every server posted exactly once, total time against the rate-limit floor; then scheduler + store CPU and time per run with Discord answered at once, on PostgreSQL against SQLite. Needs PostgreSQL (env DLTBOT_TEST_POSTGRES or --postgres); says so and exits 2 without it.",
        ["servers: how many servers in the shared minute (default: 5000; at 3 requests per server the floor is servers / 16.7 s)",
         "--dry=<servers>: servers per dry run, PostgreSQL then SQLite (default: 2000)",
         "--postgres=<connection string>: an Npgsql connection string of a server where the bench may create (and drop) a database; default: env DLTBOT_TEST_POSTGRES"],
        DltBot.Bench.Cluster.ClusterRun.Accepts, DltBot.Bench.Cluster.ClusterRun.RunAsync),
    new("links", "[urls] [hosts]", "The weekly link check: that many URLs over that many hosts through the real run (checker, per-host gates, batched SQLite writes) against the fake web on 127.0.0.1: time against the pacing floor ((URLs per host - 1) x 1 s), politeness read at the server, memory above idle; PASS/FAIL per target, exit 1 on a FAIL.",
        ["urls: how many URLs (default: 10000)", "hosts: how many hosts they spread over (default: 500)"], a => a.Length <= 2 && IsWholeNumbers(a), DltBot.Bench.LinkHealth.LinkCheckBench.RunAsync),
    new("slow", "[size]", "The slowest queries of the bundled query set by thread CPU, with what they allocate.",
        ["size: a synthetic catalog of that many entries instead of the bundled list"], IsAtMostOneWholeNumber, a => Task.FromResult(SlowQueries.Run(a))),
];

if (args is [] or ["--help" or "-h" or "-?" or "help"])
{
    Console.WriteLine("DltBot.Bench: performance checks (the figures in the README come from here).");
    Console.WriteLine();
    Console.WriteLine("Usage: dotnet run -c Release --project bench/DltBot.Bench -- <mode> [arguments]");
    Console.WriteLine();
    Console.WriteLine("Modes:");
    foreach (var mode in modes) Console.WriteLine($"  {mode.Name + " " + mode.Arguments,-40} {mode.Summary}");
    Console.WriteLine($"  {"<BenchmarkDotNet arguments>",-40} Anything else runs the BenchmarkDotNet suites, e.g. --filter '*'; --list flat lists them.");
    Console.WriteLine();
    Console.WriteLine("'<mode> --help' shows a mode's arguments.");
    return 0;
}

if (modes.FirstOrDefault(m => m.Name == args[0]) is { } chosen)
{
    var rest = args[1..];
    if (rest is ["--help" or "-h" or "-?"])
    {
        Console.WriteLine($"Usage: {chosen.Name} {chosen.Arguments}");
        Console.WriteLine(chosen.Summary);
        foreach (var line in chosen.Details) Console.WriteLine("  " + line);
        return 0;
    }
    if (!chosen.Accepts(rest))
    {
        Console.Error.WriteLine($"{chosen.Name}: cannot use '{string.Join(' ', rest)}'; usage: {chosen.Name} {chosen.Arguments} ('{chosen.Name} --help' explains them)");
        return 2;
    }
    return await chosen.Run(rest);
}

BenchmarkSwitcher.FromAssembly(typeof(SearchBenchmarks).Assembly).Run(args);
return 0;

static bool IsWholeNumbers(string[] a) => a.All(x => int.TryParse(x, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0);
static bool IsAtMostOneWholeNumber(string[] a) => a.Length <= 1 && IsWholeNumbers(a);
static bool IsAtMostThreeWholeNumbers(string[] a) => a.Length <= 3 && IsWholeNumbers(a);
static bool IsOneNumber(string[] a) => a.Length == 0 || (a.Length == 1 && double.TryParse(a[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0);
static bool IsProfileArguments(string[] a) => a.Where(x => x.StartsWith("--", StringComparison.Ordinal))
    .All(x => x.StartsWith("--n=", StringComparison.Ordinal) && IsWholeNumbers([x[4..]]));

/// <summary>One way to run the bench: its name, argument synopsis, what it measures, and a check of its arguments.</summary>
internal sealed record BenchMode(string Name, string Arguments, string Summary, string[] Details, Func<string[], bool> Accepts, Func<string[], Task<int>> Run);
