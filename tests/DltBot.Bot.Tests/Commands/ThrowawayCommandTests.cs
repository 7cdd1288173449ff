using System.Globalization;
using System.Text.Json;
using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Commands;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Interactions;
using DltBot.Bot.Hosting;
using DltBot.Bot.Localization;
using DltBot.Bot.Shell;
using DltBot.Bot.Tests.Interactions;
using DltBot.Discord.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DltBot.Bot.Tests.Commands;

/// <summary>
/// A command that exists only in this test: one descriptor, one handler and its strings, registered in DI. It must show
/// up in all four surfaces with nothing else edited: the Discord registration payload, the shell, the one-shot CLI,
/// and an interaction routed to its handler (with its button).
/// </summary>
public sealed class ThrowawayCommandTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("dltbot-throwaway-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static void Register(IServiceCollection services)
    {
        services.AddSingleton(EchoCommand.TopLevel);
        services.AddSingleton<ICommand, EchoCommand>();
        services.AddSingleton<IComponentHandler, EchoAgainButton>();
    }

    [Fact]
    public void It_is_in_the_registration_payload_with_its_group_options_and_localizations()
    {
        using var harness = CommandHarness.Create(TestCatalog.Snapshot, configure: Register);
        var payload = DiscordCommandDefinitions.Build(harness.Registry);

        var top = Assert.Single(payload, c => c.Name == "dlt-test");
        Assert.Equal("32", top.DefaultMemberPermissions);
        Assert.Equal([InteractionContextType.Guild], top.Contexts);
        var group = Assert.Single(top.Options!);
        Assert.Equal((ApplicationCommandOptionType.SubCommandGroup, "tools"), (group.Type, group.Name));
        var echo = Assert.Single(group.Options!);
        Assert.Equal("echo", echo.Name);
        Assert.Equal("回声", echo.NameLocalizations!["zh-CN"]);
        Assert.Equal(["text", "times"], echo.Options!.Select(o => o.Name));
        Assert.Equal((ApplicationCommandOptionType.String, true, 50), (echo.Options![0].Type, echo.Options[0].Required == true, echo.Options[0].MaxLength));
        Assert.Equal((ApplicationCommandOptionType.Integer, 1d, 3d), (echo.Options![1].Type, echo.Options[1].MinValue, echo.Options[1].MaxValue));
        Assert.Empty(DltBot.Discord.Builders.ApplicationCommandValidator.Validate(payload));
    }

    [Fact]
    public void The_shell_parses_and_runs_it_and_applies_its_limits()
    {
        using var harness = CommandHarness.Create(TestCatalog.Snapshot, configure: Register);

        var reply = Assert.IsType<InfoReply>(harness.Line("/dlt-test tools echo hello there --times 2"));
        Assert.Equal(["hello there", "hello there"], reply.Lines);

        var tooMany = Assert.IsType<ErrorReply>(harness.Line("/dlt-test tools echo hi --times 9"));
        Assert.Equal("--times \"9\" must be a whole number from 1 to 3", tooMany.Message);
        var tooLong = Assert.IsType<ErrorReply>(harness.Line("/dlt-test tools echo " + new string('x', 51)));
        Assert.Equal("text is too long: 51 characters, at most 50", tooLong.Message);

        var help = Assert.IsType<InfoReply>(harness.Line("/dlt help"));
        Assert.Contains("/dlt-test tools echo <text> [--times <times>]: Say it again", help.Lines);
        var member = new Invocation(new Caller(TestInteractions.Bob, "bob", Permissions: 0, []), Place.Guild(1, 2), Language.English, Surface.Discord);
        var memberHelp = Assert.IsType<InfoReply>(harness.Run(new CommandPath("dlt", "help"), RawArguments.Empty, member));
        Assert.DoesNotContain(memberHelp.Lines, l => l.StartsWith("/dlt-test", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_one_shot_CLI_has_it_under_its_top_level_name()
    {
        var catalogFile = Path.Combine(root, "list.md");
        await File.WriteAllTextAsync(catalogFile, "# Deep Learning Theory\n\n## Optimization\n\n1. [Adam](https://arxiv.org/abs/1412.6980)\n",
            TestContext.Current.CancellationToken);
        var settings = new BotHostSettings
        {
            Paths = new AppPaths(root),
            Configuration = c => c.AddInMemoryCollection([
                KeyValuePair.Create<string, string?>("Catalog:Source", catalogFile),
                KeyValuePair.Create<string, string?>("Data:Directory", Path.Combine(root, "data")),
                KeyValuePair.Create<string, string?>("Bot:Locale", "en-US"),
            ]),
            Logging = l => l.ClearProviders(),
            Services = Register,
        };

        var (code, output, error) = await InProcessCli.RunAsync("", settings, "dlt-test", "tools", "echo", "hi", "--times", "3", "--json");

        Assert.Equal((0, ""), (code, error));
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(["hi", "hi", "hi"], json.GetProperty("lines").EnumerateArray().Select(l => l.GetString()));

        var (badCode, _, badError) = await InProcessCli.RunAsync("", settings, "dlt-test", "tools", "echo", "hi", "--times", "0");
        Assert.Equal(ExitCodes.Usage, badCode);
        Assert.Contains("--times \"0\" must be a whole number from 1 to 3", badError);
    }

    [Fact]
    public async Task An_interaction_reaches_its_handler_and_its_button_reaches_the_component_handler()
    {
        using var harness = CommandHarness.Create(TestCatalog.Snapshot, configure: Register);
        var slash = TestInteractions.Slash("echo", new Dictionary<string, string> { ["text"] = "ping" }) with
        {
            Data = new InteractionData
            {
                Name = "dlt-test",
                Type = ApplicationCommandType.ChatInput,
                Options =
                [
                    new InteractionDataOption
                    {
                        Name = "tools", Type = ApplicationCommandOptionType.SubCommandGroup,
                        Options =
                        [
                            new InteractionDataOption
                            {
                                Name = "echo", Type = ApplicationCommandOptionType.SubCommand,
                                Options = [new InteractionDataOption { Name = "text", Type = ApplicationCommandOptionType.String, Value = JsonSerializer.SerializeToElement("ping") }],
                            },
                        ],
                    },
                ],
            },
            Member = new GuildMember { User = new User { Id = TestInteractions.Alice, Username = "alice" }, Permissions = "32" },
        };

        var plan = harness.Router.Plan(slash);
        Assert.Equal(DeferStyle.EphemeralMessage, plan.Defer);
        var response = await plan.Produce(TestContext.Current.CancellationToken);
        Assert.True(response.Data!.Flags == MessageFlags.Ephemeral);
        Assert.Equal("ping", response.Data.Embeds![0].Description!.TrimStart('•', ' '));

        var click = harness.Router.Plan(TestInteractions.Click("echo|again|pong"));
        var clicked = await click.Produce(TestContext.Current.CancellationToken);
        Assert.Equal(InteractionCallbackType.UpdateMessage, clicked.Type);
        Assert.Contains("pong", clicked.Data!.Embeds![0].Description);
    }

    [Fact]
    public async Task A_member_without_Manage_Server_is_refused_on_the_server_whatever_the_client_showed()
    {
        using var harness = CommandHarness.Create(TestCatalog.Snapshot, configure: Register);
        var invocation = new Invocation(new Caller(TestInteractions.Bob, "bob", Permissions: 0, []), Place.Guild(1, 2), Language.English, Surface.Discord);
        var command = harness.Registry.Find(EchoCommand.PathOf)!;

        var reply = await harness.Runner.RunAsync(command, RawArguments.Of(("text", "hi")), invocation, TestContext.Current.CancellationToken);

        Assert.Equal(ErrorKind.Forbidden, Assert.IsType<ErrorReply>(reply).Kind);
        Assert.Equal(0, EchoCommand.Runs(TestInteractions.Bob));
    }

    private sealed class EchoCommand : ICommand
    {
        private static readonly Dictionary<ulong, int> RunsByUser = [];

        public static readonly CommandPath PathOf = new("dlt-test", "tools", "echo");

        public static TopLevelDescriptor TopLevel { get; } = new("dlt-test", new("Test commands", "测试命令", "測試命令"),
            DefaultMemberPermissions: DiscordPermission.ManageGuild, GuildOnly: true,
            Groups: [new CommandGroupDescriptor("dlt-test", "tools", new("tools", "工具", "工具"), new("Tools", "工具", "工具"))]);

        public static int Runs(ulong user)
        {
            lock (RunsByUser) return RunsByUser.GetValueOrDefault(user);
        }

        public CommandDescriptor Descriptor { get; } = new(PathOf, new("echo", "回声", "回聲"), new("Say it again", "再说一遍", "再說一遍"),
        [
            new("text", OptionKind.String, new("text", "文字", "文字"), new("What to say", "要说的话", "要說的話"), Required: true, Positional: true, MaxLength: 50),
            new("times", OptionKind.Integer, new("times", "次数", "次數"), new("How often", "几次", "幾次"), MinValue: 1, MaxValue: 3),
        ], CommandAccess.Moderator, ReplyVisibility.Ephemeral);

        public ValueTask<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
        {
            lock (RunsByUser) RunsByUser[context.Caller.UserId] = Runs(context.Caller.UserId) + 1;
            var text = context.Arguments.GetString("text")!;
            var times = context.Arguments.GetInt("times") ?? 1;
            return new(new InfoReply(context.Language, "Echo", [], Enumerable.Repeat(text, times).ToList()));
        }
    }

    private sealed class EchoAgainButton : IComponentHandler
    {
        public string Prefix => "echo";

        public ComponentPlan? Plan(ComponentContext context) => context.CustomId.Split('|') is [_, "again", var text]
            ? new ComponentPlan(ComponentResponse.UpdateMessage,
                _ => new(new InfoReply(context.Language, "Echo", [], [text.ToUpper(CultureInfo.InvariantCulture).ToLowerInvariant()])))
            : null;
    }
}
