using System.Globalization;

namespace DltBot.Bot.Commands.Framework;

/// <summary>
/// The raw option values a surface collected: Discord's options, or the shell's and CLI's <c>--name value</c> pairs and
/// free words. Nothing is validated yet.
/// </summary>
/// <param name="Words">The shell's or CLI's free words, for the command's positional option; null on Discord.</param>
public sealed record RawArguments(IReadOnlyDictionary<string, string> Options, string? Words = null)
{
    public static RawArguments Empty { get; } = new(new Dictionary<string, string>());

    public static RawArguments Of(params (string Name, string? Value)[] options) =>
        new(options.Where(o => o.Value is not null).ToDictionary(o => o.Name, o => o.Value!, StringComparer.OrdinalIgnoreCase));
}

/// <summary>Option values checked against the command's descriptor (type, length, range, choices), by name.</summary>
public sealed class CommandArguments(IReadOnlyDictionary<string, string> values)
{
    public static CommandArguments None { get; } = new(new Dictionary<string, string>());

    /// <summary>The validated values as text, for running the command again (paging) or logging.</summary>
    public IReadOnlyDictionary<string, string> Values { get; } = values;

    public bool Has(string name) => Values.ContainsKey(name);

    public string? GetString(string name) => Values.TryGetValue(name, out var value) ? value : null;

    public int? GetInt(string name) => Values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : null;

    public bool? GetBool(string name) => Values.TryGetValue(name, out var value) ? bool.Parse(value) : null;

    /// <summary>A channel, role or user option: the Discord id.</summary>
    public ulong? GetId(string name) => Values.TryGetValue(name, out var value) ? ulong.Parse(value, CultureInfo.InvariantCulture) : null;
}
