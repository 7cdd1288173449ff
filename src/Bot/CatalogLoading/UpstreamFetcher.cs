using System.Net;
using DltBot.Bot.Configuration;
using Microsoft.Extensions.Options;

namespace DltBot.Bot.CatalogLoading;

/// <summary>What the origin said about the last good fetch, to ask next time only for something newer.</summary>
/// <param name="ETag">The <c>ETag</c> header as sent (quotes and <c>W/</c> included), or null.</param>
/// <param name="LastModified">The <c>Last-Modified</c> header as sent, or null.</param>
public sealed record UpstreamValidators(string? ETag, string? LastModified)
{
    public bool IsEmpty => ETag is null && LastModified is null;
}

/// <summary>The outcome of one conditional fetch.</summary>
public abstract record UpstreamFetch
{
    private UpstreamFetch() { }

    /// <summary>304: the list has not changed since the validators were given.</summary>
    public sealed record NotModified : UpstreamFetch;

    /// <summary>200: a body within Catalog:MaxBytes, and the validators that come with it.</summary>
    public sealed record Fetched(byte[] Body, UpstreamValidators Validators) : UpstreamFetch;

    /// <summary>Nothing usable: an HTTP error, a timeout, a broken connection, a body over the size cap.</summary>
    public sealed record Failed(string Reason) : UpstreamFetch;
}

/// <summary>
/// Fetches a URL source (at start, and again by the upstream refresh with <c>If-None-Match</c> and <c>If-Modified-Since</c> from the last good fetch, under
/// the same limits as the first load: Catalog:FetchTimeoutSeconds for the whole fetch, Catalog:MaxBytes for the body
/// (read no further than that). Never throws for what the network or the origin does; only cancellation escapes.
/// </summary>
public sealed class UpstreamFetcher(IHttpClientFactory httpClients, IOptions<CatalogOptions> catalogOptions, TimeProvider time)
{
    public async Task<UpstreamFetch> FetchAsync(Uri url, UpstreamValidators? since, CancellationToken cancellationToken)
    {
        var options = catalogOptions.Value;
        var tooLarge = $"the response is larger than Catalog:MaxBytes ({CappedDownload.Describe(options.MaxBytes)})";
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(options.FetchTimeoutSeconds), time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            // The loader's client: whatever the host configures for catalog fetches (a User-Agent, a proxy) applies here too.
            using var http = httpClients.CreateClient(nameof(CatalogLoader));
            http.Timeout = Timeout.InfiniteTimeSpan;
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            // Sent back exactly as the origin wrote them: they are the origin's tokens, not ours to reformat.
            if (since?.ETag is { } etag) request.Headers.TryAddWithoutValidation("If-None-Match", etag);
            if (since?.LastModified is { } modified) request.Headers.TryAddWithoutValidation("If-Modified-Since", modified);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotModified) return new UpstreamFetch.NotModified();
            if (!response.IsSuccessStatusCode)
                return new UpstreamFetch.Failed($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            var announced = response.Content.Headers.ContentLength;
            if (announced > options.MaxBytes)
                return new UpstreamFetch.Failed($"{tooLarge}: it announces {CappedDownload.Describe(announced.Value)}");
            await using var stream = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
            var body = await CappedDownload.ReadAsync(stream, options.MaxBytes, announced, linked.Token).ConfigureAwait(false);
            if (body is null) return new UpstreamFetch.Failed(tooLarge);
            var validators = new UpstreamValidators(
                response.Headers.TryGetValues("ETag", out var etags) ? etags.FirstOrDefault() : null,
                response.Content.Headers.TryGetValues("Last-Modified", out var dates) ? dates.FirstOrDefault() : null);
            return new UpstreamFetch.Fetched(body, validators);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new UpstreamFetch.Failed($"timed out after {options.FetchTimeoutSeconds} s (Catalog:FetchTimeoutSeconds)");
        }
        catch (HttpRequestException e)
        {
            return new UpstreamFetch.Failed(e.Message);
        }
        catch (IOException e)
        {
            return new UpstreamFetch.Failed($"the connection broke while reading the response: {e.Message}");
        }
    }
}
