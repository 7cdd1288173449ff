using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Curation;
using Microsoft.Extensions.DependencyInjection;

namespace DltBot.Bot.Commands.Moderation;

/// <summary>
/// <c>/dlt-mod</c>: a top-level command of its own, because Discord applies default_member_permissions per top-level
/// command. Manage Server by default, guild only; the server checks access again on every use.
/// </summary>
public static class ModCommandSet
{
    public const string TopLevelName = "dlt-mod";

    public static TopLevelDescriptor TopLevel { get; } = new(TopLevelName,
        new("Curate this server's reading list", "管理本服务器的书单", "管理本伺服器的書單"),
        DefaultMemberPermissions: DiscordPermission.ManageGuild, GuildOnly: true, Groups: [Weekly.WeeklyCommandSet.Group]);

    public static CommandPath Path(string name) => new(TopLevelName, name);

    public static OptionDescriptor EntryOption(CommandText description, IAutocompleteSource? source = null) => new(
        "id", OptionKind.String, new("id", "条目", "條目"), description, Required: true, Positional: true, MaxLength: 300,
        Autocomplete: source ?? Dlt.EntryAutocomplete.Instance, What: new("an entry id", "一个条目编号"), Example: "arxiv:2210.01117");

    public static OptionDescriptor ReasonOption { get; } = new(
        "reason", OptionKind.String, new("reason", "原因", "原因"), new("Why (kept in the change log)", "原因（记入修改日志）", "原因（記入修改日誌）"),
        MaxLength: EntryInput.ReasonMaxLength);

    public static IServiceCollection AddModCommands(this IServiceCollection services)
    {
        services.AddSingleton(TopLevel);
        services.AddSingleton<ICommand, AddEntryCommand>();
        services.AddSingleton<ICommand, EditEntryCommand>();
        services.AddSingleton<ICommand, RemoveEntryCommand>();
        services.AddSingleton<ICommand, RestoreEntryCommand>();
        services.AddSingleton<ICommand, HistoryCommand>();
        services.AddSingleton<ICommand, RolesCommand>();
        services.AddSingleton<ICommand, ExportCommand>();
        services.AddSingleton<AddDrafts>();
        services.AddSingleton<IComponentHandler, ModComponents>();
        return services;
    }
}
