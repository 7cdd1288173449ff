using BenchmarkDotNet.Running;
using DltBot.Bench;

// `table [sizes...]` prints one comparison table; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "table")
    return TableRun.Run(args[1..]);
if (args.Length > 0 && args[0] == "interactions")
    return await DltBot.Bench.Interactions.InteractionsBenchmark.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "busy")
    return await DltBot.Bench.Interactions.BusyBenchmark.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "profile")
    return Profile.Run(args[1..]);
if (args.Length > 0 && args[0] == "slow")
    return SlowQueries.Run(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(SearchBenchmarks).Assembly).Run(args);
return 0;
