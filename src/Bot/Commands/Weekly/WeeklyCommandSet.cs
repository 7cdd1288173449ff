using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Commands.Moderation;
using DltBot.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DltBot.Bot.Commands.Weekly;

/// <summary>
/// The paper of the week's commands: <c>/dlt-mod potw …</c> for moderators (same access rules as the rest of
/// <c>/dlt-mod</c>), <c>/dlt week</c> and <c>/dlt suggest</c> for everyone.
/// </summary>
public static class WeeklyCommandSet
{
    public const string GroupName = "potw";

    public static CommandGroupDescriptor Group { get; } = new(ModCommandSet.TopLevelName, GroupName,
        new("potw", "每周论文", "每週論文"), new("Paper of the week", "每周论文", "每週論文"));

    public static CommandPath Path(string name) => new(ModCommandSet.TopLevelName, GroupName, name);

    /// <summary>The entry option of queue, unqueue and suggest.</summary>
    public static OptionDescriptor EntryOption(CommandText description) => ModCommandSet.EntryOption(description);

    public static IServiceCollection AddWeeklyCommands(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => sp.GetRequiredService<Stores>().Weekly.Settings);
        services.TryAddSingleton(sp => sp.GetRequiredService<Stores>().Weekly.Occurrences);
        services.TryAddSingleton(sp => sp.GetRequiredService<Stores>().Weekly.Queue);
        services.TryAddSingleton(sp => sp.GetRequiredService<Stores>().Weekly.Suggestions);
        services.AddSingleton<ICommand, SetupCommand>();
        services.AddSingleton<ICommand, StatusCommand>();
        services.AddSingleton<ICommand, PreviewCommand>();
        services.AddSingleton<ICommand, PostNowCommand>();
        services.AddSingleton<ICommand, SkipCommand>();
        services.AddSingleton<ICommand, QueueCommand>();
        services.AddSingleton<ICommand, UnqueueCommand>();
        services.AddSingleton<ICommand, PauseCommand>();
        services.AddSingleton<ICommand, ResumeCommand>();
        services.AddSingleton<ICommand, WeekCommand>();
        services.AddSingleton<ICommand, SuggestCommand>();
        return services;
    }
}
