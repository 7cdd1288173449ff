namespace DltBot.Bot.Commands.Framework;

/// <summary>
/// Every command the bot has, from the descriptors registered in DI: the Discord definitions, the shell grammar and help,
/// the CLI tree and the interaction router are all read from here. Inconsistent descriptors fail at start, not at use.
/// </summary>
public sealed class CommandRegistry
{
    private readonly Dictionary<CommandPath, ICommand> byPath = [];
    private readonly List<IComponentHandler> components;

    public CommandRegistry(IEnumerable<TopLevelDescriptor> topLevels, IEnumerable<ICommand> commands, IEnumerable<IComponentHandler> componentHandlers)
    {
        TopLevels = topLevels.ToList();
        Commands = commands.ToList();
        components = componentHandlers.OrderByDescending(c => c.Prefix.Length).ToList();

        foreach (var duplicate in TopLevels.GroupBy(t => t.Name).Where(g => g.Count() > 1))
            throw new InvalidOperationException($"Top-level command /{duplicate.Key} is registered twice.");
        foreach (var command in Commands)
        {
            var path = command.Descriptor.Path;
            var top = TopLevel(path.TopLevel) ?? throw new InvalidOperationException($"{path} belongs to no registered top-level command /{path.TopLevel}.");
            if (path.Group is { } group && top.Groups?.Any(g => g.Name == group) != true)
                throw new InvalidOperationException($"{path} names the group '{group}', which /{top.Name} does not declare.");
            if (!byPath.TryAdd(path, command)) throw new InvalidOperationException($"{path} is registered twice.");
            if (command.Descriptor.Options.Count(o => o.Positional) > 1)
                throw new InvalidOperationException($"{path} has more than one positional option.");
            foreach (var name in command.Descriptor.Options.GroupBy(o => o.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
                throw new InvalidOperationException($"{path} has the option '{name.Key}' twice.");
        }
        foreach (var duplicate in components.GroupBy(c => c.Prefix).Where(g => g.Count() > 1))
            throw new InvalidOperationException($"Two component handlers use the custom_id prefix '{duplicate.Key}'.");
    }

    public IReadOnlyList<TopLevelDescriptor> TopLevels { get; }

    /// <summary>In registration order, which is the order help and Discord show them.</summary>
    public IReadOnlyList<ICommand> Commands { get; }

    public TopLevelDescriptor? TopLevel(string name) => TopLevels.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));

    public IEnumerable<ICommand> Under(string topLevel) => Commands.Where(c => string.Equals(c.Descriptor.Path.TopLevel, topLevel, StringComparison.OrdinalIgnoreCase));

    public ICommand? Find(CommandPath path) => byPath.GetValueOrDefault(path);

    /// <summary>The command under <paramref name="topLevel"/> named by <paramref name="below"/> (one or two words), ignoring case.</summary>
    public ICommand? Find(string topLevel, IReadOnlyList<string> below) => Under(topLevel).FirstOrDefault(c =>
        c.Descriptor.Path.Parts.Skip(1).SequenceEqual(below, StringComparer.OrdinalIgnoreCase));

    /// <summary>The handler whose prefix the custom_id starts with (<c>prefix|…</c>), or null.</summary>
    public IComponentHandler? ComponentFor(string? customId) => customId is null
        ? null
        : components.FirstOrDefault(c => customId.Length > c.Prefix.Length && customId[c.Prefix.Length] == '|'
                                         && customId.StartsWith(c.Prefix, StringComparison.Ordinal));
}
