namespace LearningBot.Storage.Http;

/// <summary>Adds the Authorization header (and whatever it signs) to an outgoing request.</summary>
internal interface ITableRequestAuthorizer
{
    ValueTask AuthorizeAsync(HttpRequestMessage request, string? contentType, CancellationToken cancellationToken);
}
