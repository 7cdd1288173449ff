namespace DltBot.Bot.Arxiv;

/// <summary>Looks papers up in the arXiv API.</summary>
public interface IArxivClient
{
    /// <summary>
    /// Looks up one id (as <see cref="ArxivIds.TryParse"/> returns it). Never throws for remote problems; only the
    /// caller's own cancellation ends it with <see cref="OperationCanceledException"/>.
    /// </summary>
    Task<ArxivLookup> LookupAsync(string arxivId, CancellationToken cancellationToken);
}
