using System.Globalization;
using System.Text;
using DltBot.Bot.Commands;
using DltBot.Bot.Localization;
using DltBot.Discord.Models;

namespace DltBot.Bot.Interactions;

/// <summary>How the buttons under a result page rebuild it: the state of the page shown, minus its page number.</summary>
public delegate ComponentState PageStateFactory(int page);

/// <summary>
/// Turns a command <see cref="Reply"/> into a Discord message: embeds within Discord's limits, ◀ ▶ buttons and an entry
/// select for result pages. Text that could be too long is shortened here so Discord never answers 400.
/// </summary>
public static class DiscordReplyRenderer
{
    public const int Color = 0x5B8DEF;
    private const int DescriptionLimit = 4096, TitleLimit = 256, FieldValueLimit = 1024, FieldNameLimit = 256, FooterLimit = 2048;
    private const int TotalLimit = 6000;

    /// <summary>
    /// The whole answer: a form becomes a modal, anything else a message (only the requester sees it when
    /// <paramref name="ephemeral"/>), or an edit of the clicked message when <paramref name="update"/>.
    /// </summary>
    public static InteractionResponse Respond(Reply reply, ulong requesterId, bool ephemeral = false, bool update = false)
    {
        if (reply is FormReply form) return Modal(form.Form);
        var message = Render(reply, requesterId);
        if (update) return InteractionResponse.UpdateMessage(message);
        return InteractionResponse.Message(ephemeral ? message with { Ephemeral = true } : message);
    }

    /// <param name="requesterId">Whose message this is; the paging buttons and the entry select remember it.</param>
    public static MessageCallback Render(Reply reply, ulong requesterId)
    {
        var message = RenderBody(reply, requesterId);
        if (reply.Actions.Count == 0) return message;
        var rows = reply.Actions.Chunk(ButtonsPerRow).Select(row => new Component
        {
            Type = ComponentType.ActionRow,
            Components = row.Select(ActionButton).ToList(),
        });
        return message with { Components = [.. message.Components ?? [], .. rows] };
    }

    private const int ButtonsPerRow = 5;

    private static Component ActionButton(ReplyAction action) => new()
    {
        Type = ComponentType.Button,
        Style = (int)(action.Style switch
        {
            ActionStyle.Primary => ButtonStyle.Primary,
            ActionStyle.Success => ButtonStyle.Success,
            ActionStyle.Danger => ButtonStyle.Danger,
            _ => ButtonStyle.Secondary,
        }),
        Label = TextFit.Ellipsize(action.Label, 80),
        CustomId = action.CustomId,
        Disabled = action.Disabled ? true : null,
    };

    /// <summary>A modal: one text input per field, each in its own row (Discord allows five).</summary>
    private static InteractionResponse Modal(Form form) => InteractionResponse.Modal(form.CustomId, TextFit.Ellipsize(form.Title, 45),
        form.Fields.Take(5).Select(field => new Component
        {
            Type = ComponentType.ActionRow,
            Components =
            [
                new Component
                {
                    Type = ComponentType.TextInput,
                    CustomId = field.Id,
                    Label = TextFit.Ellipsize(field.Label, 45),
                    Style = (int)(field.Multiline ? TextInputStyle.Paragraph : TextInputStyle.Short),
                    Required = field.Required,
                    MaxLength = field.MaxLength,
                    Value = field.Value is { Length: > 0 } value ? TextFit.Truncate(value, field.MaxLength) : null,
                },
            ],
        }).ToList());

    private static MessageCallback RenderBody(Reply reply, ulong requesterId) => reply switch
    {
        EntryListReply list => RenderList(list, requesterId, PagesOf(list.Paging, requesterId)),
        EntryCardReply card => Message(RenderCard(card)),
        TopicListReply topics => Message(RenderTopics(topics)),
        InfoReply info => Message(RenderInfo(info)),
        ErrorReply error => new MessageCallback { Content = "⚠️ " + TextFit.Ellipsize(error.Message, 1900), Ephemeral = true },
        FileReply file => new MessageCallback
        {
            Content = TextFit.Ellipsize(file.Message, 1900),
            Files = [global::DltBot.Discord.Models.FileUpload.FromText(file.FileName, file.Text, file.ContentType)],
        },
        _ => throw new ArgumentOutOfRangeException(nameof(reply), reply, "A reply type without a Discord rendering."),
    };

    /// <summary>How the ◀ ▶ buttons of a list rebuild one of its pages, or null for a list that does not page.</summary>
    private static PageStateFactory? PagesOf(PageLink? link, ulong requesterId) => link switch
    {
        SearchPages s => page => new SearchPageState(page, requesterId, s.Query, s.Topic, s.Years, s.Kind),
        TopicPages t => page => new TopicPageState(page, requesterId, t.Topic),
        _ => null,
    };

    /// <summary>The short apology sent when a command failed; the reference ties it to the log line.</summary>
    public static MessageCallback Apology(Language language, string reference) => new()
    {
        Content = DiscordTexts.Get(language, DiscordTexts.Apology, reference),
        Ephemeral = true,
    };

    public static MessageCallback Notice(Language language, string key) => new() { Content = DiscordTexts.Get(language, key), Ephemeral = true };

    private static MessageCallback Message(Embed embed, IReadOnlyList<Component>? components = null) =>
        new() { Embeds = [Fit(embed)], Components = components ?? [] };

    private static MessageCallback RenderList(EntryListReply list, ulong requesterId, PageStateFactory? pageState)
    {
        var language = list.Language;
        var description = new StringBuilder();
        for (var i = 0; i < list.Rows.Count; i++)
        {
            var row = list.Rows[i];
            var line = new StringBuilder();
            // Numbered by place in the list across pages, not by the source list's numbers (those stay on the card).
            var position = (list.Page.Offset + i + 1).ToString(CultureInfo.InvariantCulture);
            line.Append("**").Append(position).Append(". ").Append(Link(row.Title, row.Url, 200)).Append("**");
            var details = new List<string>();
            if (row.Year is { } year) details.Add(year.ToString(CultureInfo.InvariantCulture));
            if (row.Topic.Length > 0) details.Add(row.Topic);
            details.Add($"`{TextFit.Ellipsize(row.Id, 60)}`");
            line.Append('\n').Append(string.Join(" · ", details));
            if (!string.IsNullOrWhiteSpace(row.Snippet)) line.Append("\n> ").Append(TextFit.Ellipsize(OneLine(row.Snippet), 300));
            description.Append(line).Append("\n\n");
        }
        var nextHint = list.Page.HasNext ? Strings.Get(language, TextKey.NextPageHint, list.Page.Page + 1) : null;
        foreach (var note in list.Notes.Where(n => n != nextHint)) description.Append(note).Append('\n');

        var embed = new Embed
        {
            Title = list.Title,
            Description = description.ToString().TrimEnd(),
            Color = Color,
            Footer = new EmbedFooter { Text = Strings.Get(language, TextKey.PageFooter, list.Page.Page, list.Page.PageCount, list.Page.Total) },
        };

        var components = new List<Component>();
        if (pageState is not null && list.Page.PageCount > 1)
        {
            components.Add(new Component
            {
                Type = ComponentType.ActionRow,
                Components =
                [
                    Button(DiscordTexts.Get(language, DiscordTexts.PreviousPage), pageState(Math.Max(1, list.Page.Page - 1)), !list.Page.HasPrevious),
                    Button(DiscordTexts.Get(language, DiscordTexts.NextPage), pageState(list.Page.Page + 1), !list.Page.HasNext),
                ],
            });
        }
        if (list.Rows.Count > 0)
        {
            components.Add(new Component
            {
                Type = ComponentType.ActionRow,
                Components =
                [
                    new Component
                    {
                        Type = ComponentType.StringSelect,
                        CustomId = CustomIdCodec.Encode(new EntryPickState(requesterId)),
                        Placeholder = DiscordTexts.Get(language, DiscordTexts.PickEntry),
                        MinValues = 1,
                        MaxValues = 1,
                        Options = list.Rows.Take(25).DistinctBy(r => r.Id).Select(r => new SelectOption
                        {
                            Label = TextFit.Ellipsize(OneLine(r.Title), 100),
                            Value = EntryReference.For(r.Id),
                            Description = TextFit.Ellipsize(string.Join(" · ", new[] { r.Year?.ToString(CultureInfo.InvariantCulture), r.Topic }.Where(s => !string.IsNullOrEmpty(s))), 100) is { Length: > 0 } d ? d : null,
                        }).ToList(),
                    },
                ],
            });
        }
        return Message(embed, components);
    }

    private static Component Button(string label, ComponentState target, bool disabled) => new()
    {
        Type = ComponentType.Button,
        Style = (int)ButtonStyle.Secondary,
        Label = label,
        CustomId = CustomIdCodec.Encode(target),
        Disabled = disabled ? true : null,
    };

    private static Embed RenderCard(EntryCardReply reply)
    {
        var card = reply.Card;
        var language = reply.Language;
        var fields = new List<EmbedField> { new() { Name = Strings.Get(language, TextKey.LabelTopic), Value = Or(card.Topic), Inline = true } };
        if (card.Year is { } year) fields.Add(new() { Name = Strings.Get(language, TextKey.LabelYear), Value = year.ToString(CultureInfo.InvariantCulture), Inline = true });
        fields.Add(new() { Name = Strings.Get(language, TextKey.LabelId), Value = $"`{TextFit.Ellipsize(card.Id, 200)}`", Inline = true });

        var otherLinks = card.Links.Where(l => l.Url != card.Url).Select(l => "• " + Link(l.Text.Length > 0 ? l.Text : l.Url, l.Url, 150)).ToList();
        if (otherLinks.Count > 0) fields.Add(new() { Name = Strings.Get(language, TextKey.LabelLinks), Value = JoinWithin(otherLinks, FieldValueLimit, language) });

        var children = card.Children.Select(c => "• " + Link((c.Number.Length > 0 ? c.Number + " " : "") + c.Title, c.Url, 150)).ToList();
        if (children.Count > 0) fields.Add(new() { Name = Strings.Get(language, TextKey.LabelChildren), Value = JoinWithin(children, FieldValueLimit, language) });

        return new Embed
        {
            Author = reply.Heading is { Length: > 0 } heading ? new EmbedAuthor { Name = TextFit.Ellipsize(heading, 256) } : null,
            Title = (card.Number.Length > 0 ? card.Number + ". " : "") + card.Title,
            Url = IsWebUrl(card.Url) ? card.Url : null,
            Description = string.IsNullOrWhiteSpace(card.Description) ? Strings.Get(language, TextKey.NoDescription) : card.Description,
            Color = Color,
            Fields = fields,
        };
    }

    private static Embed RenderTopics(TopicListReply reply)
    {
        var lines = reply.Topics.Select(t => $"**{t.Name}** · {t.OtherName} — {t.Entries}").ToList();
        return new Embed { Title = reply.Title, Description = JoinWithin(lines, DescriptionLimit, reply.Language), Color = Color };
    }

    private static Embed RenderInfo(InfoReply reply) => new()
    {
        Title = reply.Title,
        Description = reply.Lines.Count == 0 ? null : JoinWithin(reply.Lines.Select(l => "• " + l).ToList(), DescriptionLimit, reply.Language),
        Fields = reply.Fields.Take(25).Select(f => new EmbedField { Name = f.Label, Value = Or(f.Value), Inline = true }).ToList(),
        Color = Color,
    };

    /// <summary>Shortens every text to its own limit, then the description until the embed totals at most 6000 characters.</summary>
    internal static Embed Fit(Embed embed)
    {
        var fitted = embed with
        {
            Title = embed.Title is null ? null : TextFit.Ellipsize(embed.Title, TitleLimit),
            Description = embed.Description is null ? null : TextFit.Ellipsize(embed.Description, DescriptionLimit),
            Footer = embed.Footer is null ? null : embed.Footer with { Text = TextFit.Ellipsize(embed.Footer.Text, FooterLimit) },
            Fields = embed.Fields?.Take(25).Select(f => f with
            {
                Name = TextFit.Ellipsize(Or(f.Name), FieldNameLimit),
                Value = TextFit.Ellipsize(Or(f.Value), FieldValueLimit),
            }).ToList(),
        };
        var excess = TotalLength(fitted) - TotalLimit;
        if (excess > 0 && fitted.Description is { } description)
            fitted = fitted with { Description = TextFit.Ellipsize(description, Math.Max(1, description.Length - excess)) };
        return fitted;
    }

    internal static int TotalLength(Embed embed) =>
        (embed.Title?.Length ?? 0) + (embed.Description?.Length ?? 0) + (embed.Footer?.Text.Length ?? 0) + (embed.Author?.Name.Length ?? 0)
        + (embed.Fields?.Sum(f => f.Name.Length + f.Value.Length) ?? 0);

    private static string JoinWithin(List<string> lines, int limit, Language language)
    {
        var text = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            var more = DiscordTexts.Get(language, DiscordTexts.MoreChildren, lines.Count - i);
            if (text.Length + lines[i].Length + 1 > limit - (i < lines.Count - 1 ? more.Length + 1 : 0))
            {
                text.Append(more);
                return text.ToString();
            }
            text.Append(lines[i]).Append('\n');
        }
        return text.ToString().TrimEnd();
    }

    // Markdown link text may not contain brackets; URLs with spaces or parentheses would break the link.
    private static string Link(string text, string? url, int max)
    {
        var label = TextFit.Ellipsize(OneLine(text).Replace('[', '(').Replace(']', ')'), max);
        return IsWebUrl(url) && !url!.Contains(' ') && !url.Contains(')') ? $"[{label}]({url})" : label;
    }

    private static bool IsWebUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && url!.Length <= 2048;

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    private static string Or(string value) => string.IsNullOrWhiteSpace(value) ? "—" : value;
}
