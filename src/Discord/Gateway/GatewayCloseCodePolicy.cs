using System.Collections.Frozen;

namespace DltBot.Discord.Gateway;

public enum GatewayReconnectAction
{
    /// <summary>Reconnect to the resume URL and send Resume with the last sequence.</summary>
    Resume,

    /// <summary>Drop the session, reconnect to the gateway URL and Identify.</summary>
    NewSession,

    /// <summary>Do not reconnect: a configuration problem that retrying cannot fix.</summary>
    Stop,
}

/// <param name="Meaning">What the code means, for logs.</param>
/// <param name="Fix">For <see cref="GatewayReconnectAction.Stop"/>: what the operator has to change.</param>
public sealed record GatewayCloseDecision(int? CloseCode, GatewayReconnectAction Action, string Meaning, string? Fix = null)
{
    /// <summary>A message that names the code, what it means and what to do, e.g. "4014 disallowed intents: ...".</summary>
    public string Describe() => Fix is null
        ? $"{CodeText}: {Meaning}."
        : $"{CodeText}: {Meaning}; {Fix}";

    private string CodeText => CloseCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no close code";
}

/// <summary>The one table that decides what a closed gateway connection leads to.</summary>
public static class GatewayCloseCodePolicy
{
    private static readonly FrozenDictionary<int, GatewayCloseDecision> Table = new GatewayCloseDecision[]
    {
        // Discord ends the session on a normal close; a Resume would only earn an op 9, so identify straight away.
        new(1000, GatewayReconnectAction.NewSession, "normal closure, the session has ended"),
        new(1001, GatewayReconnectAction.NewSession, "going away, the session has ended"),
        new(4000, GatewayReconnectAction.Resume, "unknown error"),
        new(4001, GatewayReconnectAction.Resume, "unknown opcode sent"),
        new(4002, GatewayReconnectAction.Resume, "decode error (a sent payload was invalid or larger than 4096 bytes)"),
        new(4003, GatewayReconnectAction.NewSession, "not authenticated (a payload was sent before Identify)"),
        new(4004, GatewayReconnectAction.Stop, "authentication failed",
            "the bot token is wrong or was reset: put the current token from the Developer Portal (Bot page) into the Discord:Token setting."),
        new(4005, GatewayReconnectAction.Resume, "already authenticated (Identify or Resume sent twice)"),
        new(4006, GatewayReconnectAction.NewSession, "session no longer valid"),
        new(4007, GatewayReconnectAction.NewSession, "invalid sequence number on Resume"),
        new(4008, GatewayReconnectAction.Resume, "rate limited (more than 120 events in 60 seconds)"),
        new(4009, GatewayReconnectAction.NewSession, "session timed out"),
        new(4010, GatewayReconnectAction.Stop, "invalid shard",
            "the shard id sent in Identify is not below the shard count: fix the shard settings (or leave them unset for one shard)."),
        new(4011, GatewayReconnectAction.Stop, "sharding required",
            "the bot is in too many guilds for one connection: configure sharding with the shard count from GET /gateway/bot."),
        new(4012, GatewayReconnectAction.Stop, "invalid API version",
            "the gateway URL asks for an API version Discord does not serve: connect with v=10."),
        new(4013, GatewayReconnectAction.Stop, "invalid intents",
            "the intents value is not a valid bitfield: send GUILDS (1) only."),
        new(4014, GatewayReconnectAction.Stop, "disallowed intents",
            "the bot asked for a privileged intent not enabled in the Developer Portal: enable it there (Bot page, Privileged Gateway Intents) or stop requesting it; DltBot needs only GUILDS (1)."),
    }.ToFrozenDictionary(decision => decision.CloseCode!.Value);

    /// <summary>Every code the table names explicitly (for table-driven tests and documentation).</summary>
    public static IReadOnlyCollection<int> KnownCodes => Table.Keys;

    /// <param name="closeCode">The server's close code, or null when the connection dropped without a close frame.</param>
    public static GatewayCloseDecision Decide(int? closeCode) => closeCode switch
    {
        null => new(null, GatewayReconnectAction.Resume, "connection dropped without a close frame"),
        { } code when Table.TryGetValue(code, out var decision) => decision,
        // Unknown codes (1006, 1011, 1012, future 4xxx...) keep the session: resuming is cheap and Discord answers op 9 if it can't.
        { } code => new(code, GatewayReconnectAction.Resume, "unrecognised close code"),
    };
}
