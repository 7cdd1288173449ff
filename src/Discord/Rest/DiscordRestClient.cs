using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using DltBot.Discord.Builders;
using DltBot.Discord.Json;
using DltBot.Discord.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DltBot.Discord.Rest;

/// <summary>
/// Discord REST over an <see cref="HttpClient"/> given from outside (IHttpClientFactory in the bot, a scripted
/// handler in tests). Outgoing payloads are checked against Discord's limits before sending; rate limits go
/// through the shared <see cref="DiscordRateLimiter"/>; 5xx, timeouts, transport errors and 429 are retried
/// with bounded exponential backoff; other 4xx are thrown at once as <see cref="DiscordRestException"/>.
/// </summary>
public sealed partial class DiscordRestClient : IDiscordRestClient
{
    private readonly HttpClient _http;
    private readonly DiscordRestOptions _options;
    private readonly DiscordRateLimiter _limiter;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Func<double> _jitter;
    private readonly string _baseUrl;

    /// <param name="limiter">Share one limiter per token across client instances (typed HttpClients are transient).</param>
    /// <param name="jitter">Source of [0,1) values for retry jitter; tests pin it.</param>
    public DiscordRestClient(
        HttpClient http,
        DiscordRestOptions options,
        DiscordRateLimiter limiter,
        TimeProvider? time = null,
        ILogger<DiscordRestClient>? logger = null,
        Func<double>? jitter = null)
    {
        if (string.IsNullOrWhiteSpace(options.Token))
        {
            throw new ArgumentException("Discord:Token is empty; set the bot token from the developer portal.", nameof(options));
        }

        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"Discord:ApiBaseUrl '{options.ApiBaseUrl}' is not an absolute http(s) URL.", nameof(options));
        }

        if (options.MaxAttempts < 1)
        {
            throw new ArgumentException($"MaxAttempts must be at least 1, was {options.MaxAttempts}.", nameof(options));
        }

        if (options.MaxFileBytes < 1)
        {
            throw new ArgumentException($"MaxFileBytes must be at least 1, was {options.MaxFileBytes}.", nameof(options));
        }

        _http = http;
        _options = options;
        _limiter = limiter;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _jitter = jitter ?? Random.Shared.NextDouble;
        _baseUrl = options.ApiBaseUrl.TrimEnd('/');
    }

    public DiscordRestClient(HttpClient http, DiscordRestOptions options, TimeProvider? time = null)
        : this(http, options, new DiscordRateLimiter(options, time), time)
    {
    }

    public const int MaxMessagesPerFetch = 100;

    private static DiscordJsonContext Json => DiscordJsonContext.Default;

    public Task<GatewayBot> GetGatewayBotAsync(CancellationToken cancellationToken = default) =>
        SendAsync(DiscordRoute.GetGatewayBot(), null, Json.GatewayBot, cancellationToken);

    public async Task<IReadOnlyList<ApplicationCommand>> GetGlobalCommandsAsync(ulong applicationId, CancellationToken cancellationToken = default) =>
        await SendAsync(DiscordRoute.GetGlobalCommands(applicationId, withLocalizations: true), null, Json.ListApplicationCommand, cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<ApplicationCommand>> BulkOverwriteGlobalCommandsAsync(
        ulong applicationId, IReadOnlyList<ApplicationCommand> commands, CancellationToken cancellationToken = default)
    {
        ApplicationCommandValidator.ThrowIfInvalid(commands);
        var body = Serialize(commands.ToList(), Json.ListApplicationCommand);
        return await SendAsync(DiscordRoute.BulkOverwriteGlobalCommands(applicationId), body, Json.ListApplicationCommand, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ApplicationCommand>> GetGuildCommandsAsync(ulong applicationId, ulong guildId, CancellationToken cancellationToken = default) =>
        await SendAsync(DiscordRoute.GetGuildCommands(applicationId, guildId, withLocalizations: true), null, Json.ListApplicationCommand, cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<ApplicationCommand>> BulkOverwriteGuildCommandsAsync(
        ulong applicationId, ulong guildId, IReadOnlyList<ApplicationCommand> commands, CancellationToken cancellationToken = default)
    {
        ApplicationCommandValidator.ThrowIfInvalid(commands);
        var body = Serialize(commands.ToList(), Json.ListApplicationCommand);
        return await SendAsync(DiscordRoute.BulkOverwriteGuildCommands(applicationId, guildId), body, Json.ListApplicationCommand, cancellationToken).ConfigureAwait(false);
    }

    public Task CreateInteractionResponseAsync(
        ulong interactionId, string interactionToken, InteractionResponse response, CancellationToken cancellationToken = default)
    {
        MessageValidator.Validate(response, maxFileBytes: _options.MaxFileBytes);
        var body = Serialize(response.WithDefaultMentions(), Json.InteractionResponse, response.Data?.Files);
        return SendAsync(DiscordRoute.CreateInteractionResponse(interactionId, interactionToken), body, cancellationToken);
    }

    public Task<Message> EditOriginalResponseAsync(
        ulong applicationId, string interactionToken, MessageEditRequest edit, CancellationToken cancellationToken = default)
    {
        MessageValidator.Validate(edit, maxFileBytes: _options.MaxFileBytes);
        return SendAsync(DiscordRoute.EditOriginalResponse(applicationId, interactionToken), Serialize(edit, Json.MessageEditRequest, edit.Files), Json.Message, cancellationToken);
    }

    public Task DeleteOriginalResponseAsync(ulong applicationId, string interactionToken, CancellationToken cancellationToken = default) =>
        SendAsync(DiscordRoute.DeleteOriginalResponse(applicationId, interactionToken), null, cancellationToken);

    public Task<Message> CreateFollowupMessageAsync(
        ulong applicationId, string interactionToken, MessageCreateRequest message, CancellationToken cancellationToken = default)
    {
        MessageValidator.Validate(message, maxFileBytes: _options.MaxFileBytes);
        return SendAsync(DiscordRoute.CreateFollowup(applicationId, interactionToken), Serialize(message, Json.MessageCreateRequest, message.Files), Json.Message, cancellationToken);
    }

    public Task<Message> EditFollowupMessageAsync(
        ulong applicationId, string interactionToken, ulong messageId, MessageEditRequest edit, CancellationToken cancellationToken = default)
    {
        MessageValidator.Validate(edit, maxFileBytes: _options.MaxFileBytes);
        return SendAsync(DiscordRoute.EditFollowup(applicationId, interactionToken, messageId), Serialize(edit, Json.MessageEditRequest, edit.Files), Json.Message, cancellationToken);
    }

    public Task DeleteFollowupMessageAsync(ulong applicationId, string interactionToken, ulong messageId, CancellationToken cancellationToken = default) =>
        SendAsync(DiscordRoute.DeleteFollowup(applicationId, interactionToken, messageId), null, cancellationToken);

    public Task<Message> CreateMessageAsync(ulong channelId, MessageCreateRequest message, CancellationToken cancellationToken = default)
    {
        MessageValidator.Validate(message, maxFileBytes: _options.MaxFileBytes);
        return SendAsync(DiscordRoute.CreateMessage(channelId), Serialize(message, Json.MessageCreateRequest, message.Files), Json.Message, cancellationToken);
    }

    public Task<Channel> StartThreadFromMessageAsync(
        ulong channelId, ulong messageId, StartThreadRequest thread, CancellationToken cancellationToken = default)
    {
        MessageValidator.Validate(thread);
        return SendAsync(DiscordRoute.StartThreadFromMessage(channelId, messageId), Serialize(thread, Json.StartThreadRequest), Json.Channel, cancellationToken);
    }

    public Task<Channel> GetChannelAsync(ulong channelId, CancellationToken cancellationToken = default) =>
        SendAsync(DiscordRoute.GetChannel(channelId), null, Json.Channel, cancellationToken);

    public async Task<IReadOnlyList<Message>> GetChannelMessagesAsync(ulong channelId, int limit, CancellationToken cancellationToken = default)
    {
        if (limit is < 1 or > MaxMessagesPerFetch)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"Discord returns 1 to {MaxMessagesPerFetch} messages per request.");
        }

        return await SendAsync(DiscordRoute.GetChannelMessages(channelId, limit), null, Json.IReadOnlyListMessage, cancellationToken).ConfigureAwait(false);
    }

    public Task<Message> GetMessageAsync(ulong channelId, ulong messageId, CancellationToken cancellationToken = default) =>
        SendAsync(DiscordRoute.GetMessage(channelId, messageId), null, Json.Message, cancellationToken);

    public Task<Guild> GetGuildAsync(ulong guildId, CancellationToken cancellationToken = default) =>
        SendAsync(DiscordRoute.GetGuild(guildId), null, Json.Guild, cancellationToken);

    public Task<GuildMember> GetGuildMemberAsync(ulong guildId, ulong userId, CancellationToken cancellationToken = default) =>
        SendAsync(DiscordRoute.GetGuildMember(guildId, userId), null, Json.GuildMember, cancellationToken);

    public Task<User> GetCurrentUserAsync(CancellationToken cancellationToken = default) =>
        SendAsync(DiscordRoute.GetCurrentUser(), null, Json.User, cancellationToken);

    private static OutgoingBody Serialize<T>(T value, JsonTypeInfo<T> typeInfo, IReadOnlyList<FileUpload>? files = null) =>
        new(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo), files ?? []);

    private async Task<T> SendAsync<T>(DiscordRoute route, OutgoingBody? body, JsonTypeInfo<T> responseType, CancellationToken cancellationToken)
    {
        var bytes = await SendAsync(route, body, cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize(bytes, responseType)
                ?? throw new JsonException("The response body was JSON null.");
        }
        catch (JsonException ex)
        {
            throw new DiscordRestException(route.RouteKey, HttpStatusCode.OK, null, $"Discord's response could not be read as {typeof(T).Name}: {ex.Message}", innerException: ex);
        }
    }

    private async Task<byte[]> SendAsync(DiscordRoute route, OutgoingBody? body, CancellationToken cancellationToken)
    {
        var outcomeUnknown = false;
        for (var attempt = 1; ; attempt++)
        {
            var lastAttempt = attempt >= _options.MaxAttempts;
            if (route.RequiresBotToken && _limiter.TokenRejected)
            {
                throw new DiscordRestException(route.RouteKey, HttpStatusCode.Unauthorized, null,
                    "Not sent: Discord already rejected the bot token (401). Fix Discord:Token and restart.");
            }

            HttpResponseMessage? response = null;
            byte[] responseBytes = [];
            RateLimitHit? hit = null;
            Exception? transientFailure = null;
            using (await _limiter.AcquireAsync(route, cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    (response, responseBytes) = await SendOnceAsync(route, body, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (IsTransient(ex, cancellationToken))
                {
                    transientFailure = ex;
                }

                if (response is not null)
                {
                    var rateLimitBody = response.StatusCode == HttpStatusCode.TooManyRequests ? ReadRateLimitBody(response, responseBytes) : null;
                    hit = _limiter.RecordResponse(route, response, rateLimitBody);
                }
            }

            if (transientFailure is not null || response is null)
            {
                outcomeUnknown = true;
                if (lastAttempt)
                {
                    var what = transientFailure is OperationCanceledException ? "timed out" : "could not reach Discord";
                    throw new DiscordRestException(route.RouteKey, null, null, $"{what} after {attempt} attempt(s): {transientFailure?.Message}", innerException: transientFailure);
                }

                // One line per retry: the stack of a refused connection says nothing new, and an unreachable API
                // retries many times a minute.
                LogTransientFailure(_logger, route.RouteKey, attempt, OneLine(transientFailure));
                await BackoffAsync(attempt, cancellationToken).ConfigureAwait(false);
                continue;
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                if (status is >= 200 and < 300)
                {
                    return responseBytes;
                }

                if (hit is not null)
                {
                    if (lastAttempt || hit.RetryAfter > _options.MaxRateLimitWait)
                    {
                        throw new DiscordRateLimitedException(route.RouteKey, hit.RetryAfter, hit.Scope, "Discord answered 429 Too Many Requests");
                    }

                    LogRateLimited(_logger, route.RouteKey, hit.Scope, hit.RetryAfter);
                    continue; // the limiter now holds the bucket (or everything) until the limit resets
                }

                if (status >= 500)
                {
                    outcomeUnknown = true;
                    if (lastAttempt)
                    {
                        throw ToException(route, response, responseBytes);
                    }

                    LogServerError(_logger, route.RouteKey, status, attempt);
                    await BackoffAsync(attempt, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var error = ToException(route, response, responseBytes);

                // Our earlier attempt timed out or got a 5xx yet reached Discord: the interaction is answered.
                if (route.IsInteractionCallback && outcomeUnknown && error.IsAlreadyAcknowledged)
                {
                    return [];
                }

                throw error;
            }
        }
    }

    private async Task<(HttpResponseMessage Response, byte[] Body)> SendOnceAsync(DiscordRoute route, OutgoingBody? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(route.Method, _baseUrl + route.Path);
        request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
        if (route.RequiresBotToken)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bot", _options.Token);
        }

        // Built per attempt: the request (and its content) is disposed after each try, and a retry must resend all of it.
        request.Content = body?.CreateContent();

        using var timeout = _options.AttemptTimeout is { } limit
            ? new CancellationTokenSource(limit, _time)
            : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            return (response, bytes);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private Task BackoffAsync(int attempt, CancellationToken cancellationToken)
    {
        var exponential = _options.RetryBaseDelay * Math.Pow(2, attempt - 1);
        var capped = exponential < _options.RetryMaxDelay ? exponential : _options.RetryMaxDelay;

        // "Equal jitter": at least half the delay, so retries from many callers spread without collapsing to zero.
        var delay = capped * (0.5 + (0.5 * Math.Clamp(_jitter(), 0, 1)));
        return Task.Delay(delay, _time, cancellationToken);
    }

    private static bool IsTransient(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        HttpRequestException => true,
        IOException => true,
        _ => false,
    };

    private static RateLimitBody? ReadRateLimitBody(HttpResponseMessage response, byte[] bytes)
    {
        if (bytes.Length == 0 || response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, DiscordJsonContext.Default.RateLimitBody);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static DiscordRestException ToException(DiscordRoute route, HttpResponseMessage response, byte[] bytes)
    {
        DiscordErrorBody? error = null;
        if (bytes.Length > 0)
        {
            try
            {
                error = JsonSerializer.Deserialize(bytes, DiscordJsonContext.Default.DiscordErrorBody);
            }
            catch (JsonException)
            {
                // Not JSON (a proxy or Cloudflare page): the status alone has to do.
            }
        }

        var fieldErrors = error?.Errors is { } errors ? DiscordRestException.FlattenFieldErrors(errors) : null;
        return new DiscordRestException(route.RouteKey, response.StatusCode, error?.Code, error?.Message ?? response.ReasonPhrase, fieldErrors);
    }

    [LoggerMessage(EventId = 3001, EventName = "DiscordRequestFailedTransiently", Level = LogLevel.Warning,
        Message = "Discord request {Route} attempt {Attempt} timed out or could not connect ({Error}); retrying")]
    private static partial void LogTransientFailure(ILogger logger, string route, int attempt, string error);

    private static string OneLine(Exception? failure) =>
        failure is null ? "no response" : $"{failure.GetType().Name}: {failure.Message.ReplaceLineEndings(" ")}";

    [LoggerMessage(EventId = 3002, EventName = "DiscordRateLimited", Level = LogLevel.Warning,
        Message = "Discord request {Route} hit a {Scope} rate limit; retrying after {RetryAfter}")]
    private static partial void LogRateLimited(ILogger logger, string route, string scope, TimeSpan retryAfter);

    [LoggerMessage(EventId = 3003, EventName = "DiscordServerError", Level = LogLevel.Warning,
        Message = "Discord request {Route} answered {Status} on attempt {Attempt}; retrying")]
    private static partial void LogServerError(ILogger logger, string route, int status, int attempt);
}
