namespace DltBot.FakeDiscord;

/// <summary>Scripted failures a REST route can answer with instead of its normal reply.</summary>
public enum RestFaultKind
{
    /// <summary>429, scope user: bucket headers with Remaining 0, JSON body with retry_after, global false, code 0.</summary>
    RateLimitedUser,

    /// <summary>429, scope global: X-RateLimit-Global true, no bucket headers, JSON body with global true.</summary>
    RateLimitedGlobal,

    /// <summary>429, scope shared (does not count toward the invalid-request budget), bucket headers.</summary>
    RateLimitedShared,

    /// <summary>429 from Cloudflare: HTML body, only a Retry-After header, no X-RateLimit-* headers.</summary>
    CloudflareRateLimited,

    /// <summary>401 with JSON body code 0.</summary>
    Unauthorized,

    /// <summary>500 with a JSON body.</summary>
    InternalServerError,

    /// <summary>502 with an HTML body, as a proxy would send.</summary>
    BadGateway,

    /// <summary>503 with a JSON body.</summary>
    ServiceUnavailable,
}

/// <summary>What a scripted interaction callback answers instead of 204.</summary>
public enum CallbackRejection
{
    /// <summary>400, code 40060 "Interaction has already been acknowledged."</summary>
    AlreadyAcknowledged,

    /// <summary>404, code 10062 "Unknown interaction" (the 3-second deadline was missed).</summary>
    UnknownInteraction,
}

/// <summary>How the fake fills X-RateLimit-* headers on normal replies.</summary>
/// <param name="Limit">X-RateLimit-Limit of every bucket.</param>
/// <param name="ResetAfterSeconds">Length of a bucket window.</param>
/// <param name="Enforce">
/// False (default): Remaining is always Limit-1, so a client never has to wait. True: requests are counted per
/// bucket and major parameter within each window (server clock) and the one over the limit gets a user-scope 429.
/// </param>
public sealed record FakeRateLimitPolicy(int Limit = 5, double ResetAfterSeconds = 1.0, bool Enforce = false);
