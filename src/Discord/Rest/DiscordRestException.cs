using System.Net;
using System.Text.Json;

namespace DltBot.Discord.Rest;

/// <summary>
/// A Discord REST call that failed: HTTP status, Discord's JSON error code and message, and for 50035 the
/// field errors flattened to "path: message" lines. The route template, never the token-bearing path, is named.
/// </summary>
public class DiscordRestException : Exception
{
    public DiscordRestException(
        string route,
        HttpStatusCode? statusCode,
        int? discordCode,
        string? discordMessage,
        IReadOnlyList<string>? fieldErrors = null,
        Exception? innerException = null)
        : base(Describe(route, statusCode, discordCode, discordMessage, fieldErrors), innerException)
    {
        Route = route;
        StatusCode = statusCode;
        DiscordCode = discordCode;
        DiscordMessage = discordMessage;
        FieldErrors = fieldErrors ?? [];
    }

    public const int UnknownChannelCode = 10003;
    public const int UnknownMessageCode = 10008;
    public const int UnknownInteractionCode = 10062;
    public const int AlreadyAcknowledgedCode = 40060;
    public const int MissingAccessCode = 50001;
    public const int MissingPermissionsCode = 50013;
    public const int InvalidFormBodyCode = 50035;
    public const int ThreadAlreadyCreatedCode = 160004;

    /// <summary>Method and template, e.g. "POST /channels/{channel_id}/messages".</summary>
    public string Route { get; }

    /// <summary>Null when no response arrived (timeouts, transport errors, refused before sending).</summary>
    public HttpStatusCode? StatusCode { get; }

    public int? DiscordCode { get; }
    public string? DiscordMessage { get; }
    public IReadOnlyList<string> FieldErrors { get; }

    /// <summary>10062: the interaction token is gone, usually because the 3-second deadline was missed.</summary>
    public bool IsUnknownInteraction => DiscordCode == UnknownInteractionCode;

    /// <summary>40060: this interaction was already answered.</summary>
    public bool IsAlreadyAcknowledged => DiscordCode == AlreadyAcknowledgedCode;

    public bool IsInvalidFormBody => DiscordCode == InvalidFormBodyCode;
    public bool IsUnknownChannel => DiscordCode == UnknownChannelCode;
    public bool IsUnknownMessage => DiscordCode == UnknownMessageCode;
    public bool IsMissingPermissions => DiscordCode is MissingPermissionsCode or MissingAccessCode;
    public bool IsThreadAlreadyCreated => DiscordCode == ThreadAlreadyCreatedCode;
    public bool IsUnauthorized => StatusCode == HttpStatusCode.Unauthorized;

    /// <summary>Whether retrying can help; see <see cref="DiscordFailureKind"/>.</summary>
    public DiscordFailureKind Kind => Classify(StatusCode, DiscordCode);

    /// <summary>5xx, 429 still limited after our own waits, timeouts and transport errors: retry later.</summary>
    public bool IsTransient => Kind == DiscordFailureKind.Transient;

    /// <summary>The channel is gone or the bot may not use it (10003, 50001, 50013, 403, 404): retrying won't heal it.</summary>
    public bool IsPermanent => Kind == DiscordFailureKind.Permanent;

    /// <summary>Short words for a status line, e.g. "Missing Permissions (50013)"; Discord's message when it sent one.</summary>
    public string Reason => DiscordCode switch
    {
        UnknownChannelCode => "Unknown Channel (10003): the channel was deleted or the id is wrong",
        MissingAccessCode => "Missing Access (50001): the bot cannot see the channel",
        MissingPermissionsCode => "Missing Permissions (50013): the bot lacks a permission there",
        { } code => $"{DiscordMessage ?? "Discord error"} ({code})",
        null when StatusCode is { } status => $"HTTP {(int)status} {DiscordMessage ?? status.ToString()}",
        null => DiscordMessage ?? "no response from Discord",
    };

    public static DiscordFailureKind Classify(HttpStatusCode? status, int? discordCode)
    {
        if (discordCode is UnknownChannelCode or MissingAccessCode or MissingPermissionsCode)
        {
            return DiscordFailureKind.Permanent;
        }

        return status switch
        {
            null => DiscordFailureKind.Transient,
            HttpStatusCode.TooManyRequests => DiscordFailureKind.Transient,
            >= HttpStatusCode.InternalServerError => DiscordFailureKind.Transient,
            HttpStatusCode.Forbidden or HttpStatusCode.NotFound => DiscordFailureKind.Permanent,
            _ => DiscordFailureKind.Rejected,
        };
    }

    /// <summary>
    /// Flattens a 50035 <c>errors</c> tree into lines like "embeds.0.description: Must be 4096 or fewer in length."
    /// </summary>
    public static IReadOnlyList<string> FlattenFieldErrors(JsonElement errors)
    {
        var lines = new List<string>();
        Walk(errors, string.Empty, lines);
        return lines;

        static void Walk(JsonElement node, string path, List<string> lines)
        {
            if (node.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            foreach (var property in node.EnumerateObject())
            {
                if (property.Name == "_errors" && property.Value.ValueKind == JsonValueKind.Array)
                {
                    foreach (var error in property.Value.EnumerateArray())
                    {
                        var message = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var m)
                            ? m.GetString()
                            : error.ToString();
                        lines.Add($"{(path.Length == 0 ? "(body)" : path)}: {message}");
                    }
                }
                else
                {
                    Walk(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", lines);
                }
            }
        }
    }

    private static string Describe(string route, HttpStatusCode? status, int? code, string? message, IReadOnlyList<string>? fieldErrors)
    {
        var text = status is { } s
            ? $"Discord rejected {route} with {(int)s} {s}"
            : $"Discord request {route} failed";
        if (code is not null || message is not null)
        {
            text += $": {message ?? "(no message)"}{(code is { } c ? $" (code {c})" : string.Empty)}";
        }

        if (fieldErrors is { Count: > 0 })
        {
            text += ". " + string.Join("; ", fieldErrors);
        }

        return text;
    }
}

/// <summary>What a failed call means for whoever retries it.</summary>
public enum DiscordFailureKind
{
    /// <summary>Discord was down, slow or rate limiting (5xx, 429, timeout, no connection): the same call may succeed later.</summary>
    Transient,

    /// <summary>
    /// The target is gone or off limits: 10003 unknown channel, 50001 missing access, 50013 missing permissions, or
    /// another 403/404. Only a change on the server (a moderator) fixes it.
    /// </summary>
    Permanent,

    /// <summary>Discord refused this request itself (400 invalid body, 401 token, 160004 …): retrying the same call won't help.</summary>
    Rejected,
}

/// <summary>The request was not sent (or not retried) because a rate limit would make us wait too long.</summary>
public sealed class DiscordRateLimitedException(string route, TimeSpan retryAfter, string scope, string reason)
    : DiscordRestException(route, HttpStatusCode.TooManyRequests, null, $"{reason}; retry after {retryAfter.TotalSeconds:0.###} s (scope {scope})")
{
    public TimeSpan RetryAfter { get; } = retryAfter;

    /// <summary>"user", "global", "shared", "cloudflare" or "invalid-request-budget".</summary>
    public string Scope { get; } = scope;
}
