using System.Collections.Concurrent;
using System.Globalization;
using DltBot.FakeWeb;

namespace DltBot.Bot.Tests.LinkHealth;

/// <summary>
/// The checker's HTTP exchanges, from sending to the end of the answer's headers, each named to the fake web
/// (<see cref="FakeWebServer.ExchangeHeader"/>) so it can say which ones it is holding on purpose.
/// </summary>
public sealed class ExchangeWatch(HttpMessageHandler inner, FakeWebServer web) : DelegatingHandler(inner)
{
    private readonly ConcurrentDictionary<string, CancellationToken> _open = new(StringComparer.Ordinal);
    private int _sent;

    /// <summary>
    /// Exchanges only the clock can end: held by the fake web and not given up by the checker. A deadline that fires
    /// cancels the token at once, inside the clock's step, while the hold ends only when the server notices the hang-up.
    /// </summary>
    public int Held => _open.Count(e => !e.Value.IsCancellationRequested && web.IsHolding(e.Key));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var name = Interlocked.Increment(ref _sent).ToString(CultureInfo.InvariantCulture);
        request.Headers.TryAddWithoutValidation(FakeWebServer.ExchangeHeader, name);
        _open[name] = cancellationToken;
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            _open.TryRemove(name, out _);
        }
    }
}
