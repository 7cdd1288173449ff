namespace DltBot.Bot.Arxiv;

/// <summary>A paper as arXiv describes it; title and abstract have their whitespace collapsed to single spaces.</summary>
public sealed record ArxivPaper(string Id, string Title, IReadOnlyList<string> Authors, int Year, string Abstract, Uri AbsUrl);

/// <summary>What one lookup came to. Remote problems are results, never exceptions.</summary>
public abstract record ArxivLookup
{
    private ArxivLookup() { }

    public sealed record Found(ArxivPaper Paper) : ArxivLookup;

    /// <summary>arXiv answered but does not know the id.</summary>
    public sealed record NotFound(string Id) : ArxivLookup;

    /// <summary>arXiv said "Rate exceeded." (HTTP 200 with that text, or 429/503 with Retry-After).</summary>
    public sealed record RateLimited(TimeSpan? RetryAfter) : ArxivLookup;

    /// <summary>Anything else; <paramref name="Reason"/> is a sentence fragment for people, e.g. "arXiv answered 503".</summary>
    public sealed record Failed(string Reason) : ArxivLookup;
}
