using DltBot.Catalog.Search;

namespace DltBot.Bot.Commands;

/// <summary>A parsed <c>/dlt</c> command, the same whichever surface (shell, one-shot, Discord) it came from.</summary>
public abstract record DltRequest;

public sealed record TopicsRequest : DltRequest;

/// <param name="PageSize">Entries a page: 20 suit a terminal, Discord embeds want fewer.</param>
public sealed record TopicRequest(string Name, int Page = 1, int PageSize = TopicRequest.DefaultPageSize) : DltRequest
{
    public const int DefaultPageSize = 20;
}

public sealed record ShowRequest(string Id) : DltRequest;

/// <param name="Page">1-based page of <paramref name="Limit"/> results.</param>
public sealed record SearchRequest(
    string Text,
    string? Topic = null,
    YearRange? Years = null,
    EntryKind? Kind = null,
    int Limit = SearchRequest.DefaultLimit,
    int Page = 1) : DltRequest
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 25;
}

public sealed record RandomRequest(string? Topic = null) : DltRequest;

public sealed record HelpRequest : DltRequest;

public sealed record AboutRequest : DltRequest;
