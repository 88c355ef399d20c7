using System.Text.Json;

namespace LearningBot.OneStopShop.Knowledge;

/// <summary>
/// Loads the knowledge folder (<c>articles/*.md</c>, <c>whos-who.json</c>, <c>synonyms.txt</c>) and fails loudly,
/// naming the file and line, on anything malformed or inconsistent.
/// </summary>
public static class KnowledgeLoader
{
    public const string ArticlesFolder = "articles";
    public const string WhosWhoFile = "whos-who.json";
    public const string SynonymsFile = "synonyms.txt";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Loads the whole folder. A missing who's-who or synonyms file means an empty one.</summary>
    public static KnowledgeBase Load(string folder)
    {
        var articles = LoadArticles(Path.Combine(folder, ArticlesFolder));
        var whosWhoPath = Path.Combine(folder, WhosWhoFile);
        var synonymsPath = Path.Combine(folder, SynonymsFile);
        return new KnowledgeBase(
            articles,
            File.Exists(whosWhoPath) ? LoadWhosWho(whosWhoPath) : WhosWho.Empty,
            File.Exists(synonymsPath) ? SynonymTable.Load(synonymsPath) : SynonymTable.Empty);
    }

    /// <summary>Loads every <c>*.md</c> article in <paramref name="folder"/> and checks ids and links.</summary>
    public static IReadOnlyList<KnowledgeArticle> LoadArticles(string folder)
    {
        if (!System.IO.Directory.Exists(folder))
        {
            throw new KnowledgeLoadException(folder, null, "the articles folder does not exist");
        }

        var files = System.IO.Directory.GetFiles(folder, "*.md").Order(StringComparer.Ordinal).ToArray();
        var articles = new List<KnowledgeArticle>(files.Length);
        var fileById = new Dictionary<string, string>(StringComparer.Ordinal);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            var article = ArticleParser.Parse(text, file);
            if (fileById.TryGetValue(article.Id, out var other))
            {
                throw new KnowledgeLoadException(file, LineOf(text, "id:"), $"duplicate id '{article.Id}' (also used by {other})");
            }

            fileById[article.Id] = file;
            texts[article.Id] = text;
            articles.Add(article);
        }

        foreach (var article in articles)
        {
            foreach (var related in article.Related)
            {
                if (!fileById.ContainsKey(related))
                {
                    var file = fileById[article.Id];
                    throw new KnowledgeLoadException(file, LineOf(texts[article.Id], "related:"), $"related id '{related}' is not an article");
                }
            }
        }

        return articles;
    }

    /// <summary>Loads and checks the who's-who file.</summary>
    public static WhosWho LoadWhosWho(string path)
    {
        WhosWho? whosWho;
        try
        {
            whosWho = JsonSerializer.Deserialize<WhosWho>(File.ReadAllText(path), JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new KnowledgeLoadException(path, (int?)ex.LineNumber + 1, ex.Message);
        }

        if (whosWho is null)
        {
            throw new KnowledgeLoadException(path, 1, "the file is empty");
        }

        whosWho = whosWho with { People = whosWho.People ?? [], Networks = whosWho.Networks ?? [] };
        CheckPeople(whosWho, path);
        return whosWho;
    }

    private static void CheckPeople(WhosWho whosWho, string path)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var person in whosWho.People)
        {
            if (string.IsNullOrWhiteSpace(person.Id) || string.IsNullOrWhiteSpace(person.Name))
            {
                throw new KnowledgeLoadException(path, null, "every person needs an id and a name");
            }

            if (!ids.Add(person.Id))
            {
                throw new KnowledgeLoadException(path, null, $"duplicate person id '{person.Id}'");
            }

            if (!DirectoryKinds.RoleKinds.Contains(person.Kind))
            {
                throw new KnowledgeLoadException(path, null, $"person '{person.Id}' has unknown kind '{person.Kind}'");
            }

            if (!DirectoryKinds.OrganisationKinds.Contains(person.OrganisationKind))
            {
                throw new KnowledgeLoadException(path, null, $"person '{person.Id}' has unknown organisationKind '{person.OrganisationKind}'");
            }
        }

        foreach (var network in whosWho.Networks)
        {
            if (string.IsNullOrWhiteSpace(network.Id) || string.IsNullOrWhiteSpace(network.Name))
            {
                throw new KnowledgeLoadException(path, null, "every network needs an id and a name");
            }

            if (!string.IsNullOrWhiteSpace(network.Lead) && !whosWho.People.Any(p => p.Id == network.Lead || p.Name == network.Lead))
            {
                throw new KnowledgeLoadException(path, null, $"network '{network.Id}' names lead '{network.Lead}', who is not in people");
            }
        }
    }

    private static int? LineOf(string text, string keyPrefix)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimStart().StartsWith(keyPrefix, StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        return null;
    }
}
