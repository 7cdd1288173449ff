using System.Globalization;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Localization;
using DltBot.Storage;

namespace DltBot.Bot.Commands.Moderation;

/// <summary>What the moderator commands share: who is acting, and the answers for a store that cannot be used.</summary>
internal static class ModReplies
{
    private static readonly CommandText Unavailable = new(
        "The database cannot be used right now ({0}); nothing was changed. Searches keep working from the current list.",
        "数据库暂时无法使用（{0}）；没有做任何修改。搜索仍按当前书单工作。");

    public static Actor ActorOf(CommandContext context) => new(
        context.Caller.IsOperator ? Place.LocalKey : context.Caller.UserId.ToString(CultureInfo.InvariantCulture),
        context.Caller.DisplayName);

    public static ErrorReply Error(Language language, CommandText text, params object?[] args) =>
        new(language, ErrorKind.BadOption, Format(language, text, args), []);

    public static string Format(Language language, CommandText text, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, text.In(language), args);

    /// <summary>Runs a change; a database that cannot be used becomes a clear answer, never a crash.</summary>
    public static async ValueTask<Reply> GuardAsync(CommandContext context, Func<Task<Reply>> change)
    {
        try
        {
            return await change().ConfigureAwait(false);
        }
        catch (StoreUnavailableException e)
        {
            return new ErrorReply(context.Language, ErrorKind.Failure, Format(context.Language, Unavailable, e.Message), []);
        }
    }
}
