using DltBot.Bot.Commands.Dlt;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Curation;
using DltBot.Storage;

namespace DltBot.Bot.Commands.Moderation;

/// <summary><c>/dlt-mod restore id:…</c>: brings a removed entry back. Autocomplete offers the removed entries.</summary>
public sealed class RestoreEntryCommand(Curator curator) : ICommand
{
    private static readonly CommandText Restored = new("Restored {0}", "已恢复 {0}");
    private static readonly CommandText NotRemoved = new(
        "{0} is not a removed entry of this server; autocomplete lists the removed ones", "{0} 不是本服务器已移除的条目；自动补全会列出已移除的条目");

    public CommandDescriptor Descriptor { get; } = new(
        ModCommandSet.Path("restore"),
        new("restore", "恢复", "恢復"),
        new("Bring a removed entry back", "恢复已移除的条目", "恢復已移除的條目"),
        [ModCommandSet.EntryOption(new("The removed entry", "已移除的条目", "已移除的條目"), RemovedEntryAutocomplete.Instance), ModCommandSet.ReasonOption],
        CommandAccess.Moderator,
        ReplyVisibility.Ephemeral);

    public ValueTask<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken) => ModReplies.GuardAsync(context, async () =>
    {
        var language = context.Language;
        var id = context.Arguments.GetString("id")!;
        var removed = context.Catalog.Changes.FirstOrDefault(c => c.Removed && string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase));
        if (removed is null) return ModReplies.Error(language, NotRemoved, id);
        var reason = EntryInput.Reason(context.Arguments.GetString("reason"), language, out var error);
        if (error is not null) return error;

        var outcome = await curator.Store.RestoreAsync(context.Place.Key, removed.Id, ModReplies.ActorOf(context), reason, cancellationToken).ConfigureAwait(false);
        if (outcome is not ChangeOutcome.Applied) return ModReplies.Error(language, NotRemoved, id);
        var view = await curator.RefreshAsync(context.Place.Key, cancellationToken).ConfigureAwait(false);
        var back = view.Index.Find(removed.Id)!.Value;
        return new EntryCardReply(language, CatalogReplies.Card(back.Entry, back.Section, language), ModReplies.Format(language, Restored, removed.Id));
    });
}

/// <summary>The entries this server removed, by title.</summary>
public sealed class RemovedEntryAutocomplete : IAutocompleteSource
{
    public static RemovedEntryAutocomplete Instance { get; } = new();

    public IReadOnlyList<AutocompleteChoice> Suggest(AutocompleteRequest request) => request.Catalog.Changes
        .Where(c => c.Removed && (c.Fields.Title.Contains(request.Text.Trim(), StringComparison.OrdinalIgnoreCase)
                                  || c.Id.Contains(request.Text.Trim(), StringComparison.OrdinalIgnoreCase)))
        .Take(request.Max)
        .Select(c => new AutocompleteChoice(c.Fields.Title, c.Id))
        .ToList();
}
