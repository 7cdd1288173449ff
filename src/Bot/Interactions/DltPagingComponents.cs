using System.Globalization;
using DltBot.Bot.Commands;
using DltBot.Bot.Commands.Dlt;
using DltBot.Bot.Commands.Framework;
using Microsoft.Extensions.DependencyInjection;

namespace DltBot.Bot.Interactions;

/// <summary>
/// The buttons and select under <c>/dlt</c> result pages (custom_id prefix <c>dlt1</c>, see <see cref="CustomIdCodec"/>):
/// ◀ ▶ run the same search or topic for another page, and the select opens an entry's card. The requester pages their
/// own message; anyone else gets a private copy.
/// </summary>
/// <remarks>Reads the registry when a button is clicked, not when built: the registry is made of the component handlers, this one included.</remarks>
public sealed class DltPagingComponents(IServiceProvider services) : IComponentHandler
{
    public string Prefix => CustomIdCodec.Prefix;

    public ComponentPlan? Plan(ComponentContext context)
    {
        if (!CustomIdCodec.TryDecode(context.CustomId, out var state) || state is null) return null;
        var own = state.RequesterId == context.Caller.UserId;
        var (path, raw) = state switch
        {
            SearchPageState s => (DltCommandSet.Path("search"), RawArguments.Of(
                (SearchCommand.QueryOption, s.Query), (SearchCommand.TopicOption, s.Topic),
                (SearchCommand.YearOption, s.Years is { } y ? $"{y.From}-{y.To}" : null),
                (SearchCommand.KindOption, s.Kind?.ToString().ToLowerInvariant()), ("page", Page(s.Page)))),
            TopicPageState t => (DltCommandSet.Path("topic"), RawArguments.Of((TopicCommand.NameOption, t.Topic), ("page", Page(t.Page)))),
            EntryPickState when context.Values is [var picked, ..] => (DltCommandSet.Path("show"), RawArguments.Of(
                (ShowCommand.IdOption, EntryReference.Resolve(picked, context.Catalog.Index.All.Select(e => e.Entry.Id))))),
            _ => (null, RawArguments.Empty),
        };
        if (path is null || services.GetRequiredService<CommandRegistry>().Find(path) is not { } command) return null;
        var runner = services.GetRequiredService<CommandRunner>();

        var invocation = new Invocation(context.Caller, context.Place, context.Language, Surface.Discord);
        // A card never replaces the list it was picked from; a page replaces its own list.
        var response = !own ? ComponentResponse.EphemeralMessage : state is EntryPickState ? ComponentResponse.NewMessage : ComponentResponse.UpdateMessage;
        return new ComponentPlan(response, ct => runner.RunAsync(command, raw, invocation, ct));
    }

    /// <summary>
    /// Shortens a search's query once, before the first page, to what its buttons can carry, so every page searches the
    /// same text. Other commands pass through.
    /// </summary>
    public static RawArguments FitForButtons(CommandDescriptor command, RawArguments raw, ulong requester)
    {
        if (command.Path != DltCommandSet.Path("search") || !raw.Options.TryGetValue(SearchCommand.QueryOption, out var query)) return raw;
        var years = raw.Options.TryGetValue(SearchCommand.YearOption, out var yearText) ? YearRanges.Parse(yearText) : null;
        var kind = raw.Options.TryGetValue(SearchCommand.KindOption, out var kindText) && DltCommandSet.KindChoices.FirstOrDefault(c => c.Matches(kindText)) is { } choice
            ? DltCommandSet.ParseKind(choice.Value)
            : (Catalog.Search.EntryKind?)null;
        var topic = raw.Options.GetValueOrDefault(SearchCommand.TopicOption);
        var fitted = CustomIdCodec.FitQuery(new SearchPageState(1, requester, query, topic, years, kind));
        if (fitted == query) return raw;
        var options = new Dictionary<string, string>(raw.Options, StringComparer.Ordinal) { [SearchCommand.QueryOption] = fitted };
        return raw with { Options = options };
    }

    private static string Page(int page) => Math.Max(1, page).ToString(CultureInfo.InvariantCulture);
}
