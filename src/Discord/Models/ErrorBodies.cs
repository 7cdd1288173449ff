using System.Text.Json;

namespace DltBot.Discord.Models;

/// <summary>Discord's JSON error body: <c>{"code", "message", "errors"}</c>.</summary>
public sealed record DiscordErrorBody
{
    public int? Code { get; init; }
    public string? Message { get; init; }

    /// <summary>For 50035: a tree mirroring the request with <c>_errors</c> arrays at the leaves.</summary>
    public JsonElement? Errors { get; init; }
}

/// <summary>Body of a JSON 429 response.</summary>
public sealed record RateLimitBody
{
    public string? Message { get; init; }

    /// <summary>Seconds to wait, with decimals.</summary>
    public double RetryAfter { get; init; }

    public bool Global { get; init; }
    public int? Code { get; init; }
}
