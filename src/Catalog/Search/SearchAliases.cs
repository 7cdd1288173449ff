using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;

namespace DltBot.Catalog.Search;

/// <summary>Groups of words that mean the same thing in English and Chinese (data: search-aliases.json).</summary>
public sealed class SearchAliases
{
    private const string ResourceName = "DltBot.Catalog.Search.search-aliases.json";
    private static readonly Lazy<SearchAliases> Shipped = new(LoadShipped);

    private readonly Dictionary<string, IReadOnlyList<string>> groupOf;

    private const int MaxRememberedTypos = 50_000;
    // Unknown words come back query after query, and every server's small index of changes meets most words as unknown:
    // one scan of all forms per word and table, not per word and index.
    private readonly ConcurrentDictionary<(string Word, int Edits), string?> closestOf = new();

    public SearchAliases(IEnumerable<IEnumerable<string>> groups)
    {
        groupOf = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var forms = group.Select(Normalize).Where(f => f.Length > 0).Distinct().ToArray();
            foreach (var form in forms)
                groupOf[form] = groupOf.TryGetValue(form, out var existing) ? existing.Union(forms).ToArray() : forms;
        }
        // Longest first so "graph neural network" wins over "neural network" when both occur at the same place.
        Forms = groupOf.Keys.OrderByDescending(f => f.Length).ThenBy(f => f, StringComparer.Ordinal).ToArray();
    }

    /// <summary>The table shipped with the project.</summary>
    public static SearchAliases Default => Shipped.Value;

    public static SearchAliases Empty { get; } = new([]);

    /// <summary>Every known form, longest first.</summary>
    public IReadOnlyList<string> Forms { get; }

    /// <summary>All forms meaning the same as <paramref name="form"/> (itself included), or just itself when unknown.</summary>
    public IReadOnlyList<string> Expand(string form)
    {
        // The planner passes forms straight from Forms, already normalized: skip re-normalizing (four strings) for those.
        if (groupOf.TryGetValue(form, out var known))
            return known;
        var key = Normalize(form);
        return groupOf.TryGetValue(key, out var group) ? group : [key];
    }

    /// <summary>
    /// The single-word Latin form a misspelt word most likely meant, within <paramref name="edits"/> edits
    /// (<c>generalisaton</c> means generalization, so also 泛化); null when none is that close.
    /// </summary>
    internal string? ClosestLatinForm(string word, int edits)
    {
        if (closestOf.TryGetValue((word, edits), out var known))
            return known;
        string? best = null;
        var bestDistance = edits + 1;
        foreach (var form in Forms)
        {
            if (Math.Abs(form.Length - word.Length) >= bestDistance || form.Contains(' ') || form[0] >= '\u2E80')
                continue;
            var distance = Levenshtein.Distance(word, form);
            if (distance < bestDistance)
                (best, bestDistance) = (form, distance);
        }
        if (closestOf.Count < MaxRememberedTypos)
            closestOf.TryAdd((word, edits), best);
        return best;
    }

    public bool Contains(string form) => groupOf.ContainsKey(Normalize(form));

    public static SearchAliases Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        if (!doc.RootElement.TryGetProperty("groups", out var groups) || groups.ValueKind != JsonValueKind.Array)
            throw new FormatException("search aliases: expected an object with a \"groups\" array of string arrays.");
        var parsed = new List<string[]>();
        var index = 0;
        foreach (var group in groups.EnumerateArray())
        {
            if (group.ValueKind != JsonValueKind.Array || group.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
                throw new FormatException($"search aliases: group {index} is not an array of strings.");
            parsed.Add(group.EnumerateArray().Select(e => e.GetString()!).ToArray());
            index++;
        }
        return new SearchAliases(parsed);
    }

    internal static string Normalize(string text) =>
        string.Join(' ', text.Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static SearchAliases LoadShipped()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}
