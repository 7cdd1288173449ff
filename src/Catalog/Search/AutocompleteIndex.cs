using DltBot.Catalog.Model;

namespace DltBot.Catalog.Search;

/// <summary>
/// Prefix lookup over topic names and entry titles held in sorted arrays: a match at the start of a name ranks before a
/// match at the start of a later word (or, for Chinese, any later character).
/// </summary>
internal sealed class AutocompleteIndex
{
    /// <summary>Discord rejects choice names longer than this.</summary>
    public const int MaxLabelLength = 100;

    private readonly PrefixTable topics;
    private readonly PrefixTable entries;

    public AutocompleteIndex(ReadingList list)
    {
        var topicItems = new List<(Suggestion, IReadOnlyList<string>)>();
        foreach (var section in list.Sections)
        {
            var topic = section.Topic;
            var label = topic.English.Length > 0 && topic.Chinese.Length > 0 && topic.English != topic.Chinese
                ? $"{topic.English} / {topic.Chinese}"
                : FirstNonEmpty(topic.English, topic.Chinese, section.Title);
            var names = new[] { topic.English, topic.Chinese, topic.Key, section.Title }.Concat(topic.Aliases)
                .Where(n => !string.IsNullOrWhiteSpace(n)).ToArray();
            topicItems.Add((new Suggestion(Clip(label), topic.Key, SuggestionKind.Topic), names));
        }
        topics = new PrefixTable(topicItems);
        entries = new PrefixTable(list.AllEntries()
            .Where(e => !string.IsNullOrWhiteSpace(e.Title))
            .Select(e => (new Suggestion(Clip(e.Title.Trim()), e.Id, SuggestionKind.Entry), (IReadOnlyList<string>)[e.Title])));
    }

    public IReadOnlyList<Suggestion> Find(string? prefix, int limit, SuggestionKind? only)
    {
        if (limit <= 0) return [];
        var key = Normalize(prefix ?? "");
        var found = new List<Suggestion>(Math.Min(limit, 32));
        if (only is null or SuggestionKind.Topic) topics.Collect(key, limit, found);
        if (only is null or SuggestionKind.Entry) entries.Collect(key, limit, found);
        return found;
    }

    internal static string Normalize(string text) =>
        string.Join(' ', text.Trim().ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Clip(string label) => label.Length <= MaxLabelLength ? label : label[..(MaxLabelLength - 1)] + "…";

    private static string FirstNonEmpty(params string[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) ?? "";

    private sealed class PrefixTable
    {
        private readonly Suggestion[] items;
        private readonly string[] names;
        private readonly Key[] starts;   // where each name begins
        private readonly Key[] inner;    // later word starts, and every later CJK character

        private readonly record struct Key(int Name, int Offset, int Item);

        public PrefixTable(IEnumerable<(Suggestion Item, IReadOnlyList<string> Names)> source)
        {
            var itemList = new List<Suggestion>();
            var nameList = new List<string>();
            var startList = new List<Key>();
            var innerList = new List<Key>();
            foreach (var (item, itemNames) in source)
            {
                var itemIndex = itemList.Count;
                itemList.Add(item);
                foreach (var name in itemNames.Select(Normalize).Distinct())
                {
                    var nameIndex = nameList.Count;
                    nameList.Add(name);
                    startList.Add(new Key(nameIndex, 0, itemIndex));
                    for (var i = 1; i < name.Length; i++)
                        if (IsCjk(name[i]) || (char.IsLetterOrDigit(name[i]) && !char.IsLetterOrDigit(name[i - 1])))
                            innerList.Add(new Key(nameIndex, i, itemIndex));
                }
            }
            items = itemList.ToArray();
            names = nameList.ToArray();
            starts = Sorted(startList);
            inner = Sorted(innerList);
        }

        public void Collect(string prefix, int limit, List<Suggestion> found)
        {
            if (prefix.Length == 0)
            {
                foreach (var item in items)
                {
                    if (found.Count >= limit) return;
                    if (!found.Contains(item)) found.Add(item);
                }
                return;
            }
            Collect(starts, prefix, limit, found);
            Collect(inner, prefix, limit, found);
        }

        private void Collect(Key[] keys, string prefix, int limit, List<Suggestion> found)
        {
            for (var i = LowerBound(keys, prefix); i < keys.Length && found.Count < limit; i++)
            {
                if (!Text(keys[i]).StartsWith(prefix, StringComparison.Ordinal)) break;
                var item = items[keys[i].Item];
                if (!found.Contains(item)) found.Add(item);
            }
        }

        private int LowerBound(Key[] keys, string prefix)
        {
            int lo = 0, hi = keys.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (Text(keys[mid]).SequenceCompareTo(prefix) < 0) lo = mid + 1; else hi = mid;
            }
            return lo;
        }

        private ReadOnlySpan<char> Text(Key key) => names[key.Name].AsSpan(key.Offset);

        private Key[] Sorted(List<Key> keys)
        {
            var array = keys.ToArray();
            // Ties keep list order, so the earlier entry of two equal names comes first.
            Array.Sort(array, (a, b) => Text(a).SequenceCompareTo(Text(b)) is var c and not 0 ? c : a.Item.CompareTo(b.Item));
            return array;
        }

        private static bool IsCjk(char c) => c is >= '\u2E80' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF';
    }
}
