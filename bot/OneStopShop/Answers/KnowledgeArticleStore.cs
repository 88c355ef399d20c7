using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using LearningBot.Calendar;
using LearningBot.OneStopShop.Knowledge;
using LearningBot.Privacy;
using LearningBot.Storage;

namespace LearningBot.OneStopShop.Answers;

/// <summary>
/// Articles written or edited by the L&amp;D team in Teams: kept in table storage with every earlier version, and
/// put into this instance's answer engine as soon as they are saved. At start-up the stored articles are laid over the
/// ones shipped in the repository, and from then on those saved on other instances are picked up every
/// <see cref="AnswerOptions.StoredArticlesRefresh"/> (see <see cref="StoredArticlesLoader"/>): the engine remembers which
/// version of each stored article it holds and only ever takes a newer one.
/// </summary>
public sealed partial class KnowledgeArticleStore(
    TableStorage tables, AnswerEngine engine, WorkContacts workContacts, TimeProvider clock, ILogger<KnowledgeArticleStore> logger)
{
    public const string ArticlesTable = "KnowledgeArticles";
    public const string HistoryTable = "KnowledgeArticleHistory";
    private const string ArticlePartition = "article";

    /// <summary>Drafts live beside the articles but in their own partition: nothing that answers people reads it.</summary>
    private const string DraftPartition = "draft";

    /// <summary>How many times one save looks for a free version before it gives up.</summary>
    public const int MaxSaveAttempts = 5;

    /// <summary>Table storage holds at most 32K characters in one string property.</summary>
    public const int MaxBodyLength = 30_000;

    private readonly LazyTable _articles = tables.Table(ArticlesTable);
    private readonly LazyTable _history = tables.Table(HistoryTable);

    /// <summary>
    /// The article with personal data scrubbed from its free text (dates in the future, such as a course date, are kept,
    /// and so are work contacts: the team's mailbox, switchboards, the who's who).
    /// </summary>
    public ScrubbedArticle Scrub(KnowledgeArticle article) => ScrubbedArticle.Of(article, UkTime.Today(clock), workContacts);

    /// <summary>Scrubs the article (see <see cref="Scrub"/>), then saves it as <see cref="SaveAsync(ScrubbedArticle, string, CancellationToken)"/> does.</summary>
    public Task<StoredArticle> SaveAsync(KnowledgeArticle article, string editedBy, CancellationToken cancellationToken) =>
        SaveAsync(Scrub(article), editedBy, cancellationToken);

    /// <summary>
    /// Saves the article (new or edited) and a history row naming who edited it, then makes it searchable at once.
    /// Throws <see cref="ArgumentException"/> (with a message fit to show the editor) when the article is invalid,
    /// for example a related id that is not an article.
    /// </summary>
    public async Task<StoredArticle> SaveAsync(ScrubbedArticle scrubbed, string editedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scrubbed);
        ArgumentException.ThrowIfNullOrWhiteSpace(editedBy);
        var article = scrubbed.Article;
        Check(article);
        var articles = await _articles.GetAsync(cancellationToken);
        var history = await _history.GetAsync(cancellationToken);
        var saved = await WriteNextVersionAsync(articles, history, scrubbed, editedBy, cancellationToken);
        PutInEngine(article, saved.Version);
        logger.LogInformation("Article {ArticleId} saved as version {Version}", article.Id, saved.Version);
        return saved;
    }

    /// <summary>
    /// Writes the article as the next version and adds that version's history row. An edit goes through
    /// <see cref="OptimisticChange.ChangeAsync"/>, so an editor who saved meanwhile is built on rather than overwritten;
    /// a first save inserts version 1, and when someone else's first save won, it becomes an edit of theirs. The history
    /// row is added, never replaced: when a row with that number is already there (left by a save that wrote its history
    /// and then failed), the save moves past the highest version in the history and tries again, so no earlier row is
    /// lost. At most <see cref="MaxSaveAttempts"/> tries, then <see cref="InvalidOperationException"/>.
    /// </summary>
    private async Task<StoredArticle> WriteNextVersionAsync(
        TableClient articles, TableClient history, ScrubbedArticle scrubbed, string editedBy, CancellationToken cancellationToken)
    {
        var article = scrubbed.Article;
        var lowest = 1;
        for (var attempt = 1; attempt <= MaxSaveAttempts; attempt++)
        {
            var now = clock.GetUtcNow();
            var saved = (await articles.ChangeAsync<StoredArticle>(
                ArticlePartition,
                article.Id,
                current => new EntityDecision<StoredArticle>.Write(StoredArticle.From(scrubbed, Math.Max(current.Version + 1, lowest), editedBy, now)),
                cancellationToken: cancellationToken))?.Entity;
            if (saved is null)
            {
                var first = StoredArticle.From(scrubbed, lowest, editedBy, now);
                try
                {
                    await articles.AddEntityAsync(first, cancellationToken);
                    saved = first;
                }
                catch (RequestFailedException conflict) when (conflict.IsAlreadyExists())
                {
                    continue; // Someone saved it first a moment ago: build on theirs.
                }
            }

            var line = ArticleVersion.From(saved);
            try
            {
                await history.AddEntityAsync(line, cancellationToken);
                return saved;
            }
            catch (RequestFailedException conflict) when (conflict.IsAlreadyExists())
            {
                if (await history.FindAsync<ArticleVersion>(line.PartitionKey, line.RowKey, cancellationToken: cancellationToken) is { } there && there.SameEditAs(line))
                {
                    return saved; // Our own add: it landed, its answer was lost, and the retry found it.
                }

                lowest = await HighestHistoryVersionAsync(history, article.Id, cancellationToken) + 1;
                logger.LogWarning("Article {ArticleId} already had a history row for version {Version}; saving it as version {Next}", article.Id, saved.Version, lowest);
            }
        }

        throw new InvalidOperationException(
            $"Article {article.Id} was not saved: {MaxSaveAttempts} tries each found the next version taken. Try saving it again.");
    }

    private static async Task<int> HighestHistoryVersionAsync(TableClient history, string id, CancellationToken cancellationToken)
    {
        var highest = 0;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Encode(id)}");
        await foreach (var version in history.QueryAsync<ArticleVersion>(filter, select: [nameof(ArticleVersion.Version)], cancellationToken: cancellationToken))
        {
            highest = Math.Max(highest, version.Version);
        }

        return highest;
    }

    /// <summary>
    /// Keeps a draft (made from an expert's answer): stored apart from the articles, never put into the answer engine and
    /// never in the article history, so no asker is answered from it and the newsletter does not count it, until a member
    /// of the L&amp;D Support Team edits and publishes it (<see cref="PublishDraftAsync"/>). Saving the same id again replaces it.
    /// </summary>
    public async Task SaveDraftAsync(ScrubbedArticle scrubbed, string createdBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scrubbed);
        ArgumentException.ThrowIfNullOrWhiteSpace(createdBy);
        if (scrubbed.Article.Body.Length > MaxBodyLength)
        {
            throw new ArticleTooLongException($"The draft is {scrubbed.Article.Body.Length:N0} characters long; the limit is {MaxBodyLength:N0}.", nameof(scrubbed));
        }

        var articles = await _articles.GetAsync(cancellationToken);
        var draft = StoredArticle.From(scrubbed, 0, createdBy, clock.GetUtcNow()) with { PartitionKey = DraftPartition };
        await articles.UpsertEntityAsync(draft, TableUpdateMode.Replace, cancellationToken);
        logger.LogInformation("Draft article {ArticleId} saved for the L&D Support Team to edit", draft.Id);
    }

    /// <summary>The draft with this id, or null.</summary>
    public async Task<KnowledgeArticle?> FindDraftAsync(string id, CancellationToken cancellationToken)
    {
        var articles = await _articles.GetAsync(cancellationToken);
        return (await articles.FindAsync<StoredArticle>(DraftPartition, TableKeys.Encode(id), cancellationToken: cancellationToken))?.ToArticle();
    }

    /// <summary>Every draft waiting to be edited and published, oldest first, with who made it and when.</summary>
    public async Task<IReadOnlyList<ArticleDraft>> DraftsAsync(CancellationToken cancellationToken)
    {
        var articles = await _articles.GetAsync(cancellationToken);
        var drafts = await articles.ListAsync<StoredArticle>(TableClient.CreateQueryFilter($"PartitionKey eq {DraftPartition}"), cancellationToken: cancellationToken);
        return [.. drafts.OrderBy(draft => draft.EditedAt).Select(draft => new ArticleDraft(draft.ToArticle(), draft.EditedBy, draft.EditedAt))];
    }

    /// <summary>
    /// Publishes an edited draft: saves it as an article (<see cref="SaveAsync(ScrubbedArticle, string, CancellationToken)"/>,
    /// searchable at once) and then removes the draft. Publishing twice saves a second version and finds no draft to remove.
    /// </summary>
    public async Task<StoredArticle> PublishDraftAsync(ScrubbedArticle scrubbed, string editedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scrubbed);
        var saved = await SaveAsync(scrubbed, editedBy, cancellationToken);
        var articles = await _articles.GetAsync(cancellationToken);
        await articles.DeleteEntityAsync(DraftPartition, TableKeys.Encode(scrubbed.Article.Id), ETag.All, cancellationToken);
        return saved;
    }

    /// <summary>The stored version of an article, or null when only the repository's copy exists.</summary>
    public async Task<StoredArticle?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var articles = await _articles.GetAsync(cancellationToken);
        return await articles.FindAsync<StoredArticle>(ArticlePartition, TableKeys.Encode(id), cancellationToken: cancellationToken);
    }

    /// <summary>
    /// The article as it is now, read on every call so any instance shows the same text: the stored version when the
    /// L&amp;D team has saved one, else the repository's copy; null when there is neither. When storage is down the
    /// copy this instance already has is used.
    /// </summary>
    public async Task<KnowledgeArticle?> CurrentAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            if (await FindAsync(id, cancellationToken) is { } stored)
            {
                return stored.ToArticle();
            }
        }
        catch (Exception exception) when (TableErrors.IsStorageFailure(exception))
        {
            logger.LogWarning(exception, "Could not read article {ArticleId} from storage; using this instance's copy", id);
        }
        catch (UnusableTableKeyException)
        {
            // Too long to be a key, so never stored; no repository article has such an id either.
        }

        return engine.Knowledge.Find(id);
    }

    /// <summary>Every saved version of the article, newest first.</summary>
    public async IAsyncEnumerable<ArticleVersion> HistoryAsync(string id, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var history = await _history.GetAsync(cancellationToken);
        var versions = new List<ArticleVersion>();
        await foreach (var version in history.QueryAsync<ArticleVersion>(TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Encode(id)}"), cancellationToken: cancellationToken))
        {
            versions.Add(version);
        }

        foreach (var version in versions.OrderByDescending(v => v.Version))
        {
            yield return version;
        }
    }

    /// <summary>
    /// Articles saved at or after <paramref name="since"/>, newest first, each once: its latest version in the period, and
    /// whether it was new then (its first version was saved in the period) or an update. The newsletter digest's source.
    /// </summary>
    public async Task<IReadOnlyList<ArticleChange>> ChangedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var history = await _history.GetAsync(cancellationToken);
        var versions = await history.ListAsync<ArticleVersion>(TableClient.CreateQueryFilter($"EditedAt ge {since}"), cancellationToken: cancellationToken);
        return [.. versions
            .GroupBy(version => version.PartitionKey, StringComparer.Ordinal)
            .Select(article => new ArticleChange(TableKeys.Decode(article.Key), article.MaxBy(version => version.Version)!, article.Any(version => version.Version == 1)))
            .OrderByDescending(change => change.Latest.EditedAt)];
    }

    /// <summary>Every stored article (the current version of each).</summary>
    public async IAsyncEnumerable<KnowledgeArticle> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var articles = await _articles.GetAsync(cancellationToken);
        await foreach (var stored in articles.QueryAsync<StoredArticle>(TableClient.CreateQueryFilter($"PartitionKey eq {ArticlePartition}"), cancellationToken: cancellationToken))
        {
            yield return stored.ToArticle();
        }
    }

    private void Check(KnowledgeArticle article)
    {
        if (article.Body.Length > MaxBodyLength)
        {
            throw new ArticleTooLongException($"The article is {article.Body.Length:N0} characters long; the limit is {MaxBodyLength:N0}. Split it into two articles.", nameof(article));
        }

        KnowledgeValidation.CheckUpsert(article, id => engine.Knowledge.Find(id) is not null, engine.Knowledge.Articles);
    }
}

/// <summary>An article or draft refused because its text is over <see cref="KnowledgeArticleStore.MaxBodyLength"/>.</summary>
public sealed class ArticleTooLongException(string message, string paramName) : ArgumentException(message, paramName);

/// <summary>A draft article waiting for the L&amp;D Support Team, with who it came from and when.</summary>
public sealed record ArticleDraft(KnowledgeArticle Article, string CreatedBy, DateTimeOffset CreatedAt);

/// <summary>An article new or updated in a period: its id, its latest version then, and whether it was new.</summary>
public sealed record ArticleChange(string Id, ArticleVersion Latest, bool IsNew);
