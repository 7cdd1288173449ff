using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace DltBot.Bot.Arxiv;

/// <summary>The arXiv API over HTTP, one request at a time through <see cref="ArxivRequestGate"/>.</summary>
internal sealed class ArxivClient(
    IHttpClientFactory httpClients,
    IOptions<ArxivOptions> options,
    ArxivRequestGate gate,
    TimeProvider time) : IArxivClient
{
    public const string HttpClientName = "Arxiv";

    /// <summary>One entry is a few KB; anything near this is not the answer we asked for.</summary>
    public const int MaxAnswerBytes = 1024 * 1024;

    private const string RateExceeded = "Rate exceeded.";

    public Task<ArxivLookup> LookupAsync(string arxivId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(arxivId);
        return gate.RunAsync(token => SendAsync(arxivId, token), cancellationToken);
    }

    private async Task<ArxivLookup> SendAsync(string arxivId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        // The timeout runs on TimeProvider (not HttpClient.Timeout) so tests can move it with a fake clock; it starts
        // when our turn at the gate comes, and covers the whole answer.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(settings.TimeoutSeconds), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        var http = httpClients.CreateClient(HttpClientName);
        try
        {
            using var response = await http.GetAsync(RequestUri(settings.ApiBaseUrl, arxivId), linked.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.TooManyRequests
                || (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null))
                return new ArxivLookup.RateLimited(RetryAfter(response.Headers.RetryAfter));
            if (!response.IsSuccessStatusCode)
                return new ArxivLookup.Failed($"arXiv answered {(int)response.StatusCode}");

            var body = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
            if (body.Trim().Equals(RateExceeded, StringComparison.OrdinalIgnoreCase))
                return new ArxivLookup.RateLimited(null);
            return ArxivAtomReader.Read(body, arxivId);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            return new ArxivLookup.Failed($"no answer within {settings.TimeoutSeconds} s");
        }
        catch (HttpRequestException exception) when (exception.HttpRequestError == HttpRequestError.ConfigurationLimitExceeded)
        {
            return new ArxivLookup.Failed($"{ArxivAtomReader.Unreadable} (larger than {MaxAnswerBytes / 1024} KB)");
        }
        catch (HttpRequestException)
        {
            return new ArxivLookup.Failed("arXiv could not be reached");
        }
    }

    internal static Uri RequestUri(string apiBaseUrl, string arxivId)
    {
        // Ids are letters, digits, '.', '-' and '/', all safe in a query.
        var separator = apiBaseUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return new Uri($"{apiBaseUrl}{separator}id_list={arxivId}");
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow() is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero,
        _ => null,
    };
}
