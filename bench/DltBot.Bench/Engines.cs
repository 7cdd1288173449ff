using System.Globalization;
using System.Text;
using DltBot.Catalog.Model;
using DltBot.Catalog.Search;
using Microsoft.Data.Sqlite;

namespace DltBot.Bench;

/// <summary>One way of answering a search, built once per catalog and asked the same queries as the others.</summary>
public interface IBenchEngine : IDisposable
{
    string Name { get; }
    void Build(ReadingList list);
    /// <summary>Runs the query and returns how many of the top 10 it produced.</summary>
    int Search(string text);
}

public sealed class LuceneEngine : IBenchEngine
{
    private LuceneCatalogSearch? search;
    public string Name => "DltBot (Lucene, in memory)";
    public LuceneCatalogSearch Searcher => search ?? throw new InvalidOperationException("Build first.");
    public void Build(ReadingList list) => search = LuceneCatalogSearch.Build(list);
    public int Search(string text) => Searcher.Search(new SearchQuery(text, Limit: 10)).Hits.Count;
    public void Dispose() => search?.Dispose();
}

/// <summary>SQLite FTS5 with the trigram tokenizer; terms under three characters fall back to LIKE (trigram cannot index them).</summary>
public sealed class Fts5Engine : IBenchEngine
{
    private SqliteConnection? connection;
    private readonly Dictionary<(bool Match, int Likes), SqliteCommand> commands = [];
    public string Name => "SQLite FTS5 trigram (+LIKE)";

    public void Build(ReadingList list)
    {
        connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        Execute("CREATE VIRTUAL TABLE docs USING fts5(title, topic, body, url, tokenize='trigram')");
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO docs(rowid, title, topic, body, url) VALUES ($id, $title, $topic, $body, $url)";
        var id = insert.Parameters.Add("$id", SqliteType.Integer);
        var title = insert.Parameters.Add("$title", SqliteType.Text);
        var topic = insert.Parameters.Add("$topic", SqliteType.Text);
        var body = insert.Parameters.Add("$body", SqliteType.Text);
        var url = insert.Parameters.Add("$url", SqliteType.Text);
        var n = 0;
        foreach (var section in list.Sections)
            foreach (var entry in section.Entries.SelectMany(e => e.SelfAndDescendants()))
            {
                id.Value = n++;
                title.Value = entry.Title;
                topic.Value = $"{section.Topic.English} {section.Topic.Chinese}";
                body.Value = entry.Description;
                url.Value = entry.Url ?? "";
                insert.ExecuteNonQuery();
            }
        transaction.Commit();
        Execute("INSERT INTO docs(docs) VALUES('optimize')");
    }

    public int Search(string text)
    {
        var terms = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var match = terms.Where(t => t.Length >= 3).Select(t => "\"" + t.Replace("\"", "\"\"") + "\"").ToList();
        var likes = terms.Where(t => t.Length < 3).ToList();
        var command = CommandFor(match.Count > 0, likes.Count);
        if (match.Count > 0) command.Parameters["$m"].Value = string.Join(" AND ", match);
        for (var i = 0; i < likes.Count; i++) command.Parameters["$l" + i].Value = "%" + likes[i] + "%";
        using var reader = command.ExecuteReader();
        var found = 0;
        while (reader.Read()) { _ = reader.GetInt64(0); found++; }
        return found;
    }

    private SqliteCommand CommandFor(bool match, int likes)
    {
        if (commands.TryGetValue((match, likes), out var cached)) return cached;
        var sql = new StringBuilder("SELECT rowid FROM docs WHERE 1=1");
        if (match) sql.Append(" AND docs MATCH $m");
        for (var i = 0; i < likes; i++) sql.Append(CultureInfo.InvariantCulture, $" AND (title LIKE $l{i} OR body LIKE $l{i})");
        sql.Append(match ? " ORDER BY rank LIMIT 10" : " LIMIT 10");
        var command = connection!.CreateCommand();
        command.CommandText = sql.ToString();
        if (match) command.Parameters.Add("$m", SqliteType.Text);
        for (var i = 0; i < likes; i++) command.Parameters.Add("$l" + i, SqliteType.Text);
        command.Prepare();
        return commands[(match, likes)] = command;
    }

    private void Execute(string sql)
    {
        using var command = connection!.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (var command in commands.Values) command.Dispose();
        connection?.Dispose();
    }
}

/// <summary>The baseline: look at every entry, keep those containing every word, title hits first.</summary>
public sealed class NaiveScanEngine : IBenchEngine
{
    private (string Title, string All)[] docs = [];
    public string Name => "Naive scan";

    public void Build(ReadingList list) =>
        docs = list.Sections.SelectMany(s => s.Entries.SelectMany(e => e.SelfAndDescendants())
                .Select(e => (e.Title.ToLowerInvariant(), $"{e.Title} {s.Topic.English} {s.Topic.Chinese} {e.Description} {e.Url}".ToLowerInvariant())))
            .ToArray();

    public int Search(string text)
    {
        var terms = text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Span<(int Score, int Doc)> top = stackalloc (int, int)[10];
        var count = 0;
        for (var d = 0; d < docs.Length; d++)
        {
            var score = 0;
            foreach (var term in terms)
            {
                if (!docs[d].All.Contains(term, StringComparison.Ordinal)) { score = -1; break; }
                score += docs[d].Title.Contains(term, StringComparison.Ordinal) ? 3 : 1;
            }
            if (score <= 0) continue;
            if (count < top.Length) top[count++] = (score, d);
            else
            {
                var weakest = 0;
                for (var i = 1; i < top.Length; i++) if (top[i].Score < top[weakest].Score) weakest = i;
                if (score > top[weakest].Score) top[weakest] = (score, d);
            }
        }
        return count;
    }

    public void Dispose() { }
}
