using System.Text;

namespace DltBot.Discord.Models;

/// <summary>
/// A file sent with a message. It travels as the multipart part <c>files[n]</c>, never inside the JSON body; the body
/// only names it in <c>attachments</c> (see <see cref="AttachmentReference"/>), derived from the files in order.
/// </summary>
/// <param name="FileName">The name Discord shows and offers for download, e.g. <c>catalog.md</c>.</param>
/// <param name="Content">The file's bytes.</param>
/// <param name="ContentType">The MIME type of the part, e.g. <c>text/markdown; charset=utf-8</c>.</param>
public sealed record FileUpload(string FileName, ReadOnlyMemory<byte> Content, string ContentType = FileUpload.OctetStream)
{
    public const string OctetStream = "application/octet-stream";

    /// <summary>Alt text shown by Discord (at most 1024 characters).</summary>
    public string? Description { get; init; }

    /// <summary>A text file encoded as UTF-8 without a byte order mark.</summary>
    public static FileUpload FromText(string fileName, string text, string contentType = "text/plain; charset=utf-8") =>
        new(fileName, Encoding.UTF8.GetBytes(text), contentType);

    // The default record ToString would not show the bytes anyway; say what matters in a log line.
    public override string ToString() => $"FileUpload {{ FileName = {FileName}, Length = {Content.Length}, ContentType = {ContentType} }}";
}

/// <summary>
/// One entry of a message body's <c>attachments</c>: <see cref="Id"/> n refers to the multipart part <c>files[n]</c>.
/// </summary>
public sealed record AttachmentReference(int Id, string Filename, string? Description = null)
{
    /// <summary>The <c>attachments</c> array for <paramref name="files"/> (ids 0, 1, … in order); null when there are none.</summary>
    public static IReadOnlyList<AttachmentReference>? For(IReadOnlyList<FileUpload>? files) =>
        files is { Count: > 0 }
            ? [.. files.Select((file, index) => new AttachmentReference(index, file.FileName, file.Description))]
            : null;
}
