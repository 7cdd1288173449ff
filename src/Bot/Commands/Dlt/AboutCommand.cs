using System.Globalization;
using System.Reflection;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Localization;

namespace DltBot.Bot.Commands.Dlt;

/// <summary><c>/dlt about</c>: the catalog's size and origin, the version and the uptime.</summary>
public sealed class AboutCommand(TimeProvider time) : ICommand
{
    private readonly DateTimeOffset startedAt = time.GetUtcNow();

    public CommandDescriptor Descriptor { get; } = new(
        DltCommandSet.Path("about"),
        new("about", "关于", "關於"),
        new("Catalog size, version and uptime", "书单规模、版本和运行时长", "書單規模、版本和運行時長"),
        []);

    public ValueTask<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var language = context.Language;
        var snapshot = context.Catalog.Snapshot;
        var list = snapshot.List;
        var uptime = time.GetUtcNow() - startedAt;
        if (uptime < TimeSpan.Zero) uptime = TimeSpan.Zero;
        var version = typeof(AboutCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev";
        var withChildren = list.AllEntries().Count();
        var topLevel = list.Sections.Sum(s => s.Entries.Count);
        version = version.Split('+')[0];
        var facts = new AboutFacts(list.Title, list.Sections.Count, topLevel, withChildren, snapshot.PublicSource, snapshot.LoadedAt, (long)uptime.TotalSeconds, version);
        return new(new InfoReply(language, Strings.Get(language, TextKey.AboutTitle),
        [
            new(Strings.Get(language, TextKey.LabelCatalog), list.Title),
            new(Strings.Get(language, TextKey.LabelCounts), Strings.Get(language, TextKey.CountsValue, Strings.Count(language, list.Sections.Count, CountedNoun.Topic), Strings.Count(language, topLevel, CountedNoun.Entry), withChildren)),
            new(Strings.Get(language, TextKey.LabelSource), snapshot.PublicSource),
            new(Strings.Get(language, TextKey.LabelLoadedAt), snapshot.LoadedAt.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)),
            new(Strings.Get(language, TextKey.LabelUptime), Strings.Get(language, TextKey.UptimeValue, (int)uptime.TotalDays, uptime.Hours, uptime.Minutes, uptime.Seconds)),
            new(Strings.Get(language, TextKey.LabelVersion), version),
        ], [], facts));
    }
}
