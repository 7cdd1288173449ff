namespace DltBot.Catalog.LinkHealth;

/// <summary>How one check of a link ended.</summary>
public enum ProbeOutcome
{
    /// <summary>The link answered 2xx, directly or after redirects.</summary>
    Reachable,

    /// <summary>The link is broken as far as a visitor can tell: 4xx/5xx, no answer in time, no such host, a redirect loop.</summary>
    Failed,

    /// <summary>
    /// The server answered but would not say: still rate limited (429) after waiting, or it refuses robots (401, 403).
    /// Counts neither for nor against the link.
    /// </summary>
    Inconclusive,
}

/// <summary>One hop of a redirect chain: the status and where it pointed.</summary>
public sealed record RedirectHop(int Status, string From, string To)
{
    /// <summary>301 and 308 say the resource moved for good; 302, 303 and 307 say nothing about the future.</summary>
    public bool IsPermanent => Status is 301 or 308;
}

/// <summary>The result of checking one URL once.</summary>
/// <param name="Status">The last HTTP status seen, or null when no answer came (timeout, connection failure).</param>
/// <param name="FinalUrl">Where the redirects ended (the URL itself when there were none).</param>
/// <param name="Detail">Why it failed, in words ("404", "no answer within 10 s", "redirect loop"); null when reachable.</param>
/// <param name="Redirects">The hops followed, in order.</param>
public sealed record LinkProbe(
    string Url,
    ProbeOutcome Outcome,
    int? Status,
    string FinalUrl,
    string? Detail,
    IReadOnlyList<RedirectHop> Redirects,
    DateTimeOffset CheckedAt)
{
    /// <summary>
    /// Where the link should point instead: the URL reached by following only the permanent redirects (301/308) from
    /// the start of the chain, when the chain ended reachable. A temporary hop after them does not make them less
    /// permanent; a temporary hop first means the link itself is still the one to keep.
    /// </summary>
    public string? PermanentTarget
    {
        get
        {
            if (Outcome != ProbeOutcome.Reachable) return null;
            string? target = null;
            foreach (var hop in Redirects)
            {
                if (!hop.IsPermanent) break;
                target = hop.To;
            }
            return target is not null && !string.Equals(target, Url, StringComparison.Ordinal) ? target : null;
        }
    }
}
