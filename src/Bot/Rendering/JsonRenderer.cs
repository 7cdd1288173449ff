using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using DltBot.Bot.Commands;

namespace DltBot.Bot.Rendering;

/// <summary>Machine-readable output of the one-shot commands (<c>--json</c>).</summary>
public static class JsonRenderer
{
    private static readonly JsonOutputContext Context = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        // Chinese titles stay readable instead of becoming \uXXXX; the output is not embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>The JSON for a successful reply; errors are not JSON (they go to stderr as one line).</summary>
    public static string Render(Reply reply) => reply switch
    {
        TopicListReply topics => JsonSerializer.Serialize(
            topics.Topics.Select(t => new TopicJson(t.Key, t.Name, t.OtherName, t.Entries)).ToList(), Context.ListTopicJson),
        EntryListReply { Query: not null } search => JsonSerializer.Serialize(
            search.Rows.Select(r => new SearchHitJson(r.Id, r.Title, r.Url, r.Topic, r.Year, r.Score ?? 0)).ToList(), Context.ListSearchHitJson),
        EntryListReply list => JsonSerializer.Serialize(new TopicEntriesJson(list.Title,
            list.Rows.Select(r => new EntryRowJson(r.Id, r.Number, r.Title, r.Url, r.Year)).ToList(),
            new PageJson(list.Page.Page, list.Page.PageCount, list.Page.Total)), Context.TopicEntriesJson),
        EntryCardReply card => JsonSerializer.Serialize(Card(card.Card), Context.EntryJson),
        InfoReply { About: { } about } => JsonSerializer.Serialize(about, Context.AboutFacts),
        InfoReply info => JsonSerializer.Serialize(new InfoJson(info.Title, info.Fields.ToDictionary(f => f.Label, f => f.Value), info.Lines), Context.InfoJson),
        // An export in JSON is already JSON; a Markdown export is the file's text either way.
        FileReply file => file.Text,
        _ => throw new ArgumentOutOfRangeException(nameof(reply), reply, "Only successful replies have a JSON form."),
    };

    private static EntryJson Card(EntryCard card) => new(card.Id, card.Number, card.Title, card.Url, card.Year, card.Topic, card.Description,
        card.Links.Select(l => new LinkJson(l.Text, l.Url)).ToList(), card.Children.Select(Card).ToList());
}

internal sealed record TopicJson(string Key, string Name, string OtherName, int Entries);

internal sealed record SearchHitJson(string Id, string Title, string? Url, string Topic, int? Year, float Score);

internal sealed record EntryRowJson(string Id, string Number, string Title, string? Url, int? Year);

internal sealed record PageJson(int Page, int PageCount, int Total);

internal sealed record TopicEntriesJson(string Title, IReadOnlyList<EntryRowJson> Entries, PageJson Page);

internal sealed record LinkJson(string Text, string Url);

internal sealed record EntryJson(string Id, string Number, string Title, string? Url, int? Year, string Topic, string Description,
    IReadOnlyList<LinkJson> Links, IReadOnlyList<EntryJson> Children);

internal sealed record InfoJson(string Title, IReadOnlyDictionary<string, string> Fields, IReadOnlyList<string> Lines);

[JsonSerializable(typeof(List<TopicJson>))]
[JsonSerializable(typeof(List<SearchHitJson>))]
[JsonSerializable(typeof(TopicEntriesJson))]
[JsonSerializable(typeof(EntryJson))]
[JsonSerializable(typeof(InfoJson))]
[JsonSerializable(typeof(AboutFacts))]
internal sealed partial class JsonOutputContext : JsonSerializerContext;
