using DltBot.Bot.Commands;
using DltBot.Bot.Localization;
using DltBot.Catalog.Model;
using DltBot.Catalog.Search;
using DltBot.Discord.Models;

namespace DltBot.Bot.Discord;

/// <summary>
/// Maps an interaction to a plan: slash commands and clicks become the same <see cref="DltRequest"/>s the console runs,
/// answered by <see cref="DltCommands"/> and drawn by <see cref="DiscordReplyRenderer"/>. Parsing happens here, up front;
/// the plan's work is what may be slow and gets deferred.
/// </summary>
public sealed class InteractionRouter(DltCommands commands, Func<ICatalogSearch> search)
{
    public const int SearchPageSize = 5;
    public const int MaxChoices = 25;

    public InteractionPlan Plan(Interaction interaction)
    {
        var language = Languages.FromLocale(InteractionLanguage.Pick(interaction.Locale, interaction.GuildLocale));
        return interaction.Type switch
        {
            InteractionType.Ping => InteractionPlan.Immediate(language, InteractionResponse.Pong()),
            InteractionType.ApplicationCommand => PlanCommand(interaction, language),
            InteractionType.ApplicationCommandAutocomplete => new InteractionPlan(DeferStyle.None, language, () => Autocomplete(interaction, language)),
            InteractionType.MessageComponent => PlanComponent(interaction, language),
            _ => Notice(language, DiscordTexts.UnsupportedInteraction),
        };
    }

    private InteractionPlan PlanCommand(Interaction interaction, Language language)
    {
        var data = interaction.Data;
        if (data?.Name != DltCommandDefinitions.CommandName) return Notice(language, DiscordTexts.UnsupportedInteraction);

        var (path, leaves) = data.ResolveSubcommand();
        if (path.Count != 1) return Notice(language, DiscordTexts.UnsupportedInteraction);
        var subcommand = path[0];
        var values = leaves
            .Select(o => (o.Name, Value: o.GetString()))
            .Where(o => !string.IsNullOrWhiteSpace(o.Value))
            .ToDictionary(o => o.Name, o => o.Value!.Trim(), StringComparer.Ordinal);

        string? argument = subcommand switch
        {
            DltGrammar.Search => Take(values, DltCommandDefinitions.QueryOption),
            DltGrammar.Topic => Take(values, DltCommandDefinitions.NameOption),
            DltGrammar.Show => Take(values, DltCommandDefinitions.IdOption) is { } id ? ResolveEntry(id) : null,
            DltGrammar.Random => Take(values, DltGrammar.TopicOption),
            _ => null,
        };
        var requester = RequesterOf(interaction);
        if (subcommand == DltGrammar.Search)
            values[DltGrammar.LimitOption] = SearchPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var parsed = RequestBuilder.Create(subcommand, argument, values, language);
        if (parsed.Request is not { } request)
            return InteractionPlan.Immediate(language, InteractionResponse.Message(DiscordReplyRenderer.Render(parsed.Error!, requester)));
        if (request is SearchRequest search)
        {
            // Shortened once, here, so the first page and every button after it search the same text.
            request = search with { Text = CustomIdCodec.FitQuery(new SearchPageState(1, requester, search.Text, search.Topic, search.Years, search.Kind)) };
        }

        return new InteractionPlan(DeferStyle.Message, language, () => InteractionResponse.Message(Run(request, requester, language)));
    }

    private InteractionPlan PlanComponent(Interaction interaction, Language language)
    {
        var clicker = RequesterOf(interaction);
        if (!CustomIdCodec.TryDecode(interaction.Data?.CustomId, out var state) || state is null)
            return Notice(language, DiscordTexts.StaleComponent);

        var own = state.RequesterId == clicker;
        DltRequest request;
        switch (state)
        {
            case SearchPageState s:
                request = new SearchRequest(s.Query, s.Topic, s.Years, s.Kind, SearchPageSize, Math.Max(1, s.Page));
                break;
            case TopicPageState t:
                request = new TopicRequest(t.Topic, Math.Max(1, t.Page));
                break;
            case EntryPickState when interaction.Data?.Values is [var picked, ..]:
                request = new ShowRequest(ResolveEntry(picked));
                // A card never replaces the list it was picked from; others get a private copy.
                return new InteractionPlan(own ? DeferStyle.Message : DeferStyle.EphemeralMessage, language,
                    () => InteractionResponse.Message(Run(request, clicker, language) with { Ephemeral = !own }));
            default:
                return Notice(language, DiscordTexts.StaleComponent);
        }

        // The requester pages their own message; anyone else gets their own ephemeral copy to page through.
        return own
            ? new InteractionPlan(DeferStyle.Update, language, () => InteractionResponse.UpdateMessage(Run(request, clicker, language)))
            : new InteractionPlan(DeferStyle.EphemeralMessage, language,
                () => InteractionResponse.Message(Run(request, clicker, language) with { Ephemeral = true }));
    }

    private MessageCallback Run(DltRequest request, ulong requester, Language language)
    {
        var reply = commands.Execute(request, language);
        PageStateFactory? paging = request switch
        {
            SearchRequest s => page => new SearchPageState(page, requester, s.Text, s.Topic, s.Years, s.Kind),
            TopicRequest t when reply is EntryListReply => page => new TopicPageState(page, requester, t.Name),
            _ => null,
        };
        return DiscordReplyRenderer.Render(reply, requester, paging);
    }

    private InteractionResponse Autocomplete(Interaction interaction, Language language)
    {
        var focused = interaction.Data?.FindFocusedOption();
        if (focused is null) return InteractionResponse.Autocomplete([]);
        var prefix = focused.GetString() ?? "";
        SuggestionKind? only = focused.Name == DltCommandDefinitions.IdOption ? SuggestionKind.Entry : SuggestionKind.Topic;

        var choices = new List<ApplicationCommandOptionChoice>();
        foreach (var suggestion in search().Autocomplete(prefix.Trim(), MaxChoices, only))
        {
            var (label, value) = suggestion.Kind == SuggestionKind.Topic
                ? TopicChoice(suggestion, language)
                : (suggestion.Label, EntryReference.For(suggestion.Value));
            if (value.Length is 0 or > 100 || choices.Any(c => c.Value.Text == value)) continue;
            choices.Add(new ApplicationCommandOptionChoice { Name = TextFit.Ellipsize(label.ReplaceLineEndings(" "), 100), Value = value });
            if (choices.Count == MaxChoices) break;
        }
        return InteractionResponse.Autocomplete(choices);
    }

    private Section? SectionOf(Suggestion suggestion) => commands.Index.List.Sections.FirstOrDefault(s => s.Topic.Key == suggestion.Value);

    // Topics are offered by name in the user's language and sent back as the English name, which every lookup accepts.
    private (string Label, string Value) TopicChoice(Suggestion suggestion, Language language) => SectionOf(suggestion) is { } section
        ? ($"{CatalogIndex.TopicName(section, language)} · {CatalogIndex.OtherTopicName(section, language)}", CatalogIndex.TopicName(section, Language.English))
        : (suggestion.Label, suggestion.Value);

    private string ResolveEntry(string reference) => EntryReference.Resolve(reference, commands.Index.All.Select(e => e.Entry.Id));

    private static InteractionPlan Notice(Language language, string key) =>
        InteractionPlan.Immediate(language, InteractionResponse.Message(DiscordReplyRenderer.Notice(language, key)));

    private static string? Take(Dictionary<string, string> values, string name) => values.Remove(name, out var value) ? value : null;

    internal static ulong RequesterOf(Interaction interaction) => interaction.InvokingUser?.Id ?? 0;
}
