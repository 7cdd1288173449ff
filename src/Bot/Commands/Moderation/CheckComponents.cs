using System.Globalization;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Localization;
using Microsoft.Extensions.DependencyInjection;

namespace DltBot.Bot.Commands.Moderation;

/// <summary>
/// The buttons of <c>/dlt-mod check</c> (custom_id prefix <c>chk1</c>): ◀ ▶ pages, and a fix of one finding. A fix finds
/// its finding again (the page may be old) and runs <c>/dlt-mod edit</c> or <c>remove</c> as the clicker, with the same
/// access check and change log as typing it.
/// </summary>
public sealed class CheckComponents(IServiceProvider services) : IComponentHandler
{
    public const string IdPrefix = "chk1";
    public const string UpdateKind = "u", RemoveKind = "r";
    private const int MaxCustomId = 100;

    private static readonly CommandText Gone = new(
        "That finding is gone (fixed meanwhile, or the entry changed); run /dlt-mod check again.",
        "该问题已不存在（已被处理或条目已更改）；请重新运行 /dlt-mod check。");

    public string Prefix => IdPrefix;

    public static string PageButton(int page) => $"{IdPrefix}|p|{page.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>A fix button; null when the entry id is too long to carry.</summary>
    public static string? Fix(string kind, int page, string section, string entryId) =>
        $"{IdPrefix}|{kind}|{page.ToString(CultureInfo.InvariantCulture)}|{section}|{entryId}" is { Length: <= MaxCustomId } id ? id : null;

    public ComponentPlan? Plan(ComponentContext context) => context.CustomId.Split('|', 5) switch
    {
        [_, "p", var page] => Run(context, ComponentResponse.UpdateMessage, "check", RawArguments.Of(("page", page))),
        [_, var kind and (UpdateKind or RemoveKind), _, var section, var entryId] => new ComponentPlan(ComponentResponse.EphemeralMessage, ct => FixAsync(context, kind, section, entryId, ct)),
        _ => null,
    };

    private async ValueTask<Reply> FixAsync(ComponentContext context, string kind, string section, string entryId, CancellationToken ct)
    {
        var check = (CheckCommand)Command("check");
        // Only a moderator may list the findings; the command run below checks its own access again.
        var access = services.GetRequiredService<ICommandAccessPolicy>();
        if (!await access.IsAllowedAsync(check.Descriptor, context.Caller, context.Place, ct).ConfigureAwait(false))
            return ErrorReply.Of(context.Language, ErrorKind.Forbidden, TextKey.ErrorForbidden, "/" + check.Descriptor.Path);

        var findings = await check.FindAllAsync(new CheckScope(context.Place, context.Catalog, context.Language), ct).ConfigureAwait(false);
        var fix = findings
            .Where(f => f.Section.Key == section && string.Equals(f.EntryId, entryId, StringComparison.OrdinalIgnoreCase))
            .SelectMany(f => f.Fixes)
            .FirstOrDefault(f => kind == UpdateKind ? f is CheckFix.ReplaceUrl : f is CheckFix.Remove);
        if (fix is null || context.Catalog.Index.Find(entryId) is not { } found)
            return ModReplies.Error(context.Language, Gone);
        var reason = Reason(fix.Reason);
        return fix switch
        {
            CheckFix.ReplaceUrl replace when found.Entry.Url == replace.From =>
                await RunAsync(context, "edit", RawArguments.Of(("id", found.Entry.Id), ("url", replace.To), ("reason", reason)), ct).ConfigureAwait(false),
            CheckFix.Remove => await RunAsync(context, "remove", RawArguments.Of(("id", found.Entry.Id), ("reason", reason)), ct).ConfigureAwait(false),
            _ => ModReplies.Error(context.Language, Gone),
        };
    }

    private static string Reason(string text) => Curation.EntryInput.ReasonMaxLength is var max && text.Length > max ? text[..(max - 1)] + "…" : text;

    private ComponentPlan Run(ComponentContext context, ComponentResponse response, string name, RawArguments raw) =>
        new(response, ct => RunAsync(context, name, raw, ct));

    private ValueTask<Reply> RunAsync(ComponentContext context, string name, RawArguments raw, CancellationToken ct)
    {
        var runner = services.GetRequiredService<CommandRunner>();
        var invocation = new Invocation(context.Caller, context.Place, context.Language, Surface.Discord);
        return runner.RunAsync(Command(name), raw, invocation, ct);
    }

    private ICommand Command(string name) => services.GetRequiredService<CommandRegistry>().Find(ModCommandSet.Path(name))
        ?? throw new InvalidOperationException($"/{ModCommandSet.TopLevelName} {name} is not registered.");
}
