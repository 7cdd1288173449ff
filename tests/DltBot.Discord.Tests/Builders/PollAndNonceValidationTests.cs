using DltBot.Discord.Builders;
using DltBot.Discord.Models;

namespace DltBot.Discord.Tests.Builders;

public sealed class PollAndNonceValidationTests
{
    private static MessageCreateRequest WithPoll(PollCreateRequest poll) => new() { Poll = poll };

    private static PollCreateRequest Poll(int hours = 24, params string[] answers) =>
        PollCreateRequest.SingleChoice("What should we read next?", answers.Length == 0 ? ["A", "B"] : answers, hours);

    [Fact]
    public void A_poll_alone_is_a_valid_message()
    {
        MessageValidator.Validate(WithPoll(Poll(answers: [new string('a', 55), "b"])));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(768)]
    public void Poll_duration_edges_pass(int hours) => MessageValidator.Validate(WithPoll(Poll(hours)));

    [Theory]
    [InlineData(0)]
    [InlineData(769)]
    public void Poll_duration_outside_1_to_768_hours_is_refused(int hours)
    {
        var error = Assert.Throws<DiscordLimitException>(() => MessageValidator.Validate(WithPoll(Poll(hours))));

        Assert.Equal("message.poll.duration", error.Path);
        Assert.Contains($"is {hours} hours", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_answer_over_55_characters_is_refused_naming_which()
    {
        var error = Assert.Throws<DiscordLimitException>(() => MessageValidator.Validate(WithPoll(Poll(answers: ["ok", new string('x', 56)]))));

        Assert.Equal("message.poll.answers[1].poll_media.text", error.Path);
        Assert.Contains("56", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_ten_answers_or_none_are_refused()
    {
        var eleven = Enumerable.Range(1, 11).Select(i => $"answer {i}").ToArray();

        Assert.Equal("message.poll.answers", Assert.Throws<DiscordLimitException>(() => MessageValidator.Validate(WithPoll(Poll(answers: eleven)))).Path);
        Assert.Equal("message.poll.answers", Assert.Throws<DiscordLimitException>(
            () => MessageValidator.Validate(WithPoll(Poll() with { Answers = [] }))).Path);
    }

    [Fact]
    public void A_question_over_300_characters_is_refused()
    {
        var poll = Poll() with { Question = new PollMedia { Text = new string('q', 301) } };

        Assert.Equal("message.poll.question.text", Assert.Throws<DiscordLimitException>(() => MessageValidator.Validate(WithPoll(poll))).Path);
    }

    [Fact]
    public void A_nonce_over_25_characters_is_refused()
    {
        var message = new MessageCreateRequest { Content = "hi", Nonce = new string('n', 26), EnforceNonce = true };

        var error = Assert.Throws<DiscordLimitException>(() => MessageValidator.Validate(message));

        Assert.Equal("message.nonce", error.Path);
        MessageValidator.Validate(message with { Nonce = new string('n', 25) });
    }

    [Fact]
    public void Enforce_nonce_without_a_nonce_is_refused()
    {
        var error = Assert.Throws<DiscordLimitException>(() => MessageValidator.Validate(new MessageCreateRequest { Content = "hi", EnforceNonce = true }));

        Assert.Equal("message.enforce_nonce", error.Path);
    }

    [Fact]
    public void Role_only_mentions_pass_but_parse_roles_with_a_role_list_does_not()
    {
        MessageValidator.Validate(new MessageCreateRequest { Content = "<@&5>", AllowedMentions = AllowedMentions.OnlyRoles(5) });

        var both = new AllowedMentions { Parse = ["roles"], Roles = [5] };
        Assert.Throws<DiscordLimitException>(() => MessageValidator.Validate(new MessageCreateRequest { Content = "<@&5>", AllowedMentions = both }));
    }

    [Fact]
    public void More_than_100_allowed_roles_are_refused()
    {
        var mentions = AllowedMentions.OnlyRoles([.. Enumerable.Range(1, 101).Select(i => (ulong)i)]);

        var error = Assert.Throws<DiscordLimitException>(() => MessageValidator.Validate(new MessageCreateRequest { Content = "hi", AllowedMentions = mentions }));

        Assert.Equal("message.allowed_mentions.roles", error.Path);
    }

    [Fact]
    public void A_thread_name_over_100_characters_or_an_odd_archive_duration_is_refused()
    {
        MessageValidator.Validate(new StartThreadRequest { Name = new string('t', 100), AutoArchiveDuration = StartThreadRequest.OneWeek });

        Assert.Equal("thread.name", Assert.Throws<DiscordLimitException>(() => MessageValidator.Validate(new StartThreadRequest { Name = new string('t', 101) })).Path);
        Assert.Equal("thread.auto_archive_duration", Assert.Throws<DiscordLimitException>(
            () => MessageValidator.Validate(new StartThreadRequest { Name = "W49", AutoArchiveDuration = 10000 })).Path);
    }
}
