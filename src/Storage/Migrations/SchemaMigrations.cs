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
    ];

    public static int Latest => All[^1].Version;
}
