using DltBot.Catalog.Search;

namespace DltBot.Bot.Interactions;

/// <summary>What a button or select remembers between clicks; it travels inside the component's custom_id.</summary>
public abstract record ComponentState(ulong RequesterId);

/// <summary>A page of <c>/dlt search</c> results.</summary>
public sealed record SearchPageState(int Page, ulong RequesterId, string Query, string? Topic = null, YearRange? Years = null, EntryKind? Kind = null)
    : ComponentState(RequesterId);

/// <summary>A page of one topic's entries (<c>/dlt topic</c>).</summary>
public sealed record TopicPageState(int Page, ulong RequesterId, string Topic) : ComponentState(RequesterId);

/// <summary>The select menu under a result page; the chosen option's value is an entry reference (see <see cref="EntryReference"/>).</summary>
public sealed record EntryPickState(ulong RequesterId) : ComponentState(RequesterId);
