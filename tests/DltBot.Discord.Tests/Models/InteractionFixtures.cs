namespace DltBot.Discord.Tests.Models;

/// <summary>
/// Hand-written interaction payloads for DltBot's own commands, shaped like Discord's (gateway "d" objects /
/// HTTP bodies), including fields we do not model (_trace, entitlements, collectibles) to prove they are ignored.
/// </summary>
internal static class InteractionFixtures
{
    private const string GuildParts = """
        "app_permissions": "562949953421311",
        "application_id": "1190000000000000001",
        "attachment_size_limit": 10485760,
        "authorizing_integration_owners": { "0": "1100000000000000001" },
        "channel": { "id": "1100000000000000010", "type": 0, "guild_id": "1100000000000000001", "name": "reading-group", "permissions": "1125899906842623", "nsfw": false },
        "channel_id": "1100000000000000010",
        "context": 0,
        "entitlement_sku_ids": [],
        "entitlements": [],
        "guild": { "id": "1100000000000000001", "locale": "zh-CN", "features": ["COMMUNITY"] },
        "guild_id": "1100000000000000001",
        "guild_locale": "zh-CN",
        "locale": "zh-CN",
        "member": {
          "user": { "id": "720000000000000042", "username": "zhang.san", "global_name": "张三", "discriminator": "0", "avatar": null, "public_flags": 0, "primary_guild": null, "collectibles": null },
          "roles": ["1100000000000000100"],
          "nick": null,
          "joined_at": "2021-05-03T02:11:47.316000+00:00",
          "permissions": "1125899906842623",
          "flags": 0
        },
        "version": 1
        """;

    private const string BotMessage = """
        "message": {
          "type": 0,
          "id": "1529000000000000001",
          "channel_id": "1100000000000000010",
          "author": { "id": "1190000000000000001", "username": "DltBot", "discriminator": "0", "bot": true },
          "content": "",
          "embeds": [ { "type": "rich", "title": "Neural Tangent Kernel", "description": "Jacot et al., 2018", "color": 3447003, "content_scan_version": 0 } ],
          "timestamp": "2026-07-20T08:00:00.412000+00:00",
          "edited_timestamp": null,
          "flags": 0,
          "components": [
            { "type": 1, "id": 1, "components": [
              { "type": 2, "id": 2, "style": 2, "label": "Next page", "custom_id": "dlt:page:2" },
              { "type": 2, "id": 3, "style": 5, "label": "Paper", "url": "https://arxiv.org/abs/1806.07572" }
            ] }
          ]
        },
        """;

    public const string SlashSubcommand = $$"""
        {
          {{GuildParts}},
          "data": {
            "id": "1290000000000000001", "name": "dlt", "type": 1, "version": "1290000000000000002",
            "options": [
              { "type": 1, "name": "search", "options": [
                { "type": 3, "name": "query", "value": "神经正切核" },
                { "type": 4, "name": "limit", "value": 5 },
                { "type": 5, "name": "english", "value": true }
              ] }
            ]
          },
          "id": "1529100000000000001",
          "token": "aW50ZXJhY3Rpb246c2xhc2g",
          "type": 2,
          "_trace": ["gateway-1"]
        }
        """;

    public const string SubcommandGroup = $$"""
        {
          {{GuildParts}},
          "data": {
            "id": "1290000000000000001", "name": "dlt", "type": 1,
            "options": [ { "type": 2, "name": "admin", "options": [ { "type": 1, "name": "reload", "options": [] } ] } ]
          },
          "id": "1529100000000000009",
          "token": "aW50ZXJhY3Rpb246Z3JvdXA",
          "type": 2
        }
        """;

    public const string Autocomplete = $$"""
        {
          {{GuildParts}},
          "data": {
            "id": "1290000000000000001", "name": "dlt", "type": 1,
            "options": [ { "type": 1, "name": "show", "options": [ { "type": 3, "name": "entry", "value": "grok", "focused": true } ] } ]
          },
          "id": "1529100000000000002",
          "token": "aW50ZXJhY3Rpb246YXV0bw",
          "type": 4
        }
        """;

    public const string Button = $$"""
        {
          {{GuildParts}},
          {{BotMessage}}
          "data": { "component_type": 2, "custom_id": "dlt:page:2", "id": 2 },
          "id": "1529100000000000003",
          "token": "aW50ZXJhY3Rpb246YnV0dG9u",
          "type": 3
        }
        """;

    public const string StringSelect = $$"""
        {
          {{GuildParts}},
          {{BotMessage}}
          "data": { "component_type": 3, "custom_id": "dlt:topic", "id": 6, "values": ["generalization", "optimization"] },
          "id": "1529100000000000004",
          "token": "aW50ZXJhY3Rpb246c2VsZWN0",
          "type": 3
        }
        """;

    public const string ModalSubmitLabel = $$"""
        {
          {{GuildParts}},
          "data": {
            "custom_id": "dlt:suggest",
            "components": [
              { "type": 18, "id": 1, "component": { "type": 4, "id": 2, "custom_id": "title", "value": "Grokking: Generalization Beyond Overfitting" } },
              { "type": 18, "id": 3, "component": { "type": 4, "id": 4, "custom_id": "why", "value": "第一行\n第二行" } },
              { "type": 18, "id": 5, "component": { "type": 3, "id": 6, "custom_id": "section", "values": ["generalization"] } }
            ]
          },
          "id": "1529100000000000005",
          "token": "aW50ZXJhY3Rpb246bW9kYWwx",
          "type": 5
        }
        """;

    public const string ModalSubmitActionRow = $$"""
        {
          {{GuildParts}},
          "data": {
            "custom_id": "dlt:suggest",
            "components": [
              { "type": 1, "id": 1, "components": [ { "type": 4, "id": 2, "custom_id": "title", "value": "Deep Double Descent" } ] },
              { "type": 1, "id": 3, "components": [ { "type": 4, "id": 4, "custom_id": "why", "value": "classic" } ] }
            ]
          },
          "id": "1529100000000000006",
          "token": "aW50ZXJhY3Rpb246bW9kYWwy",
          "type": 5
        }
        """;

    public const string Ping = """
        {
          "application_id": "1190000000000000001",
          "entitlements": [],
          "id": "1529100000000000007",
          "token": "aW50ZXJhY3Rpb246cGluZw",
          "type": 1,
          "user": { "avatar": null, "discriminator": "0", "global_name": "App Owner", "id": "640000000000000001", "public_flags": 0, "username": "app.owner" },
          "version": 1
        }
        """;

    /// <summary>A DM: no member, a top-level user; ids sent as JSON numbers, which Discord may do.</summary>
    public const string DirectMessageWithNumericIds = """
        {
          "application_id": 1190000000000000001,
          "channel": { "id": 1100000000000000099, "type": 1 },
          "channel_id": "1100000000000000099",
          "context": 1,
          "data": { "id": 1290000000000000001, "name": "dlt", "type": 1, "options": [ { "type": 1, "name": "topic", "options": [] } ] },
          "id": 1529100000000000008,
          "locale": "en-US",
          "token": "aW50ZXJhY3Rpb246ZG0",
          "type": 2,
          "user": { "id": 720000000000000042, "username": "zhang.san", "global_name": null },
          "version": 1
        }
        """;
}
