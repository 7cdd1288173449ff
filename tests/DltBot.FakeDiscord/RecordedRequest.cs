using System.Text.Json;

namespace DltBot.FakeDiscord;

/// <summary>One REST request as the fake received it, and the status it answered with.</summary>
/// <param name="Sequence">1-based arrival order across all REST requests.</param>
/// <param name="Path">Full request path, e.g. <c>/api/v10/channels/1/messages</c>.</param>
/// <param name="ApiPath">Path below the API base, e.g. <c>/channels/1/messages</c>.</param>
/// <param name="Route">Matched route template, e.g. <c>POST /channels/{channel}/messages</c>; null for unknown routes.</param>
/// <param name="RouteValues">Values of the template's placeholders (keys without braces).</param>
/// <param name="Query">Query string including the leading '?', or empty.</param>
/// <param name="Headers">Request headers, case-insensitive names, multiple values joined with ", ".</param>
/// <param name="Body">Body decoded as UTF-8 (empty when there was none).</param>
public sealed record RecordedRequest(
    long Sequence,
    string Method,
    string Path,
    string ApiPath,
    string? Route,
    IReadOnlyDictionary<string, string> RouteValues,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    DateTimeOffset ReceivedAt)
{
    public int ResponseStatus { get; init; }

    /// <summary>
    /// The file parts of a multipart request (<c>files[n]</c>), in arrival order; empty for JSON requests. For a
    /// multipart request <see cref="Body"/> holds its <c>payload_json</c> part.
    /// </summary>
    public IReadOnlyList<RecordedFile> Files { get; init; } = [];

    /// <summary>Why the body could not be read (a broken multipart body); the fake answers 400 50035 for it.</summary>
    internal string? BodyError { get; init; }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>Parses <see cref="Body"/>; throws <see cref="JsonException"/> when it is not JSON.</summary>
    public JsonElement BodyJson()
    {
        using var document = JsonDocument.Parse(Body);
        return document.RootElement.Clone();
    }

    public override string ToString() => $"#{Sequence} {Method} {Path}{Query} -> {ResponseStatus}";
}

/// <summary>One uploaded file of a multipart request.</summary>
/// <param name="PartName">The form part's name, e.g. <c>files[0]</c>.</param>
/// <param name="FileName">The <c>filename</c> of its Content-Disposition.</param>
/// <param name="ContentType">The part's Content-Type, or empty when it had none.</param>
public sealed record RecordedFile(string PartName, string FileName, string ContentType, byte[] Content)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Content);

    public override string ToString() => $"{PartName} {FileName} ({ContentType}, {Content.Length} bytes)";
}
