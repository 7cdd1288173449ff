using DltBot.Catalog.Curation;
using DltBot.Storage;
using DltBot.Storage.Sql;

// Writes changes to the database named by the first argument until it is killed, one line per committed change, so
// the crash test can kill it mid-write and then check that every change is whole. Not shipped: a test helper.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: DltBot.Storage.CrashWriter DATABASE");
    return 2;
}

var stores = Stores.Sqlite(new SqliteStoreOptions(args[0]), TimeProvider.System);
await stores.Maintenance.MigrateAsync(CancellationToken.None);
var actor = new Actor("crash-writer", "Crash Writer");
var output = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
Console.SetOut(output);
var committed = 0;
for (var i = 0; ; i++)
{
    var guild = i % 3 == 0 ? GuildKeys.Local : $"9000{i % 3}";
    var id = $"crash-{i % 25}";
    var current = await stores.Entries.GetEntryAsync(guild, id, CancellationToken.None);
    var fields = new EntryFields($"Title {i}", $"https://example.org/{i}", "generalization", 2000 + i % 25, new string('n', i % 400));
    var outcome = current switch
    {
        null => await stores.Entries.AddAsync(guild, id, fields, actor, $"add {i}", CancellationToken.None),
        { Removed: true } => await stores.Entries.RestoreAsync(guild, id, actor, $"restore {i}", CancellationToken.None),
        _ when i % 5 == 0 => await stores.Entries.RemoveAsync(guild, id, null, actor, $"remove {i}", CancellationToken.None),
        _ => await stores.Entries.EditAsync(guild, new EntryEdit(id, current.Version, current.Fields, fields), actor, $"edit {i}", CancellationToken.None),
    };
    if (outcome is ChangeOutcome.Applied) Console.WriteLine($"committed {++committed}");
}
