using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace DltBot.Discord.Tests.Rest;

/// <summary>One part of a multipart/form-data body, read back the way a server (ASP.NET Core, like Discord) parses it.</summary>
internal sealed record MultipartPart(string Name, string? FileName, string? ContentType, byte[] Content)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Content);

    public static async Task<IReadOnlyList<MultipartPart>> ParseAsync(byte[] body, string contentTypeHeader)
    {
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(contentTypeHeader).Boundary).Value
            ?? throw new InvalidOperationException($"No boundary in '{contentTypeHeader}'.");
        var reader = new MultipartReader(boundary, new MemoryStream(body));
        var parts = new List<MultipartPart>();
        while (await reader.ReadNextSectionAsync() is { } section)
        {
            var disposition = ContentDispositionHeaderValue.Parse(section.ContentDisposition);
            Assert.Equal("form-data", disposition.DispositionType.Value);
            using var content = new MemoryStream();
            await section.Body.CopyToAsync(content);
            var fileName = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
            parts.Add(new MultipartPart(HeaderUtilities.RemoveQuotes(disposition.Name).Value!, fileName, section.ContentType, content.ToArray()));
        }

        return parts;
    }
}
