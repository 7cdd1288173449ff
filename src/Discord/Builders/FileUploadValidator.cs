using System.Globalization;
using System.Net.Http.Headers;
using DltBot.Discord.Models;

namespace DltBot.Discord.Builders;

/// <summary>Checks the files of a message before upload, so a bad file is our clear error and never Discord's 400 or 413.</summary>
public static class FileUploadValidator
{
    /// <param name="maxFileBytes">Per-file limit; Discord's depends on the server's boost level (an interaction carries it).</param>
    public static void Validate(IReadOnlyList<FileUpload>? files, long maxFileBytes, string path)
    {
        if (files is null)
        {
            return;
        }

        if (files.Count > DiscordLimits.FilesPerMessage)
        {
            throw DiscordLimitException.TooMany(path, files.Count, DiscordLimits.FilesPerMessage, "files");
        }

        for (var i = 0; i < files.Count; i++)
        {
            var filePath = $"{path}[{i}]";
            var file = files[i] ?? throw new DiscordLimitException(filePath, "is null.");
            TextLimits.CheckRequired(file.FileName, DiscordLimits.FileName, $"{filePath}.file_name");
            if (file.FileName.Any(char.IsControl))
            {
                throw new DiscordLimitException($"{filePath}.file_name", "contains a control character (a line break or tab?).");
            }

            if (file.Content.Length > maxFileBytes)
            {
                throw new DiscordLimitException(filePath,
                    $"('{file.FileName}') is {Bytes(file.Content.Length)}; the per-file upload limit is {Bytes(maxFileBytes)}.");
            }

            if (!MediaTypeHeaderValue.TryParse(file.ContentType, out _))
            {
                throw new DiscordLimitException($"{filePath}.content_type", $"'{file.ContentType}' is not a MIME type such as text/markdown.");
            }

            TextLimits.Check(file.Description, DiscordLimits.AttachmentDescription, $"{filePath}.description");
        }
    }

    private static string Bytes(long count) => count.ToString("N0", CultureInfo.InvariantCulture) + " bytes";
}
