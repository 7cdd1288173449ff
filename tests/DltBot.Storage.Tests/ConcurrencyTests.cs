using DltBot.Catalog.Curation;
using Xunit.Sdk;

namespace DltBot.Storage.Tests;

/// <summary>Two writers on two connections to one database: every change lands exactly once, none overwrites another.</summary>
public abstract class ConcurrencyTests(StoreEngine engine) : StoreTest(engine)
{
    private static readonly string[] WriterNames = ["A", "B"];

    private const int EditsPerWriter = 150;
    private const int Entries = 4;

    [Fact]
    public async Task Two_writers_editing_the_same_entries_lose_nothing()
    {
        var setup = Db.Open(TimeSpan.FromSeconds(30));
        for (var e = 0; e < Entries; e++)
            await setup.Entries.AddAsync("g", $"e{e}", Sample.Fields(note: ""), Sample.Alice, null, Ct);

        // Each writer reads, appends its own mark to the note and saves with the version it read, retrying on
        // "changed meanwhile": a lost update would drop a mark.
        var writers = WriterNames.Select(name => Task.Run(() => WriteAsync(Db.Open(TimeSpan.FromSeconds(30)).Entries, name), Ct)).ToArray();
        var conflicts = await Task.WhenAll(writers);

        var overlay = await setup.Entries.GetOverlayAsync("g", Ct);
        var history = await setup.Entries.HistoryAsync("g", new(), 0, 1, Ct);
        Assert.Equal(Entries + 2 * EditsPerWriter, history.Total);
        foreach (var entry in overlay)
        {
            var marks = entry.Fields.Note.Split('|', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(entry.Version - 1, marks.Length);
            Assert.Equal(marks.Length, marks.Distinct().Count());
        }
        var allMarks = overlay.SelectMany(e => e.Fields.Note.Split('|', StringSplitOptions.RemoveEmptyEntries)).ToHashSet();
        var expected = WriterNames.SelectMany(w => Enumerable.Range(0, EditsPerWriter).Select(i => $"{w}{i}")).ToHashSet();
        Assert.Equal(expected, allMarks);
        Assert.True((await setup.Maintenance.CheckAsync(Ct)).Healthy);
        Log($"{2 * EditsPerWriter} edits on {Entries} entries by two writers; {conflicts.Sum()} changed-meanwhile retries.");
    }

    private static async Task<int> WriteAsync(IEntryStore store, string name)
    {
        var conflicts = 0;
        for (var i = 0; i < EditsPerWriter; i++)
        {
            var id = $"e{i % Entries}";
            while (true)
            {
                var current = (await store.GetEntryAsync("g", id, Ct))!;
                var fields = current.Fields with { Note = $"{current.Fields.Note}|{name}{i}" };
                var outcome = await store.EditAsync("g", new EntryEdit(id, current.Version, current.Fields, fields), new Actor(name, name), null, Ct);
                if (outcome is ChangeOutcome.Applied) break;
                if (outcome is not ChangeOutcome.ChangedMeanwhile) throw new XunitException($"unexpected {outcome}");
                conflicts++;
            }
        }
        return conflicts;
    }

    public sealed class Sqlite() : ConcurrencyTests(StoreEngine.Sqlite);

    public sealed class Postgres() : ConcurrencyTests(StoreEngine.Postgres);
}
