using System.Threading.Channels;
using LearningBot.OneStopShop.Knowledge;
using Microsoft.Extensions.Options;

namespace LearningBot.OneStopShop.Meaning;

/// <summary>
/// Loads the embedding model in the background once the bot has started, embeds the articles (from the cache where it
/// can), and only then lets answers use meaning: until that is done the one-stop shop answers by words alone. After
/// that, every article added or edited is embedded as soon as it is saved, one at a time, in the order saved.
/// </summary>
public sealed class ArticleEmbeddingLoader : BackgroundService
{
    private readonly AnswerEngine _engine;
    private readonly ArticleEmbeddings _embeddings;
    private readonly ISentenceEmbedderSource _source;
    private readonly HybridOptions _options;
    private readonly ILogger<ArticleEmbeddingLoader> _logger;
    private readonly Channel<KnowledgeArticle> _changed = Channel.CreateUnbounded<KnowledgeArticle>(new UnboundedChannelOptions { SingleReader = true });

    public ArticleEmbeddingLoader(
        AnswerEngine engine, ArticleEmbeddings embeddings, ISentenceEmbedderSource source, IOptions<AnswerOptions> options, ILogger<ArticleEmbeddingLoader> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _engine = engine;
        _embeddings = embeddings;
        _source = source;
        _options = options.Value.Hybrid;
        _logger = logger;

        // Subscribed before any hosted service starts, so no article saved or loaded at start-up is missed.
        _engine.ArticleChanged += OnArticleChanged;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            _logger.LogInformation("No embedding model configured; the one-stop shop answers by words alone");
            return;
        }

        try
        {
            var embedder = await _source.LoadAsync(_options.Model, stoppingToken);
            var embedded = await _embeddings.RefreshAsync(embedder, _engine.Knowledge.Articles, stoppingToken);
            _engine.Semantic.Attach(embedder);
            _logger.LogInformation(
                "Answering by meaning as well as words with {Model}: {ArticleCount} articles, {Embedded} embedded now, the rest from the cache",
                embedder.Model, _engine.Semantic.Count, embedded);
            await foreach (var article in _changed.Reader.ReadAllAsync(stoppingToken))
            {
                await _embeddings.RefreshAsync(embedder, [article], stoppingToken);
            }
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the model's runtime ends a run in progress with its own exception, which is not a failure.
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Answering by words alone is the bot as it was before meaning was added: degrade, do not stop the host.
            _logger.LogError(exception, "The embedding model could not be used; the one-stop shop answers by words alone");
        }
    }

    public override void Dispose()
    {
        _engine.ArticleChanged -= OnArticleChanged;
        base.Dispose();
    }

    private void OnArticleChanged(KnowledgeArticle article) => _changed.Writer.TryWrite(article);
}
