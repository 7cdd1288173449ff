using Microsoft.Extensions.DependencyInjection;

namespace DltBot.Bot.Tests.EndToEnd;

/// <summary>
/// The bot's HTTP requests to Discord that have not come back yet, so a test that shares its fake clock with the bot
/// moves that clock only when none is on the way. The bot times each attempt on that clock (15 s) and backs off on it
/// before a retry: a clock moved past the timeout while a request is out makes the bot give that attempt up after the
/// fake Discord has already taken it, and then wait for a backoff on a clock nobody moves any more.
/// </summary>
internal sealed class RequestsInFlight
{
    private readonly Lock _gate = new();
    private int _count;
    private TaskCompletionSource? _idle;

    /// <summary>Counts every request of every HttpClient the bot makes through its factory (the REST client is one).</summary>
    public void Track(IServiceCollection services) =>
        services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(() => new Counting(this)));

    /// <summary>
    /// Completes once no request is out. A request the fake Discord has recorded is counted until the bot has read its
    /// whole reply, so waiting here after seeing a request means "the bot has its answer".
    /// </summary>
    public Task IdleAsync()
    {
        lock (_gate)
        {
            if (_count == 0) return Task.CompletedTask;
            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task;
        }
    }

    private void Enter()
    {
        lock (_gate) _count++;
    }

    private void Exit()
    {
        TaskCompletionSource? idle = null;
        lock (_gate)
        {
            if (--_count == 0) (idle, _idle) = (_idle, null);
        }
        idle?.TrySetResult();
    }

    private sealed class Counting(RequestsInFlight owner) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            owner.Enter();
            try
            {
                var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                try
                {
                    // Read here, before the request counts as done: the client's own read of the body is then from memory
                    // and no longer depends on the clock.
                    await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
                    return response;
                }
                catch
                {
                    response.Dispose();
                    throw;
                }
            }
            finally
            {
                owner.Exit();
            }
        }
    }
}
