using DltBot.Discord.Builders;
using DltBot.Discord.Models;
using static DltBot.Discord.Builders.ComponentBuilders;

namespace DltBot.Discord.Tests.Builders;

public sealed class LimitValidatorTests
{
    private static string Text(int length) => new('a', length);

    private static Embed EmbedWith(Func<EmbedBuilder, EmbedBuilder> configure) => configure(new EmbedBuilder()).Build();

    private static Component Buttons(int count) =>
        ActionRow(Enumerable.Range(0, count).Select(i => Button(ButtonStyle.Primary, $"b{i}", $"id{i}")).ToArray());

    private static SelectOption[] Options(int count) =>
        Enumerable.Range(0, count).Select(i => Option($"label {i}", $"v{i}")).ToArray();

    private static ApplicationCommandOptionChoice[] Choices(int count, int nameLength = 4, int valueLength = 4) =>
        Enumerable.Range(0, count).Select(i => new ApplicationCommandOptionChoice
        {
            Name = i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + Text(nameLength - 4),
            Value = i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + Text(valueLength - 4),
        }).ToArray();

    private static InteractionResponse ModalWith(string title = "Suggest", int inputs = 1, string label = "Title", string? description = null, int maxLength = 100) =>
        InteractionResponse.Modal("dlt:suggest", title, Enumerable.Range(0, inputs)
            .Select(i => new Component
            {
                Type = ComponentType.Label,
                Label = label,
                Description = description,
                Child = new Component { Type = ComponentType.TextInput, CustomId = $"in{i}", Style = (int)TextInputStyle.Short, MaxLength = maxLength },
            }).ToArray());

    /// <summary>Each limit: the largest valid payload, the smallest invalid one, and the path the error must name.</summary>
    public static TheoryData<string, Action, Action, string> Limits => new()
    {
        { "content 2000", () => MessageValidator.Validate(new MessageCreateRequest { Content = Text(2000) }), () => MessageValidator.Validate(new MessageCreateRequest { Content = Text(2001) }), "message.content" },
        { "empty message", () => MessageValidator.Validate(new MessageCreateRequest { Content = "x" }), () => MessageValidator.Validate(new MessageCreateRequest()), "message" },
        { "embed title 256", () => EmbedWith(e => e.WithTitle(Text(256))), () => EmbedWith(e => e.WithTitle(Text(257))), "embed.title" },
        { "embed description 4096", () => EmbedWith(e => e.WithDescription(Text(4096))), () => EmbedWith(e => e.WithDescription(Text(4097))), "embed.description" },
        { "embed 25 fields", () => EmbedWith(e => Enumerable.Range(0, 25).Aggregate(e, (b, i) => b.AddField("n", "v"))), () => EmbedWith(e => Enumerable.Range(0, 26).Aggregate(e, (b, i) => b.AddField("n", "v"))), "embed.fields" },
        { "field name 256", () => EmbedWith(e => e.AddField(Text(256), "v")), () => EmbedWith(e => e.AddField(Text(257), "v")), "embed.fields[0].name" },
        { "field value 1024", () => EmbedWith(e => e.AddField("n", Text(1024))), () => EmbedWith(e => e.AddField("n", Text(1025))), "embed.fields[0].value" },
        { "footer 2048", () => EmbedWith(e => e.WithFooter(Text(2048))), () => EmbedWith(e => e.WithFooter(Text(2049))), "embed.footer.text" },
        { "author 256", () => EmbedWith(e => e.WithAuthor(Text(256))), () => EmbedWith(e => e.WithAuthor(Text(257))), "embed.author.name" },
        { "embed total 6000", () => EmbedWith(e => e.WithDescription(Text(4096)).WithFooter(Text(1904))), () => EmbedWith(e => e.WithDescription(Text(4096)).WithFooter(Text(1905))), "embed" },
        { "10 embeds", () => EmbedValidator.ValidateAll(Enumerable.Repeat(new Embed { Title = "t" }, 10).ToArray()), () => EmbedValidator.ValidateAll(Enumerable.Repeat(new Embed { Title = "t" }, 11).ToArray()), "embeds" },
        { "total across embeds", () => EmbedValidator.ValidateAll([new Embed { Description = Text(4000) }, new Embed { Description = Text(2000) }]), () => EmbedValidator.ValidateAll([new Embed { Description = Text(4000) }, new Embed { Description = Text(2001) }]), "embeds" },
        { "5 buttons a row", () => Buttons(5), () => Buttons(6), "action_row.components" },
        { "custom_id 100", () => Button(ButtonStyle.Primary, "b", Text(100)), () => Button(ButtonStyle.Primary, "b", Text(101)), "button.custom_id" },
        { "custom_id not empty", () => Button(ButtonStyle.Primary, "b", "x"), () => Button(ButtonStyle.Primary, "b", ""), "button.custom_id" },
        { "button label 80", () => Button(ButtonStyle.Primary, Text(80), "id"), () => Button(ButtonStyle.Primary, Text(81), "id"), "button.label" },
        { "link button url", () => LinkButton("arXiv", "https://arxiv.org/abs/1806.07572"), () => LinkButton("arXiv", "not a url"), "button.url" },
        { "select 25 options", () => StringSelect("topic", Options(25)), () => StringSelect("topic", Options(26)), "string_select.options" },
        { "select option label 100", () => Option(Text(100), "v"), () => Option(Text(101), "v"), "option.label" },
        { "select option value 100", () => Option("l", Text(100)), () => Option("l", Text(101)), "option.value" },
        { "select placeholder 150", () => StringSelect("topic", Options(2), Text(150)), () => StringSelect("topic", Options(2), Text(151)), "string_select.placeholder" },
        { "select max_values <= options", () => StringSelect("topic", Options(2), maxValues: 2), () => StringSelect("topic", Options(2), maxValues: 3), "string_select.max_values" },
        { "row holds one select only", () => ActionRow(StringSelect("topic", Options(2))), () => ActionRow(StringSelect("topic", Options(2)), Button(ButtonStyle.Primary, "b", "id")), "action_row.components" },
        { "5 action rows", () => ComponentValidator.ValidateMessageComponents(Enumerable.Range(0, 5).Select(i => ActionRow(Button(ButtonStyle.Primary, "b", $"r{i}"))).ToArray()), () => ComponentValidator.ValidateMessageComponents(Enumerable.Range(0, 6).Select(i => ActionRow(Button(ButtonStyle.Primary, "b", $"r{i}"))).ToArray()), "components" },
        { "unique custom_ids", () => ComponentValidator.ValidateMessageComponents([ActionRow(Button(ButtonStyle.Primary, "a", "x"), Button(ButtonStyle.Primary, "b", "y"))]), () => ComponentValidator.ValidateMessageComponents([ActionRow(Button(ButtonStyle.Primary, "a", "x"), Button(ButtonStyle.Primary, "b", "x"))]), "components" },
        { "autocomplete 25 choices", () => MessageValidator.Validate(InteractionResponse.Autocomplete(Choices(25))), () => MessageValidator.Validate(InteractionResponse.Autocomplete(Choices(26))), "response.data.choices" },
        { "choice name 100", () => MessageValidator.Validate(InteractionResponse.Autocomplete(Choices(1, nameLength: 100))), () => MessageValidator.Validate(InteractionResponse.Autocomplete(Choices(1, nameLength: 101))), "response.data.choices[0].name" },
        { "choice value 100", () => MessageValidator.Validate(InteractionResponse.Autocomplete(Choices(1, valueLength: 100))), () => MessageValidator.Validate(InteractionResponse.Autocomplete(Choices(1, valueLength: 101))), "response.data.choices[0].value" },
        { "modal title 45", () => MessageValidator.Validate(ModalWith(title: Text(45))), () => MessageValidator.Validate(ModalWith(title: Text(46))), "response.data.title" },
        { "modal 5 components", () => MessageValidator.Validate(ModalWith(inputs: 5)), () => MessageValidator.Validate(ModalWith(inputs: 6)), "response.data.components" },
        { "label 45", () => MessageValidator.Validate(ModalWith(label: Text(45))), () => MessageValidator.Validate(ModalWith(label: Text(46))), "response.data.components[0].label" },
        { "label description 100", () => MessageValidator.Validate(ModalWith(description: Text(100))), () => MessageValidator.Validate(ModalWith(description: Text(101))), "response.data.components[0].description" },
        { "text input max_length 4000", () => MessageValidator.Validate(ModalWith(maxLength: 4000)), () => MessageValidator.Validate(ModalWith(maxLength: 4001)), "response.data.components[0].component.max_length" },
        { "text input value fits", () => TextInput("t", TextInputStyle.Paragraph, maxLength: 10, value: Text(10)), () => TextInput("t", TextInputStyle.Paragraph, maxLength: 10, value: Text(11)), "text_input.value" },
        { "deferred carries only flags", () => MessageValidator.Validate(InteractionResponse.Deferred(ephemeral: true)), () => MessageValidator.Validate(new InteractionResponse { Type = InteractionCallbackType.DeferredChannelMessageWithSource, Data = new InteractionCallbackData { Content = "x" } }), "response.data" },
        { "thread name 100", () => MessageValidator.Validate(new StartThreadRequest { Name = Text(100) }), () => MessageValidator.Validate(new StartThreadRequest { Name = Text(101) }), "thread.name" },
        { "thread archive duration", () => MessageValidator.Validate(new StartThreadRequest { Name = "t", AutoArchiveDuration = 10080 }), () => MessageValidator.Validate(new StartThreadRequest { Name = "t", AutoArchiveDuration = 30 }), "thread.auto_archive_duration" },
        { "allowed mentions conflict", () => MessageValidator.Validate(new MessageCreateRequest { Content = "x", AllowedMentions = new AllowedMentions { Users = [1] } }), () => MessageValidator.Validate(new MessageCreateRequest { Content = "x", AllowedMentions = new AllowedMentions { Parse = ["users"], Users = [1] } }), "message.allowed_mentions" },
    };

    [Theory]
    [MemberData(nameof(Limits))]
    public void Each_limit_accepts_the_edge_and_rejects_one_past_it_naming_the_path(string limit, Action pass, Action fail, string path)
    {
        pass();

        var error = Assert.Throws<DiscordLimitException>(fail);

        Assert.Equal(path, error.Path);
        Assert.StartsWith(path, error.Message);
        Assert.NotEmpty(limit);
    }

    [Fact]
    public void Limit_message_states_actual_length_and_limit()
    {
        var error = Assert.Throws<DiscordLimitException>(() =>
            EmbedWith(e => e.AddField("a", "1").AddField("b", "2").AddField("c", "3").AddField("d", Text(1200))));

        Assert.Equal("embed.fields[3].value is 1,200 characters; the limit is 1,024.", error.Message);
    }

    [Fact]
    public void Message_validation_names_the_embed_inside_the_message()
    {
        var error = Assert.Throws<DiscordLimitException>(() =>
            MessageValidator.Validate(new MessageCreateRequest { Embeds = [new Embed { Title = "ok" }, new Embed { Title = Text(300) }] }));

        Assert.Equal("message.embeds[1].title", error.Path);
    }
}
