using System.Globalization;
using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Commands;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Localization;
using DltBot.Discord.Models;

namespace DltBot.Bot.Interactions;

/// <summary>
/// Maps an interaction to a plan through the registry: the top-level command and subcommand path find the descriptor,
/// its options are validated at once (a bad one is answered without deferring), and the plan's work runs the same
/// handler the shell and CLI run; the reply is drawn by <see cref="DiscordReplyRenderer"/>. Buttons, selects and modal
/// submits go to the component handler whose custom_id prefix they carry.
/// </summary>
public sealed class InteractionRouter(CommandRegistry registry, CommandRunner runner, ICatalogViews catalogs)
{
    public const int MaxChoices = 25;

    public InteractionPlan Plan(Interaction interaction)
    {
        var language = Languages.FromLocale(InteractionLanguage.Pick(interaction.Locale, interaction.GuildLocale));
        return interaction.Type switch
        {
            InteractionType.Ping => InteractionPlan.Immediate(language, InteractionResponse.Pong()),
            InteractionType.ApplicationCommand => PlanCommand(interaction, language),
            InteractionType.ApplicationCommandAutocomplete => new InteractionPlan(DeferStyle.None, language,
                _ => ValueTask.FromResult(Autocomplete(interaction, language))),
            InteractionType.MessageComponent or InteractionType.ModalSubmit => PlanComponent(interaction, language),
            _ => Notice(language, DiscordTexts.UnsupportedInteraction),
        };
    }

    /// <summary>Who and where, as Discord says in the interaction.</summary>
    public static Invocation InvocationOf(Interaction interaction, Language language) =>
        new(CallerOf(interaction), PlaceOf(interaction), language, Surface.Discord);

    public static Caller CallerOf(Interaction interaction)
    {
        var user = interaction.InvokingUser;
        var member = interaction.Member;
        var permissions = ulong.TryParse(member?.Permissions, NumberStyles.None, CultureInfo.InvariantCulture, out var bits) ? bits : 0;
        return new Caller(user?.Id ?? 0, member?.Nick ?? user?.GlobalName ?? user?.Username ?? "", permissions, member?.Roles ?? []);
    }

    public static Place PlaceOf(Interaction interaction) => interaction.GuildId is { } guild
        ? Place.Guild(guild, interaction.ChannelId ?? interaction.Channel?.Id)
        : Place.Direct(interaction.ChannelId ?? interaction.Channel?.Id);

    private InteractionPlan PlanCommand(Interaction interaction, Language language)
    {
        if (Resolve(interaction) is not { } found) return Notice(language, DiscordTexts.UnsupportedInteraction);
        var (command, leaves) = found;
        var invocation = InvocationOf(interaction, language);

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var option in leaves)
        {
            if (option.GetString() is not { } value || string.IsNullOrWhiteSpace(value)) continue;
            values[option.Name] = ExpandReference(value.Trim(), invocation.Place);
        }
        var raw = DltPagingComponents.FitForButtons(command.Descriptor, new RawArguments(values), invocation.Caller.UserId);

        var prepared = CommandRunner.Prepare(command, raw, invocation, out var invalid);
        if (prepared is null)
            return InteractionPlan.Immediate(language, DiscordReplyRenderer.Respond(invalid!, invocation.Caller.UserId));

        var ephemeral = command.Descriptor.Visibility == ReplyVisibility.Ephemeral;
        var style = command is IOpensForm form && form.OpensForm(prepared.Arguments) ? DeferStyle.None
            : ephemeral ? DeferStyle.EphemeralMessage : DeferStyle.Message;
        return new InteractionPlan(style, language, async cancellationToken =>
        {
            var reply = await runner.ExecuteAsync(prepared, cancellationToken).ConfigureAwait(false);
            return DiscordReplyRenderer.Respond(reply, invocation.Caller.UserId, ephemeral);
        });
    }

    private InteractionPlan PlanComponent(Interaction interaction, Language language)
    {
        var customId = interaction.Data?.CustomId;
        if (registry.ComponentFor(customId) is not { } handler) return Notice(language, DiscordTexts.StaleComponent);

        var invocation = InvocationOf(interaction, language);
        var fields = interaction.Type == InteractionType.ModalSubmit ? interaction.Data!.GetModalValues() : new Dictionary<string, string>();
        var context = new ComponentContext(customId!, interaction.Data?.Values ?? [], fields, invocation.Caller, invocation.Place, language,
            catalogs.ViewFor(invocation.Place));
        if (handler.Plan(context) is not { } plan) return Notice(language, DiscordTexts.StaleComponent);

        var requester = invocation.Caller.UserId;
        var (defer, ephemeral, update) = plan.Response switch
        {
            ComponentResponse.UpdateMessage => (DeferStyle.Update, false, true),
            ComponentResponse.EphemeralMessage => (DeferStyle.EphemeralMessage, true, false),
            ComponentResponse.Form => (DeferStyle.None, true, false),
            _ => (DeferStyle.Message, false, false),
        };
        return new InteractionPlan(defer, language, async ct =>
            DiscordReplyRenderer.Respond(await plan.Run(ct).ConfigureAwait(false), requester, ephemeral, update));
    }

    private InteractionResponse Autocomplete(Interaction interaction, Language language)
    {
        var focused = interaction.Data?.FindFocusedOption();
        if (focused is null || Resolve(interaction) is not { } found) return InteractionResponse.Autocomplete([]);
        if (found.Command.Descriptor.Option(focused.Name)?.Autocomplete is not { } source) return InteractionResponse.Autocomplete([]);

        var place = PlaceOf(interaction);
        var typed = focused.GetString() ?? "";
        var choices = new List<ApplicationCommandOptionChoice>();
        foreach (var suggestion in source.Suggest(new AutocompleteRequest(typed, language, catalogs.ViewFor(place), place, MaxChoices)))
        {
            var value = EntryReference.For(suggestion.Value);
            if (value.Length == 0 || choices.Any(c => c.Value.Text == value)) continue;
            choices.Add(new ApplicationCommandOptionChoice { Name = TextFit.Ellipsize(suggestion.Label.ReplaceLineEndings(" "), 100), Value = value });
            if (choices.Count == MaxChoices) break;
        }
        return InteractionResponse.Autocomplete(choices);
    }

    private (ICommand Command, IReadOnlyList<InteractionDataOption> Leaves)? Resolve(Interaction interaction)
    {
        var data = interaction.Data;
        if (data?.Name is not { } name || registry.TopLevel(name) is not { } top) return null;
        var (path, leaves) = data.ResolveSubcommand();
        return registry.Find(top.Name, path) is { } command ? (command, leaves) : null;
    }

    /// <summary>A value offered in its short form (an id too long for Discord) is turned back into the id.</summary>
    private string ExpandReference(string value, Place place) =>
        EntryReference.IsShortForm(value) ? EntryReference.Resolve(value, catalogs.ViewFor(place).Index.All.Select(e => e.Entry.Id)) : value;

    private static InteractionPlan Notice(Language language, string key) =>
        InteractionPlan.Immediate(language, InteractionResponse.Message(DiscordReplyRenderer.Notice(language, key)));
}
