namespace LearningBot.Digest;

/// <summary>
/// Something that follows an edition going out to readers (the print pack, for one). Every registered implementation is
/// called once the edition's delivery has been started and its status is <see cref="DigestStatus.Sent"/>; it may be
/// called again for the same edition (another instance, a retry), so it must do its work under an idempotency key of its own.
/// </summary>
public interface IDigestEditionSent
{
    Task EditionSentAsync(DigestEdition edition, CancellationToken cancellationToken);
}
