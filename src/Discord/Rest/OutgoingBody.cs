using System.Net.Http.Headers;
using DltBot.Discord.Models;

namespace DltBot.Discord.Rest;

/// <summary>
/// A request body kept as data, so every attempt builds fresh <see cref="HttpContent"/> (a sent content cannot be
/// sent again). Without files it is the JSON itself; with files it is <c>multipart/form-data</c>: the JSON as the
/// part <c>payload_json</c>, then one part <c>files[n]</c> per file with its file name, in the order the JSON's
/// <c>attachments</c> name them.
/// </summary>
internal sealed record OutgoingBody(byte[] Json, IReadOnlyList<FileUpload> Files)
{
    public const string PayloadJsonPart = "payload_json";

    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };

    public bool IsMultipart => Files.Count > 0;

    public static string FilePartName(int index) => $"files[{index}]";

    public HttpContent CreateContent()
    {
        var json = new ByteArrayContent(Json);
        json.Headers.ContentType = JsonContentType;
        if (!IsMultipart)
        {
            return json;
        }

        var multipart = new MultipartFormDataContent();
        multipart.Add(json, PayloadJsonPart);
        for (var i = 0; i < Files.Count; i++)
        {
            var file = Files[i];
            var part = new ReadOnlyMemoryContent(file.Content);
            part.Headers.ContentType = MediaTypeHeaderValue.Parse(file.ContentType);
            multipart.Add(part, FilePartName(i), file.FileName);
        }

        return multipart;
    }
}
