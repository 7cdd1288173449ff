using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Configuration;
using DltBot.Bot.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DltBot.Bot.Tests;

public sealed class ConfigurationTests : IDisposable
{
    private readonly string appDirectory = Directory.CreateTempSubdirectory("dltbot-config-").FullName;

    public void Dispose() => Directory.Delete(appDirectory, recursive: true);

    private IReadOnlyList<string> Validate(params (string Key, string? Value)[] settings)
    {
        using var host = BotHost.Build(new BotHostSettings
        {
            Paths = new AppPaths(appDirectory),
            Configuration = c => c.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value))),
        });
        return BotHost.ValidateConfiguration(host.Services);
    }

    [Fact]
    public void Defaults_are_valid_and_point_at_the_bundled_list()
    {
        using var host = BotHost.Build(new BotHostSettings { Paths = new AppPaths(appDirectory) });
        Assert.Empty(BotHost.ValidateConfiguration(host.Services));
        var catalog = host.Services.GetRequiredService<IOptions<CatalogOptions>>().Value;
        Assert.Equal(("catalog/deep-learning-theory.md", 10), (catalog.Source, catalog.FetchTimeoutSeconds));
        Assert.Equal("./data", host.Services.GetRequiredService<IOptions<DataOptions>>().Value.Directory);
    }

    [Fact]
    public void The_shipped_appsettings_json_names_every_key_and_is_valid()
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        var configuration = new ConfigurationBuilder().AddJsonFile(shipped, optional: false).Build();
        foreach (var key in new[] { "Catalog:Source", "Catalog:FetchTimeoutSeconds", "Catalog:MaxBytes", "Catalog:RefreshInterval", "Data:Directory", "Bot:Locale", "Discord:Token", "Discord:ApiBaseUrl" })
            Assert.NotNull(configuration[key]);

        using var host = BotHost.Build(new BotHostSettings { Paths = new AppPaths(AppContext.BaseDirectory) });
        Assert.Empty(BotHost.ValidateConfiguration(host.Services));
    }

    [Theory]
    [InlineData("Catalog:Source", "", "Catalog:Source is empty")]
    [InlineData("Catalog:Source", "ftp://example.test/list.md", "Catalog:Source 'ftp://example.test/list.md' uses the scheme 'ftp'")]
    [InlineData("Catalog:FetchTimeoutSeconds", "0", "Catalog:FetchTimeoutSeconds must be between 1 and 300 seconds (was 0)")]
    [InlineData("Catalog:FetchTimeoutSeconds", "soon", "Catalog:FetchTimeoutSeconds")]
    [InlineData("Catalog:RefreshInterval", "00:00:30", "Catalog:RefreshInterval must be between 00:01:00 (1 minute) and 7.00:00:00 (7 days) (was 00:00:30")]
    [InlineData("Catalog:RefreshInterval", "8.00:00:00", "Catalog:RefreshInterval must be between")]
    [InlineData("Catalog:RefreshInterval", "often", "Catalog:RefreshInterval")]
    [InlineData("Data:Directory", " ", "Data:Directory is empty")]
    [InlineData("Discord:Token", "Bot abc.def", "Discord:Token contains whitespace")]
    [InlineData("Discord:ApiBaseUrl", "discord.com/api", "Discord:ApiBaseUrl 'discord.com/api' is not an absolute http(s) URL")]
    [InlineData("Bot:Locale", "xx-NOPE-1", "Bot:Locale 'xx-NOPE-1' is not a known culture name")]
    public void A_bad_setting_fails_at_start_up_with_a_message_naming_the_key(string key, string value, string expected)
    {
        var problems = Validate((key, value));
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void All_problems_are_reported_together()
    {
        var problems = Validate(("Catalog:Source", ""), ("Discord:ApiBaseUrl", "nope"));
        Assert.Contains(problems, p => p.Contains("Catalog:Source"));
        Assert.Contains(problems, p => p.Contains("Discord:ApiBaseUrl"));
    }

    [Fact]
    public void Appsettings_beside_the_binary_are_read_and_environment_variables_override_them()
    {
        File.WriteAllText(Path.Combine(appDirectory, "appsettings.json"), """{ "Catalog": { "Source": "from-json.md" }, "Probe": { "OnlyBesideTheBinary": "json" } }""");
        var configuration = new ConfigurationBuilder();
        BotHost.AddConfigurationSources(configuration, new AppPaths(appDirectory));
        configuration.AddInMemoryCollection([KeyValuePair.Create<string, string?>("Catalog:Source", "from-environment.md")]);
        var built = configuration.Build();

        Assert.Equal("from-environment.md", built["Catalog:Source"]);
        Assert.Equal("json", built["Probe:OnlyBesideTheBinary"]);
    }

    [Fact]
    public void Environment_variable_names_use_double_underscores()
    {
        // A key no other test reads, because environment variables are shared by tests running in parallel.
        const string variable = "DltBotTests__Probe";
        Environment.SetEnvironmentVariable(variable, "42");
        try
        {
            var configuration = new ConfigurationBuilder();
            BotHost.AddConfigurationSources(configuration, new AppPaths(appDirectory));
            Assert.Equal("42", configuration.Build()["DltBotTests:Probe"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }
}
