using DltBot.Catalog.Curation;
using DltBot.Storage.Sql;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace DltBot.Storage.Tests;

/// <summary>A real SQLite file in a folder of its own, deleted afterwards.</summary>
internal sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Folder = Path.Combine(Path.GetTempPath(), "dltbot-store-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        Path_ = System.IO.Path.Combine(Folder, "dltbot.db");
    }

    public string Folder { get; }
    public string Path_ { get; }
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public Stores Open(TimeSpan? busyTimeout = null, bool readOnly = false) =>
        Stores.Sqlite(new SqliteStoreOptions(Path_, busyTimeout, readOnly), Time);

    public Stores OpenAt(string path) => Stores.Sqlite(new SqliteStoreOptions(path), Time);

    /// <summary>A plain connection beside the store's, for looking at or locking the file.</summary>
    public SqliteConnection Raw()
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path_, Pooling = false }.ToString());
        c.Open();
        return c;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { } // a child process may still be letting go of the file; the temp folder is cleaned anyway
    }
}

internal static class Sample
{
    public static readonly Actor Alice = new("111", "Alice");
    public static readonly Actor Bob = new("222", "Bob");

    public static EntryFields Fields(string title = "Grokking", string? url = "https://arxiv.org/abs/2201.02177",
        string topic = "generalization", int? year = 2022, string note = "note") => new(title, url, topic, year, note);
}
