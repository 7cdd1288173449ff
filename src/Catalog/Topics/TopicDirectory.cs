using System.Text.Json;
using DltBot.Catalog.Json;
using DltBot.Catalog.Model;

namespace DltBot.Catalog;

/// <summary>The bilingual topic names and aliases, kept as data (src/Catalog/Topics/topics.json, embedded).</summary>
public sealed class TopicDirectory
{
    private const string ResourceName = "DltBot.Catalog.Topics.topics.json";
    private static readonly Lazy<TopicDirectory> Shipped = new(LoadShipped);

    private readonly Dictionary<string, Topic> _byHeading;
    private readonly Dictionary<string, Topic> _byLooseHeading;

    public TopicDirectory(IEnumerable<Topic> topics)
    {
        _byHeading = new Dictionary<string, Topic>(StringComparer.Ordinal);
        _byLooseHeading = new Dictionary<string, Topic>(StringComparer.Ordinal);
        foreach (var topic in topics)
        {
            _byHeading.TryAdd(topic.Key, topic);
            _byLooseHeading.TryAdd(Loose(topic.Key), topic);
        }
    }

    /// <summary>The directory shipped with the project.</summary>
    public static TopicDirectory Default => Shipped.Value;

    public IReadOnlyCollection<Topic> Topics => _byHeading.Values;

    /// <summary>
    /// Reads <c>{ "heading as written": { "english": …, "chinese": …, "aliases": [ … ] } }</c>.
    /// </summary>
    /// <exception cref="FormatException">The JSON is not in that shape; the message names the heading at fault.</exception>
    public static TopicDirectory FromJson(string json)
    {
        Dictionary<string, TopicData?>? data;
        try
        {
            data = JsonSerializer.Deserialize(json, CatalogJsonContext.HandEdited.DictionaryStringTopicData);
        }
        catch (JsonException e)
        {
            throw new FormatException($"topics JSON is invalid at {e.Path ?? "$"} (line {e.LineNumber + 1}): {e.Message}", e);
        }
        if (data is null) throw new FormatException("topics JSON is empty; expected an object keyed by section heading.");
        var topics = new List<Topic>();
        foreach (var (heading, topic) in data)
        {
            if (topic is null || string.IsNullOrWhiteSpace(topic.English) || string.IsNullOrWhiteSpace(topic.Chinese))
                throw new FormatException($"topic \"{heading}\" needs both an \"english\" and a \"chinese\" name.");
            topics.Add(new Topic(heading, topic.English.Trim(), topic.Chinese.Trim(),
                (topic.Aliases ?? []).Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()).ToList()));
        }
        return new TopicDirectory(topics);
    }

    /// <summary>
    /// The topic for a section heading as written in the list. Unknown headings get a topic of their own named after the
    /// heading; under a group (<c>Papers › Sliced Optimal Transport</c>) the topic is named after the heading's own part
    /// and keyed by the whole path, so two groups' "Theory" stay apart.
    /// </summary>
    public Topic ForHeading(string heading)
    {
        var trimmed = heading.Trim();
        if (Known(trimmed) is { } topic) return topic;
        var separator = trimmed.LastIndexOf(Section.PathSeparator, StringComparison.Ordinal);
        if (separator < 0) return new Topic(trimmed, trimmed, trimmed, []);
        var own = trimmed[(separator + Section.PathSeparator.Length)..].Trim();
        return Known(own) ?? new Topic(trimmed, own, own, []);
    }

    private Topic? Known(string heading) =>
        _byHeading.TryGetValue(heading, out var topic) || _byLooseHeading.TryGetValue(Loose(heading), out topic)
            ? topic
            : NearlyWritten(Loose(heading));

    /// <summary>
    /// A heading that went through the mojibake repair may carry U+FFFD for a lost character, or one character
    /// reconstructed wrongly; a long heading that differs from a known one in just that way is still that topic.
    /// </summary>
    private Topic? NearlyWritten(string heading)
    {
        var near = _byLooseHeading
            .Where(kv => kv.Key.Length == heading.Length && IsNearly(kv.Key, heading))
            .Select(kv => kv.Value)
            .Distinct()
            .ToList();
        return near.Count == 1 ? near[0] : null;
    }

    private static bool IsNearly(string known, string written)
    {
        var pairs = known.Zip(written).Where(p => p.First != p.Second).ToList();
        var lost = pairs.Count(p => p.Second == '\uFFFD');
        var wrong = pairs.Count - lost;
        if (pairs.Count * 2 >= known.Length) return false;
        return wrong == 0 || known.Length >= MinLengthForWrongCharacter && wrong == 1;
    }

    private const int MinLengthForWrongCharacter = 6;

    internal static string Loose(string name) =>
        new(name.Trim().ToLowerInvariant().Where(c => !char.IsWhiteSpace(c) && c is not ('-' or '_')).ToArray());

    private static TopicDirectory LoadShipped()
    {
        using var stream = typeof(TopicDirectory).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing from the Catalog assembly.");
        using var reader = new StreamReader(stream);
        return FromJson(reader.ReadToEnd());
    }
}
