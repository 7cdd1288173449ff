using System.Globalization;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Curation;
using DltBot.Storage;

namespace DltBot.Bot.Commands.Moderation;

/// <summary><c>/dlt-mod roles action:add|remove|list [role:]</c>: the roles whose members may curate, besides Manage Server.</summary>
public sealed class RolesCommand(ICuratorRoles roles, CuratorAccessPolicy access) : ICommand
{
    private static readonly CommandText Title = new("Curator roles", "策展人身份组");
    private static readonly CommandText None = new("No curator roles: only members with Manage Server or Administrator can curate.", "没有策展人身份组：只有拥有“管理服务器”或管理员权限的成员可以管理书单。");
    private static readonly CommandText Added = new("<@&{0}> can now curate this server's list.", "<@&{0}> 现在可以管理本服务器的书单。");
    private static readonly CommandText AlreadyAdded = new("<@&{0}> was already a curator role.", "<@&{0}> 已经是策展人身份组。");
    private static readonly CommandText Removed = new("<@&{0}> is no longer a curator role.", "<@&{0}> 不再是策展人身份组。");
    private static readonly CommandText NotThere = new("<@&{0}> was not a curator role.", "<@&{0}> 本来就不是策展人身份组。");
    private static readonly CommandText NeedsRole = new("role is missing; name the role to {0}", "缺少 role；请指定要{0}的身份组");

    public CommandDescriptor Descriptor { get; } = new(
        ModCommandSet.Path("roles"),
        new("roles", "身份组", "身分組"),
        new("Roles whose members may curate", "可以管理书单的身份组", "可以管理書單的身分組"),
        [
            new("action", OptionKind.String, new("action", "操作", "操作"), new("What to do", "要做什么", "要做什麼"), Required: true, Positional: true,
                Choices: [new("add", new("Add", "添加", "新增")), new("remove", new("Remove", "移除", "移除")), new("list", new("List", "列出", "列出"))]),
            new("role", OptionKind.Role, new("role", "身份组", "身分組"), new("The role", "身份组", "身分組")),
        ],
        CommandAccess.Moderator,
        ReplyVisibility.Ephemeral);

    public ValueTask<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken) => ModReplies.GuardAsync(context, async () =>
    {
        var language = context.Language;
        var guild = context.Place.Key;
        var action = context.Arguments.GetString("action")!;
        if (action == "list")
        {
            var list = await roles.ListAsync(guild, cancellationToken).ConfigureAwait(false);
            return new InfoReply(language, Title.In(language), [], list.Count == 0 ? [None.In(language)] : list.Select(r => $"<@&{r}>").ToList());
        }

        if (context.Arguments.GetId("role") is not { } role) return ModReplies.Error(language, NeedsRole, action);
        var roleId = role.ToString(CultureInfo.InvariantCulture);
        var changed = action == "add"
            ? await roles.AddAsync(guild, roleId, ModReplies.ActorOf(context), cancellationToken).ConfigureAwait(false)
            : await roles.RemoveAsync(guild, roleId, cancellationToken).ConfigureAwait(false);
        access.Forget(guild);
        var text = (action, changed) switch
        {
            ("add", true) => Added,
            ("add", false) => AlreadyAdded,
            (_, true) => Removed,
            _ => NotThere,
        };
        return new InfoReply(language, Title.In(language), [], [ModReplies.Format(language, text, roleId)]);
    });
}
