using System.Text;
using System.Text.Json.Nodes;
using LearningBot.Connector.Hosting;
using LearningBot.Connector.Schema;
using Microsoft.Extensions.Options;

namespace LearningBot.LearningDirectory.Import;

/// <summary>The text of the file to import, or why it could not be read; both null when the message brought none.</summary>
public sealed record ImportFile(string? Text, string? Problem)
{
    public static ImportFile None { get; } = new(null, null);
}

/// <summary>
/// Finds the CSV a message brings: a file attached in Teams (an attachment of type
/// <c>application/vnd.microsoft.teams.file.download.info</c> whose <c>downloadUrl</c> is fetched over https), a
/// <c>text/csv</c> attachment carrying its text (as the Agents Playground sends it) or a link to it, or the file's text
/// pasted on the lines after the command.
/// </summary>
public sealed class ImportFileReader(IHttpClientFactory http, IOptions<LearningDirectoryOptions> options)
{
    public const string HttpClientName = "learning-directory-import";
    public const string TeamsFileDownload = "application/vnd.microsoft.teams.file.download.info";

    public async Task<ImportFile> ReadAsync(ITurnContext turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        foreach (var attachment in turn.Activity.Attachments ?? [])
        {
            if (attachment.ContentType == TeamsFileDownload)
            {
                var content = attachment.Content as JsonObject;
                var fileType = content?["fileType"]?.GetValue<string>() ?? Path.GetExtension(attachment.Name ?? string.Empty).TrimStart('.');
                return !string.Equals(fileType, "csv", StringComparison.OrdinalIgnoreCase)
                    ? new ImportFile(null, $"{attachment.Name ?? "That file"} is not a CSV file. Save it as CSV (comma separated) and attach it again.")
                    : await DownloadAsync(content?["downloadUrl"]?.GetValue<string>(), turn.Aborted);
            }

            if (IsCsv(attachment))
            {
                return attachment.Content is JsonValue value && value.TryGetValue<string>(out var text)
                    ? Limited(text)
                    : await DownloadAsync(attachment.ContentUrl, turn.Aborted);
            }
        }

        var lineBreak = turn.Text.IndexOf('\n', StringComparison.Ordinal);
        var pasted = lineBreak < 0 ? string.Empty : turn.Text[(lineBreak + 1)..].Trim();
        return pasted.Length > 0 ? Limited(pasted) : ImportFile.None;
    }

    private static bool IsCsv(Attachment attachment) =>
        attachment.ContentType is "text/csv" or "application/csv"
        || (attachment.Name?.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) == true && attachment.ContentType != Attachment.AdaptiveCardContentType);

    private ImportFile Limited(string text) =>
        Encoding.UTF8.GetByteCount(text) > options.Value.MaxImportBytes ? TooLarge() : new ImportFile(text, null);

    private ImportFile TooLarge() =>
        new(null, $"That file is larger than {options.Value.MaxImportBytes / 1000} KB. Split it into smaller files and import each.");

    private async Task<ImportFile> DownloadAsync(string? url, CancellationToken cancellationToken)
    {
        // Teams hands over a short-lived https link to the file; nothing else is fetched.
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            return new ImportFile(null, "I couldn't open the attached file. Attach it again, or paste its text after import courses on a new line.");
        }

        try
        {
            using var response = await http.CreateClient(HttpClientName).GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return new ImportFile(null, "I couldn't download the attached file from Teams. Attach it again in a moment.");
            }

            if (response.Content.Headers.ContentLength > options.Value.MaxImportBytes)
            {
                return TooLarge();
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[options.Value.MaxImportBytes + 1];
            var read = 0;
            int count;
            while (read < buffer.Length && (count = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
            {
                read += count;
            }

            return read > options.Value.MaxImportBytes ? TooLarge() : new ImportFile(Encoding.UTF8.GetString(buffer, 0, read), null);
        }
        catch (HttpRequestException)
        {
            return new ImportFile(null, "I couldn't download the attached file from Teams. Attach it again in a moment.");
        }
    }
}
