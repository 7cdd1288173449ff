using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text.Json;
using DltBot.Discord.Json;
using DltBot.Discord.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DltBot.Discord.Http;

/// <summary>
/// The request pipeline of the HTTP interactions endpoint: size limit, signature and timestamp checks, PING -> PONG,
/// 400 for malformed interactions, and everything else to <see cref="IInteractionRequestHandler"/>. Rejections are expected traffic (Discord probes
/// with bad signatures), so they are logged at debug level only.
/// </summary>
internal sealed partial class InteractionEndpoint(
    Ed25519SignatureVerifier verifier,
    DiscordInteractionsOptions options,
    TimeProvider time,
    ILogger<InteractionEndpoint> logger)
{
    public const string SignatureHeader = "X-Signature-Ed25519";
    public const string TimestampHeader = "X-Signature-Timestamp";
    private const string JsonContentType = "application/json";
    private static readonly byte[] Pong = """{"type":1}"""u8.ToArray();
    private static readonly DateTimeOffset LatestTimestamp = DateTimeOffset.MaxValue;

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var signature = request.Headers[SignatureHeader].ToString();
        var timestamp = request.Headers[TimestampHeader].ToString();
        if (signature.Length == 0 || timestamp.Length == 0)
        {
            await RejectAsync(context, StatusCodes.Status401Unauthorized, "missing signature headers").ConfigureAwait(false);
            return;
        }

        var body = request.ContentLength > options.MaxInteractionBodyBytes
            ? null
            : await ReadBodyAsync(request.Body, options.MaxInteractionBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            await RejectAsync(context, StatusCodes.Status413PayloadTooLarge, "body too large").ConfigureAwait(false);
            return;
        }

        if (!TryParseTimestamp(timestamp, out var signedAt))
        {
            await RejectAsync(context, StatusCodes.Status401Unauthorized, "invalid timestamp").ConfigureAwait(false);
            return;
        }

        if ((time.GetUtcNow() - signedAt).Duration() > options.MaxInteractionTimestampSkew)
        {
            await RejectAsync(context, StatusCodes.Status401Unauthorized, "stale timestamp").ConfigureAwait(false);
            return;
        }

        if (!verifier.Verify(signature, timestamp, body))
        {
            await RejectAsync(context, StatusCodes.Status401Unauthorized, "invalid request signature").ConfigureAwait(false);
            return;
        }

        var type = ReadInteractionType(body);
        if (type is null)
        {
            await RejectAsync(context, StatusCodes.Status400BadRequest, "body is not an interaction JSON object").ConfigureAwait(false);
            return;
        }

        if (type == 1)
        {
            await WriteJsonAsync(context.Response, Pong, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (!InteractionValidator.TryRead(body, out var interaction, out var error))
        {
            // Signed, so it really came from Discord (or whoever holds the key): worth a warning, but one line.
            LogMalformed(error, context.Connection.RemoteIpAddress?.ToString());
            await WritePlainAsync(context.Response, StatusCodes.Status400BadRequest, "malformed interaction: " + error).ConfigureAwait(false);
            return;
        }

        await DispatchAsync(context, interaction, type.Value).ConfigureAwait(false);
    }

    private async Task DispatchAsync(HttpContext context, Interaction interaction, int type)
    {
        InteractionEndpointReply reply;
        try
        {
            var handler = context.RequestServices.GetRequiredService<IInteractionRequestHandler>();
            reply = await handler.HandleAsync(interaction, context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return; // Discord gave up on the request; nobody is left to answer.
        }
        catch (Exception e)
        {
            LogHandlerFailed(e, type);
            // No details: the body of a 500 goes to Discord, and exception text may hold internals.
            await WritePlainAsync(context.Response, StatusCodes.Status500InternalServerError, "internal error").ConfigureAwait(false);
            return;
        }

        if (reply.Json.Length == 0)
        {
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            return;
        }

        await WriteJsonAsync(context.Response, reply.Json, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Reads the raw body; null when it exceeds <paramref name="limit"/> (which chunked requests can only show by reading).</summary>
    private static async Task<byte[]?> ReadBodyAsync(Stream stream, int limit, CancellationToken cancellationToken)
    {
        using var collected = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (collected.Length + read > limit)
                {
                    return null;
                }

                collected.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return collected.ToArray();
    }

    private static bool TryParseTimestamp(string value, out DateTimeOffset signedAt)
    {
        signedAt = default;
        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > LatestTimestamp.ToUnixTimeSeconds())
        {
            return false;
        }

        signedAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }

    /// <summary>The interaction's <c>type</c>, or null when the body is not a JSON object with an integer type.</summary>
    private static int? ReadInteractionType(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                   && root.TryGetProperty("type", out var type)
                   && type.ValueKind == JsonValueKind.Number
                   && type.TryGetInt32(out var value)
                ? value
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task RejectAsync(HttpContext context, int status, string reason)
    {
        LogRejected(status, reason, context.Connection.RemoteIpAddress);
        await WritePlainAsync(context.Response, status, reason).ConfigureAwait(false);
    }

    private static Task WritePlainAsync(HttpResponse response, int status, string text)
    {
        response.StatusCode = status;
        response.ContentType = "text/plain; charset=utf-8";
        return response.WriteAsync(text);
    }

    private static async Task WriteJsonAsync(HttpResponse response, byte[] json, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = JsonContentType;
        response.ContentLength = json.Length;
        await response.Body.WriteAsync(json, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 1, EventName = "InteractionRejected", Level = LogLevel.Debug,
        Message = "Interaction request rejected with {Status}: {Reason} (from {RemoteAddress})")]
    private partial void LogRejected(int status, string reason, IPAddress? remoteAddress);

    [LoggerMessage(EventId = 2, EventName = "InteractionHandlerFailed", Level = LogLevel.Error,
        Message = "Interaction handler failed for an interaction of type {InteractionType}; answered 500")]
    private partial void LogHandlerFailed(Exception exception, int interactionType);

    [LoggerMessage(EventId = 3, EventName = "InteractionMalformed", Level = LogLevel.Warning,
        Message = "Signed interaction rejected with 400: {Error} (from {RemoteAddress})")]
    private partial void LogMalformed(string error, string? remoteAddress);
}
