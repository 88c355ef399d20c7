using System.Net;
using LearningBot.Connector.Authentication;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LearningBot.Tests.Authentication;

public sealed class SigningKeyStoreBoundTests
{
    [Fact]
    public async Task Keys_from_a_thousand_metadata_urls_keep_at_most_a_few_key_caches()
    {
        using var handler = new NotFoundHandler();
        var store = new SigningKeyStore(
            new OneClientFactory(handler), Options.Create(new BotAuthenticationOptions()), TimeProvider.System, NullLogger<SigningKeyStore>.Instance);

        for (var i = 0; i < 1_000; i++)
        {
            var lookup = await store.FindAsync($"https://metadata-{i}.example/.well-known/openid-configuration", "kid", CancellationToken.None);
            Assert.Null(lookup.Key);
            Assert.InRange(store.CachedMetadataUrls, 0, SigningKeyStore.MaxMetadataUrls);
        }

        Assert.Equal(1_000, handler.Requests);
    }

    private sealed class NotFoundHandler : HttpMessageHandler
    {
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));
        }
    }

    private sealed class OneClientFactory(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }
}
