using DltBot.Discord.Models;
using DltBot.Discord.Permissions;
using P = DltBot.Discord.Permissions.DiscordPermissions;

namespace DltBot.Discord.Tests.Permissions;

public sealed class ChannelPermissionsTests
{
    private const ulong GuildId = 100;
    private const ulong OwnerId = 1;
    private const ulong BotId = 2;
    private const ulong Mods = 201;
    private const ulong Bots = 202;
    private const ulong Readers = 203;
    private const ulong ChannelId = 300;

    private const P Post = P.ViewChannel | P.SendMessages | P.EmbedLinks | P.ReadMessageHistory | P.CreatePublicThreads | P.SendMessagesInThreads;

    private static Guild GuildWith(P everyone, params (ulong Id, P Permissions)[] roles) => new()
    {
        Id = GuildId,
        OwnerId = OwnerId,
        Roles = [Role(GuildId, everyone), .. roles.Select(r => Role(r.Id, r.Permissions))],
    };

    private static Role Role(ulong id, P permissions) => new() { Id = id, Permissions = permissions.ToDecimalString() };

    private static Channel Text(params PermissionOverwrite[] overwrites) =>
        new() { Id = ChannelId, Type = ChannelType.GuildText, GuildId = GuildId, PermissionOverwrites = overwrites };

    private static PermissionOverwrite RoleOverwrite(ulong id, P allow = P.None, P deny = P.None) =>
        new() { Id = id, Type = PermissionOverwriteType.Role, Allow = allow.ToDecimalString(), Deny = deny.ToDecimalString() };

    private static PermissionOverwrite MemberOverwrite(ulong id, P allow = P.None, P deny = P.None) =>
        new() { Id = id, Type = PermissionOverwriteType.Member, Allow = allow.ToDecimalString(), Deny = deny.ToDecimalString() };

    private static PermissionSubject Bot(params ulong[] roles) => new(BotId, roles);

    [Fact]
    public void Base_permissions_are_everyone_ored_with_the_members_roles_only()
    {
        var guild = GuildWith(P.ViewChannel, (Bots, P.SendMessages), (Mods, P.ManageMessages));

        var permissions = ChannelPermissions.ForGuild(guild, Bot(Bots));

        Assert.Equal(P.ViewChannel | P.SendMessages, permissions);
    }

    [Fact]
    public void Administrator_in_any_role_grants_everything_and_ignores_channel_denies()
    {
        var guild = GuildWith(P.ViewChannel, (Bots, P.Administrator));
        var channel = Text(RoleOverwrite(GuildId, deny: P.ViewChannel), MemberOverwrite(BotId, deny: P.SendMessages));

        Assert.Equal(P.All, ChannelPermissions.ForChannel(guild, Bot(Bots), channel));
    }

    [Fact]
    public void The_owner_has_everything_even_with_no_roles_and_a_member_deny()
    {
        var guild = GuildWith(P.None);
        var channel = Text(MemberOverwrite(OwnerId, deny: P.ViewChannel));

        Assert.Equal(P.All, ChannelPermissions.ForChannel(guild, new PermissionSubject(OwnerId, []), channel));
    }

    [Fact]
    public void Everyone_overwrite_deny_removes_a_base_permission_and_allow_adds_one()
    {
        var guild = GuildWith(P.ViewChannel | P.SendMessages | P.EmbedLinks);
        var channel = Text(RoleOverwrite(GuildId, allow: P.CreatePublicThreads, deny: P.EmbedLinks));

        var permissions = ChannelPermissions.ForChannel(guild, Bot(), channel);

        Assert.Equal(P.ViewChannel | P.SendMessages | P.CreatePublicThreads, permissions);
    }

    [Fact]
    public void Within_one_overwrite_deny_and_allow_of_the_same_bit_resolve_to_allow()
    {
        // Discord applies deny then allow, so a bit in both ends up allowed.
        var guild = GuildWith(P.ViewChannel);
        var channel = Text(RoleOverwrite(GuildId, allow: P.SendMessages, deny: P.SendMessages));

        Assert.True(ChannelPermissions.ForChannel(guild, Bot(), channel).HasFlag(P.SendMessages));
    }

    [Fact]
    public void A_role_allow_beats_another_roles_deny_because_role_overwrites_combine()
    {
        var guild = GuildWith(P.ViewChannel);
        var channel = Text(RoleOverwrite(Readers, deny: P.SendMessages), RoleOverwrite(Bots, allow: P.SendMessages));

        Assert.True(ChannelPermissions.ForChannel(guild, Bot(Bots, Readers), channel).HasFlag(P.SendMessages));
    }

    [Fact]
    public void A_role_deny_beats_the_everyone_allow()
    {
        var guild = GuildWith(P.ViewChannel);
        var channel = Text(RoleOverwrite(GuildId, allow: P.SendMessages), RoleOverwrite(Bots, deny: P.SendMessages));

        Assert.False(ChannelPermissions.ForChannel(guild, Bot(Bots), channel).HasFlag(P.SendMessages));
    }

    [Fact]
    public void A_member_overwrite_beats_role_overwrites_both_ways()
    {
        var guild = GuildWith(P.ViewChannel);
        var denyByMember = Text(RoleOverwrite(Bots, allow: P.SendMessages | P.EmbedLinks), MemberOverwrite(BotId, deny: P.EmbedLinks));
        var allowByMember = Text(RoleOverwrite(Bots, deny: P.SendMessages), MemberOverwrite(BotId, allow: P.SendMessages));

        var denied = ChannelPermissions.ForChannel(guild, Bot(Bots), denyByMember);
        var allowed = ChannelPermissions.ForChannel(guild, Bot(Bots), allowByMember);

        Assert.Equal(P.ViewChannel | P.SendMessages, denied);
        Assert.True(allowed.HasFlag(P.SendMessages));
    }

    [Fact]
    public void Overwrites_for_roles_the_member_lacks_and_for_other_members_do_not_apply()
    {
        var guild = GuildWith(P.ViewChannel | P.SendMessages);
        var channel = Text(RoleOverwrite(Mods, deny: P.SendMessages), MemberOverwrite(OwnerId + 99, deny: P.ViewChannel));

        Assert.Equal(P.ViewChannel | P.SendMessages, ChannelPermissions.ForChannel(guild, Bot(Bots), channel));
    }

    [Fact]
    public void Without_view_channel_nothing_else_counts()
    {
        var guild = GuildWith(P.ViewChannel | P.SendMessages | P.EmbedLinks);
        var channel = Text(RoleOverwrite(GuildId, deny: P.ViewChannel));

        Assert.Equal(P.None, ChannelPermissions.ForChannel(guild, Bot(), channel));
    }

    [Fact]
    public void Without_send_messages_embed_links_is_lost_too()
    {
        var guild = GuildWith(P.ViewChannel | P.SendMessages | P.EmbedLinks | P.AttachFiles);
        var channel = Text(RoleOverwrite(GuildId, deny: P.SendMessages));

        Assert.Equal(P.ViewChannel, ChannelPermissions.ForChannel(guild, Bot(), channel));
    }

    [Fact]
    public void Administrator_granted_only_by_a_channel_overwrite_is_not_administrator()
    {
        // Administrator is a guild-wide permission; Discord ignores it in overwrites for the bypass.
        var guild = GuildWith(P.ViewChannel);
        var channel = Text(RoleOverwrite(GuildId, allow: P.Administrator, deny: P.SendMessages));

        Assert.False(ChannelPermissions.ForChannel(guild, Bot(), channel).HasFlag(P.SendMessages));
    }

    [Fact]
    public void A_thread_takes_its_parents_overwrites_and_sending_there_needs_send_messages_in_threads()
    {
        var guild = GuildWith(P.ViewChannel | P.SendMessages | P.EmbedLinks | P.SendMessagesInThreads);
        var parent = Text(RoleOverwrite(GuildId, deny: P.SendMessagesInThreads));
        var thread = new Channel { Id = 400, Type = ChannelType.PublicThread, GuildId = GuildId, ParentId = ChannelId };

        var inThread = ChannelPermissions.ForChannel(guild, Bot(), thread, parent);

        Assert.False(inThread.HasFlag(P.SendMessagesInThreads));
        Assert.False(inThread.HasFlag(P.EmbedLinks)); // no way to send there, so no embeds either
        Assert.True(ChannelPermissions.ForChannel(guild, Bot(), parent).HasFlag(P.EmbedLinks));
    }

    [Fact]
    public void A_thread_without_its_parent_is_refused_with_the_parent_id_named()
    {
        var guild = GuildWith(P.ViewChannel);
        var thread = new Channel { Id = 400, Type = ChannelType.PublicThread, GuildId = GuildId, ParentId = ChannelId };
        var stranger = Text() with { Id = 999 };

        var missing = Assert.Throws<ArgumentException>(() => ChannelPermissions.ForChannel(guild, Bot(), thread));
        var wrong = Assert.Throws<ArgumentException>(() => ChannelPermissions.ForChannel(guild, Bot(), thread, stranger));

        Assert.Contains("300", missing.Message, StringComparison.Ordinal);
        Assert.Contains("not 999", wrong.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_permission_string_names_the_role()
    {
        var guild = new Guild { Id = GuildId, OwnerId = OwnerId, Roles = [new Role { Id = GuildId, Permissions = "lots" }] };

        var error = Assert.Throws<FormatException>(() => ChannelPermissions.ForGuild(guild, Bot()));

        Assert.Contains($"role {GuildId}", error.Message, StringComparison.Ordinal);
        Assert.Contains("'lots'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_names_are_discords_display_names_in_bit_order()
    {
        var guild = GuildWith(P.ViewChannel | P.SendMessages | P.EmbedLinks);
        var channel = Text(RoleOverwrite(GuildId, deny: P.SendMessages));

        var missing = PostingPermissions.MissingNames(ChannelPermissions.ForChannel(guild, Bot(), channel), PostingPermissions.PostWithThread);

        Assert.Equal(["Send Messages", "Embed Links", "Create Public Threads", "Send Messages in Threads"], missing);
    }

    [Fact]
    public void Nothing_is_missing_when_a_role_overwrite_grants_the_posting_set()
    {
        var guild = GuildWith(P.ViewChannel, (Bots, P.None));
        var channel = Text(RoleOverwrite(GuildId, deny: P.SendMessages), RoleOverwrite(Bots, allow: Post | P.SendPolls));
        var member = new GuildMember { User = new User { Id = BotId, Username = "DltBot" }, Roles = [Bots] };

        Assert.Empty(PostingPermissions.MissingNames(guild, member, channel, PostingPermissions.ForWeeklyPost(thread: true, poll: true)));
    }

    [Fact]
    public void The_weekly_post_set_grows_with_thread_and_poll()
    {
        var plain = PostingPermissions.ForWeeklyPost(thread: false, poll: false);
        var full = PostingPermissions.ForWeeklyPost(thread: true, poll: true);

        Assert.Equal(P.ViewChannel | P.SendMessages | P.EmbedLinks | P.ReadMessageHistory, plain);
        Assert.Equal(plain | P.CreatePublicThreads | P.SendMessagesInThreads | P.SendPolls, full);
        Assert.Equal(["Create Polls"], PostingPermissions.MissingNames(Post, full));
    }
}
