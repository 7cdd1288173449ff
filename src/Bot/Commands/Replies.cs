using DltBot.Bot.Localization;
using DltBot.Catalog.Model;
using DltBot.Catalog.Search;

namespace DltBot.Bot.Commands;

/// <summary>
/// What a command answers, already in the requester's <see cref="Language"/>. Renderers (console, JSON, Discord)
/// turn it into output; handlers never write anywhere themselves.
/// </summary>
public abstract record Reply(Language Language)
{
    /// <summary>Buttons under the reply. Discord shows them; the shell and CLI have no buttons and ignore them.</summary>
    public IReadOnlyList<ReplyAction> Actions { get; init; } = [];
}

public enum ActionStyle { Primary, Secondary, Success, Danger }

/// <summary>A button: <see cref="CustomId"/> routes the click to the component handler with that prefix.</summary>
public sealed record ReplyAction(string CustomId, string Label, ActionStyle Style = ActionStyle.Secondary, bool Disabled = false);

/// <summary>
/// A form to fill in (a Discord modal) instead of a message. Only Discord shows forms, and only as the first answer to a
/// command or a click; commands answer the shell and CLI with an error that names the missing options instead.
/// </summary>
public sealed record FormReply(Language Language, Form Form) : Reply(Language);

/// <param name="CustomId">Where the submitted values go: the component handler with this prefix.</param>
public sealed record Form(string CustomId, string Title, IReadOnlyList<FormField> Fields);

/// <param name="Id">The key the submitted value comes back under.</param>
/// <param name="Value">What the field starts with.</param>
public sealed record FormField(string Id, string Label, string? Value = null, bool Required = false, int MaxLength = FormField.MaxTextLength, bool Multiline = false)
{
    /// <summary>The most a form field holds (Discord's text input limit).</summary>
    public const int MaxTextLength = 4000;
}

/// <param name="Name">The topic's name in the reply language.</param>
/// <param name="OtherName">The topic's name in the other language.</param>
public sealed record TopicRow(string Key, string Name, string OtherName, int Entries);

public sealed record TopicListReply(Language Language, string Title, IReadOnlyList<TopicRow> Topics) : Reply(Language);

/// <summary>Paging of a result list; <see cref="Page"/> is 1-based.</summary>
public sealed record PageInfo(int Page, int PageSize, int Total)
{
    public int PageCount => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
    public bool HasNext => Page < PageCount;
    public bool HasPrevious => Page > 1;
    public int Offset => (Page - 1) * PageSize;
}

/// <summary>One line of a result list.</summary>
/// <param name="Score">The search score, or null outside search.</param>
/// <param name="Snippet">A matched excerpt (search) or null.</param>
public sealed record EntryRow(
    string Id,
    string Number,
    string Title,
    string? Url,
    int? Year,
    string Topic,
    EntryKind? Kind = null,
    float? Score = null,
    string? Snippet = null,
    int ChildCount = 0);

/// <summary>A page of entries: a topic's entries or search results.</summary>
/// <param name="Query">What was searched for (search only).</param>
/// <param name="Notes">Extra lines: "no matches", suggestions, the next-page hint.</param>
public sealed record EntryListReply(
    Language Language,
    string Title,
    IReadOnlyList<EntryRow> Rows,
    PageInfo Page,
    IReadOnlyList<string> Notes,
    string? Query = null,
    IReadOnlyList<string>? Suggestions = null,
    PageLink? Paging = null) : Reply(Language);

/// <summary>What a list shows, so a surface that pages with buttons can ask for another page of the same list.</summary>
public abstract record PageLink;

/// <summary>Pages of <c>/dlt search</c> results for the same query and filters.</summary>
public sealed record SearchPages(string Query, string? Topic, YearRange? Years, EntryKind? Kind) : PageLink;

/// <summary>Pages of one topic's entries.</summary>
public sealed record TopicPages(string Topic) : PageLink;

/// <summary>Everything worth showing about one entry.</summary>
public sealed record EntryCard(
    string Id,
    string Number,
    string Title,
    string? Url,
    int? Year,
    string Topic,
    string Description,
    IReadOnlyList<Link> Links,
    IReadOnlyList<EntryCard> Children);

public sealed record EntryCardReply(Language Language, EntryCard Card, string? Heading = null) : Reply(Language);

public sealed record InfoField(string Label, string Value);

/// <summary>Help, about: a title, labelled fields and plain lines.</summary>
/// <param name="About">The facts behind <c>/dlt about</c>'s fields, as numbers, for the JSON output.</param>
public sealed record InfoReply(Language Language, string Title, IReadOnlyList<InfoField> Fields, IReadOnlyList<string> Lines, AboutFacts? About = null) : Reply(Language);

public sealed record AboutFacts(string Catalog, int Topics, int Entries, int EntriesWithSubItems, string Source, DateTimeOffset LoadedAt, long UptimeSeconds, string Version);

/// <summary>A file to hand over (an export): Discord attaches it, the shell and CLI print its text.</summary>
public sealed record FileReply(Language Language, string Message, string FileName, string Text, string ContentType) : Reply(Language);

public enum ErrorKind { UnknownCommand, UnknownTopic, UnknownId, MissingArgument, BadOption, BadQuery, NotFound, Forbidden, Failure }

/// <summary>One line saying what was wrong and what would work; <see cref="Suggestions"/> are the raw alternatives (for buttons).</summary>
public sealed record ErrorReply(Language Language, ErrorKind Kind, string Message, IReadOnlyList<string> Suggestions) : Reply(Language)
{
    public static ErrorReply Of(Language language, ErrorKind kind, string key, params object?[] args) =>
        new(language, kind, Strings.Get(language, key, args), []);
}
