namespace DltBot.Discord.Models;

/// <summary>A channel or thread (threads are channels with <see cref="ThreadMetadata"/>).</summary>
public sealed record Channel
{
    public required ulong Id { get; init; }
    public required ChannelType Type { get; init; }
    public ulong? GuildId { get; init; }
    public ulong? ParentId { get; init; }
    public ulong? OwnerId { get; init; }
    public string? Name { get; init; }
    public string? Topic { get; init; }
    public int? Position { get; init; }
    public bool? Nsfw { get; init; }
    public int? RateLimitPerUser { get; init; }
    public int? Flags { get; init; }
    public ulong? LastMessageId { get; init; }
    public int? MessageCount { get; init; }
    public int? MemberCount { get; init; }

    /// <summary>The invoking user's permissions in this channel (partial channels inside interactions).</summary>
    public string? Permissions { get; init; }

    public ThreadMetadata? ThreadMetadata { get; init; }

    /// <summary>Absent on threads: they take their parent's overwrites.</summary>
    public IReadOnlyList<PermissionOverwrite>? PermissionOverwrites { get; init; }

    public bool IsThread => Type is ChannelType.PublicThread or ChannelType.PrivateThread or ChannelType.AnnouncementThread;
}

public sealed record ThreadMetadata
{
    public bool Archived { get; init; }
    public int AutoArchiveDuration { get; init; }
    public DateTimeOffset? ArchiveTimestamp { get; init; }
    public bool Locked { get; init; }
    public DateTimeOffset? CreateTimestamp { get; init; }
}

/// <summary>Body of POST /channels/{channel_id}/messages/{message_id}/threads.</summary>
public sealed record StartThreadRequest
{
    public required string Name { get; init; }

    /// <summary>Minutes: 60, 1440, 4320 or 10080 (<see cref="OneWeek"/>).</summary>
    public int? AutoArchiveDuration { get; init; }

    public int? RateLimitPerUser { get; init; }

    /// <summary>Auto-archive after a week without messages, in minutes.</summary>
    public const int OneWeek = 10080;
}
