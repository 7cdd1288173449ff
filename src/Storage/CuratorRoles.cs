using Dapper;

namespace DltBot.Storage;

internal sealed class CuratorRoles(StoreDatabase db) : ICuratorRoles
{
    public Task<bool> AddAsync(string guild, string roleId, Actor actor, CancellationToken ct) =>
        db.WriteAsync($"adding curator role {roleId} for guild {guild}", async (c, tx) =>
            await c.ExecuteAsync(new CommandDefinition("""
                INSERT INTO guild_curator_roles (guild, role_id, added_by, added_utc) VALUES (@guild, @roleId, @by, @at)
                ON CONFLICT (guild, role_id) DO NOTHING
                """, new { guild, roleId, by = actor.Id, at = StoredTime.Format(db.Time.GetUtcNow()) }, tx, cancellationToken: ct)) == 1,
            _ => true, ct);

    public Task<bool> RemoveAsync(string guild, string roleId, CancellationToken ct) =>
        db.WriteAsync($"removing curator role {roleId} for guild {guild}", async (c, tx) =>
            await c.ExecuteAsync(new CommandDefinition(
                "DELETE FROM guild_curator_roles WHERE guild = @guild AND role_id = @roleId", new { guild, roleId }, tx, cancellationToken: ct)) == 1,
            _ => true, ct);

    public Task<IReadOnlyList<string>> ListAsync(string guild, CancellationToken ct) =>
        db.ReadAsync<IReadOnlyList<string>>($"listing the curator roles of guild {guild}", async c =>
            (await c.QueryAsync<string>(new CommandDefinition(
                "SELECT role_id FROM guild_curator_roles WHERE guild = @guild ORDER BY role_id", new { guild }, cancellationToken: ct))).ToList(), ct);
}
