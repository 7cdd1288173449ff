using DltBot.Storage.Sql;

namespace DltBot.Storage.Migrations;

/// <summary>One schema change; <paramref name="Version"/> numbers are consecutive from 1 and never reused.</summary>
public sealed record Migration(int Version, string Name, Func<IStoreProvider, string> Sql);

/// <summary>The schema, as the list of its versions. Append only: a shipped migration is never edited.</summary>
public static class SchemaMigrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "change log, guild overlay, curator roles", p => $"""
            CREATE TABLE entry_changes (
                sequence {p.IdentityPrimaryKey},
                guild TEXT NOT NULL,
                entry_id TEXT NOT NULL,
                action TEXT NOT NULL CHECK (action IN ('add', 'edit', 'remove', 'restore')),
                version BIGINT NOT NULL,
                before_json TEXT NULL,
                after_json TEXT NULL,
                actor_id TEXT NOT NULL,
                actor_name TEXT NOT NULL,
                reason TEXT NULL,
                changed_utc TEXT NOT NULL
            );
            CREATE INDEX ix_entry_changes_entry ON entry_changes (guild, entry_id, sequence);
            CREATE INDEX ix_entry_changes_actor ON entry_changes (guild, actor_id, sequence);

            CREATE TABLE guild_entries (
                guild TEXT NOT NULL,
                entry_id TEXT NOT NULL,
                title TEXT NOT NULL,
                url TEXT NULL,
                topic TEXT NOT NULL,
                year INTEGER NULL,
                note TEXT NOT NULL,
                removed INTEGER NOT NULL CHECK (removed IN (0, 1)),
                version BIGINT NOT NULL CHECK (version >= 1),
                first_sequence BIGINT NOT NULL REFERENCES entry_changes (sequence),
                last_sequence BIGINT NOT NULL REFERENCES entry_changes (sequence),
                changed_utc TEXT NOT NULL,
                PRIMARY KEY (guild, entry_id)
            );
            CREATE INDEX ix_guild_entries_order ON guild_entries (guild, first_sequence);

            CREATE TABLE guild_curator_roles (
                guild TEXT NOT NULL,
                role_id TEXT NOT NULL,
                added_by TEXT NOT NULL,
                added_utc TEXT NOT NULL,
                PRIMARY KEY (guild, role_id)
            );
            """),
        new(2, "paper of the week: settings, occurrences, queue, suggestions", _ => """
            CREATE TABLE weekly_settings (
                guild TEXT NOT NULL PRIMARY KEY,
                channel_id TEXT NOT NULL,
                day_of_week TEXT NOT NULL CHECK (day_of_week IN ('monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday')),
                local_time TEXT NOT NULL,
                time_zone TEXT NOT NULL,
                role_id TEXT NULL,
                thread INTEGER NOT NULL CHECK (thread IN (0, 1)),
                poll INTEGER NOT NULL CHECK (poll IN (0, 1)),
                paused INTEGER NOT NULL CHECK (paused IN (0, 1)),
                pause_reason TEXT NULL,
                skip_next INTEGER NOT NULL CHECK (skip_next IN (0, 1)),
                updated_utc TEXT NOT NULL,
                updated_by TEXT NOT NULL
            );

            CREATE TABLE weekly_occurrences (
                guild TEXT NOT NULL,
                occurrence_key TEXT NOT NULL,
                scheduled_utc TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('claimed', 'posted', 'skipped', 'missed', 'failed')),
                claimant TEXT NOT NULL,
                claimed_utc TEXT NOT NULL,
                channel_id TEXT NULL,
                message_id TEXT NULL,
                thread_id TEXT NULL,
                entry_id TEXT NULL,
                cycle BIGINT NULL,
                poll_message_id TEXT NULL,
                poll_winner TEXT NULL,
                poll_read_utc TEXT NULL,
                detail TEXT NULL,
                finished_utc TEXT NULL,
                updated_utc TEXT NOT NULL,
                PRIMARY KEY (guild, occurrence_key),
                CHECK (state <> 'posted' OR (message_id IS NOT NULL AND entry_id IS NOT NULL AND cycle IS NOT NULL))
            );
            CREATE INDEX ix_weekly_occurrences_posts ON weekly_occurrences (guild, state, finished_utc);
            CREATE INDEX ix_weekly_occurrences_updated ON weekly_occurrences (guild, updated_utc);

            CREATE TABLE weekly_queue (
                guild TEXT NOT NULL,
                entry_id TEXT NOT NULL,
                position BIGINT NOT NULL,
                queued_utc TEXT NOT NULL,
                queued_by TEXT NOT NULL,
                PRIMARY KEY (guild, entry_id)
            );
            CREATE INDEX ix_weekly_queue_order ON weekly_queue (guild, position);

            CREATE TABLE weekly_suggestions (
                guild TEXT NOT NULL,
                member_id TEXT NOT NULL,
                entry_id TEXT NOT NULL,
                suggested_utc TEXT NOT NULL,
                PRIMARY KEY (guild, member_id)
            );
            CREATE INDEX ix_weekly_suggestions_entry ON weekly_suggestions (guild, entry_id);
            """),
        new(3, "link health: the latest check of every URL", _ => """
            CREATE TABLE link_checks (
                url TEXT NOT NULL PRIMARY KEY,
                outcome TEXT NOT NULL CHECK (outcome IN ('reachable', 'failed', 'inconclusive')),
                status INTEGER NULL,
                final_url TEXT NOT NULL,
                suggested_url TEXT NULL,
                detail TEXT NULL,
                checked_utc TEXT NOT NULL,
                consecutive_failures INTEGER NOT NULL CHECK (consecutive_failures >= 0),
                failing_since_utc TEXT NULL,
                CHECK ((consecutive_failures = 0) = (failing_since_utc IS NULL))
            );
            CREATE INDEX ix_link_checks_failing ON link_checks (consecutive_failures, url);
            """),
    ];

    public static int Latest => All[^1].Version;
}
