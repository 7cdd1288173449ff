using System.Globalization;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Localization;
using Microsoft.Extensions.DependencyInjection;

namespace DltBot.Bot.Commands.Moderation;

/// <summary>
/// The buttons and forms of <c>/dlt-mod</c> (custom_id prefix <c>mod1</c>): the add and edit forms, Confirm and Cancel
/// under an arXiv preview, the form offered when arXiv fails, and the history's page buttons. Every one of them runs a
/// <c>/dlt-mod</c> command, or checks its access, so a button or form grants nothing the command would not.
/// </summary>
/// <remarks>Reads the registry when a component is used, not when built: the registry is made of the component handlers, this one included.</remarks>
public sealed class ModComponents(IServiceProvider services, AddDrafts drafts, ICommandAccessPolicy access) : IComponentHandler
{
    public const string IdPrefix = "mod1";
    public const string AddFormId = IdPrefix + "|a";
    private const int MaxCustomId = 100;

    private static readonly CommandText NotYours = new(
        "Only the moderator who asked can confirm or cancel this.", "只有发起的管理员可以确认或取消。");
    private static readonly CommandText Expired = new(
        "This preview has expired or was already answered; run /dlt-mod add again.", "此预览已过期或已处理；请重新运行 /dlt-mod add。");
    private static readonly CommandText Cancelled = new("Cancelled; nothing was added.", "已取消；没有添加任何内容。");

    public string Prefix => IdPrefix;

    public static string ConfirmAdd(ulong requester, string token) => Join("ok", Number(requester), token);

    public static string CancelAdd(ulong requester, string token) => Join("no", Number(requester), token);

    /// <summary>The button that opens the add form with the link filled in (when the link fits a custom_id).</summary>
    public static string OpenAddForm(ulong requester, string url) =>
        Join("f", Number(requester), url) is { Length: <= MaxCustomId } id ? id : Join("f", Number(requester), "");

    /// <summary>Where the edit form of an entry seen at <paramref name="version"/> goes; null when the id is too long to carry.</summary>
    public static string? EditForm(long version, string entryId) => Fits(Join("e", Number(version), entryId));

    /// <summary>A history page button; null when the filter is too long to carry.</summary>
    public static string? HistoryPage(int page, ulong? user, string? entryId) =>
        Fits(Join("h", Number(page), user is { } u ? Number(u) : "", entryId ?? ""));

    public ComponentPlan? Plan(ComponentContext context) => context.CustomId.Split('|', 4) switch
    {
        [_, "a"] => Run(context, ComponentResponse.EphemeralMessage, "add", FilledIn(context.Fields)),
        [_, "e", var version, var id] when long.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var seen) =>
            EditEntryCommand.FromForm(context.Fields, id, seen, context.Catalog) is { } changes
                ? Run(context, ComponentResponse.EphemeralMessage, "edit", changes)
                : Answer(ComponentResponse.EphemeralMessage, EditEntryCommand.NothingChanged(context.Language, id)),
        [_, "h", var page, var rest] when rest.Split('|', 2) is [var user, var id] =>
            Run(context, ComponentResponse.UpdateMessage, "history", RawArguments.Of(("page", page), ("user", Empty(user)), ("id", Empty(id)))),
        [_, "ok", var requester, var token] => Confirm(context, requester, token),
        [_, "no", var requester, var token] => Cancel(context, requester, token),
        [_, "f", var requester, var url] => OpenForm(context, requester, url),
        _ => null,
    };

    private ComponentPlan Confirm(ComponentContext context, string requester, string token)
    {
        if (!IsRequester(context, requester)) return Answer(ComponentResponse.EphemeralMessage, ModReplies.Error(context.Language, NotYours));
        return drafts.Take(token) is { } draft && draft.PlaceKey == context.Place.Key
            ? Run(context, ComponentResponse.UpdateMessage, "add", draft.Arguments)
            : Answer(ComponentResponse.UpdateMessage, ModReplies.Error(context.Language, Expired));
    }

    private ComponentPlan Cancel(ComponentContext context, string requester, string token)
    {
        if (!IsRequester(context, requester)) return Answer(ComponentResponse.EphemeralMessage, ModReplies.Error(context.Language, NotYours));
        drafts.Take(token);
        return Answer(ComponentResponse.UpdateMessage, new InfoReply(context.Language, Cancelled.In(context.Language), [], []));
    }

    private ComponentPlan OpenForm(ComponentContext context, string requester, string url)
    {
        if (!IsRequester(context, requester)) return Answer(ComponentResponse.EphemeralMessage, ModReplies.Error(context.Language, NotYours));
        var add = Command("add");
        return new ComponentPlan(ComponentResponse.Form, async ct =>
            await access.IsAllowedAsync(add.Descriptor, context.Caller, context.Place, ct).ConfigureAwait(false)
                ? new FormReply(context.Language, AddEntryCommand.FormFor(context.Language, Empty(url), null, null, null))
                : ErrorReply.Of(context.Language, ErrorKind.Forbidden, TextKey.ErrorForbidden, "/" + add.Descriptor.Path));
    }

    /// <summary>Runs a <c>/dlt-mod</c> command as the one who clicked or submitted, with the same checks as typing it.</summary>
    private ComponentPlan Run(ComponentContext context, ComponentResponse response, string name, RawArguments raw)
    {
        var command = Command(name);
        var runner = services.GetRequiredService<CommandRunner>();
        var invocation = new Invocation(context.Caller, context.Place, context.Language, Surface.Discord);
        return new ComponentPlan(response, ct => runner.RunAsync(command, raw, invocation, ct));
    }

    private ICommand Command(string name) => services.GetRequiredService<CommandRegistry>().Find(ModCommandSet.Path(name))
        ?? throw new InvalidOperationException($"/{ModCommandSet.TopLevelName} {name} is not registered.");

    private static ComponentPlan Answer(ComponentResponse response, Reply reply) => new(response, _ => ValueTask.FromResult(reply));

    /// <summary>A form's non-empty fields as options (an empty field means "not given").</summary>
    private static RawArguments FilledIn(IReadOnlyDictionary<string, string> fields) =>
        RawArguments.Of(fields.Select(f => (f.Key, Empty(f.Value.Trim()))).ToArray());

    private static bool IsRequester(ComponentContext context, string requester) =>
        ulong.TryParse(requester, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id == context.Caller.UserId;

    private static string? Empty(string value) => value.Length == 0 ? null : value;

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Join(params string[] parts) => IdPrefix + "|" + string.Join('|', parts);

    private static string? Fits(string id) => id.Length <= MaxCustomId ? id : null;
}
