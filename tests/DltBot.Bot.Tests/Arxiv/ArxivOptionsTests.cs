using DltBot.Bot.Arxiv;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DltBot.Bot.Tests.Arxiv;

public sealed class ArxivOptionsTests
{
    private static ValidateOptionsResult Validate(ArxivOptions options) => new ArxivOptionsValidator().Validate(null, options);

    [Fact]
    public void Defaults_are_arxivs_endpoint_and_ten_seconds_and_valid()
    {
        var options = new ArxivOptions();
        Assert.Equal("https://export.arxiv.org/api/query", options.ApiBaseUrl);
        Assert.Equal(10, options.TimeoutSeconds);
        Assert.True(Validate(options).Succeeded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("export.arxiv.org/api/query")]
    [InlineData("/api/query")]
    [InlineData("ftp://export.arxiv.org/api/query")]
    public void A_base_url_that_is_not_absolute_http_is_refused_by_name(string url)
    {
        var result = Validate(new ArxivOptions { ApiBaseUrl = url });
        Assert.True(result.Failed);
        Assert.Contains("Arxiv:ApiBaseUrl", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(61)]
    public void A_timeout_outside_1_to_60_seconds_is_refused_by_name(int seconds)
    {
        var result = Validate(new ArxivOptions { TimeoutSeconds = seconds });
        Assert.True(result.Failed);
        Assert.Contains("Arxiv:TimeoutSeconds", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains($"was {seconds}", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/api/query", 1)]
    [InlineData("https://export.arxiv.org/api/query", 60)]
    public void Edges_of_the_allowed_range_pass(string url, int seconds) =>
        Assert.True(Validate(new ArxivOptions { ApiBaseUrl = url, TimeoutSeconds = seconds }).Succeeded);

    [Fact]
    public void AddArxiv_binds_the_section_and_validates_it()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Arxiv:ApiBaseUrl"] = "not a url", ["Arxiv:TimeoutSeconds"] = "90" })
            .Build();
        using var provider = new ServiceCollection().AddArxiv(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ArxivOptions>>().Value);
        Assert.Contains(error.Failures, f => f.Contains("Arxiv:ApiBaseUrl 'not a url'", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Arxiv:TimeoutSeconds", StringComparison.Ordinal));
    }

    [Fact]
    public void AddArxiv_reads_the_configured_values()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Arxiv:ApiBaseUrl"] = "http://127.0.0.1:1/q", ["Arxiv:TimeoutSeconds"] = "4" })
            .Build();
        using var provider = new ServiceCollection().AddArxiv(configuration).BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ArxivOptions>>().Value;
        Assert.Equal("http://127.0.0.1:1/q", options.ApiBaseUrl);
        Assert.Equal(4, options.TimeoutSeconds);
        Assert.IsType<ArxivClient>(provider.GetRequiredService<IArxivClient>());
        Assert.Same(provider.GetRequiredService<ArxivRequestGate>(), provider.GetRequiredService<ArxivRequestGate>());
    }
}
