using Azure.Core;
using Azure.Identity;

namespace LearningBot.Storage;

/// <summary>
/// The storage credential with a time limit: a managed identity endpoint that does not answer within the limit fails as
/// an <see cref="AuthenticationFailedException"/> (a storage failure, see <see cref="TableErrors.IsStorageFailure"/>)
/// instead of holding the call, because the SDK's network timeout does not cover getting the token.
/// </summary>
internal sealed class BoundedCredential(TokenCredential inner, TimeSpan limit) : TokenCredential
{
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.GetTokenAsync(requestContext, cancellationToken).AsTask().WaitAsync(limit, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException timeout)
        {
            throw new AuthenticationFailedException($"No storage token within {limit.TotalSeconds:0.#} s.", timeout);
        }
    }
}
