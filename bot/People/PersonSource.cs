namespace LearningBot.People;

/// <summary>Where a person's details come from.</summary>
public enum PersonSource
{
    /// <summary>Microsoft Graph (Entra ID).</summary>
    Graph,

    /// <summary>The table-backed directory, seeded from <c>people/people.csv</c>.</summary>
    Directory,

    /// <summary>Added by their manager because they have no Teams or Entra ID account.</summary>
    AddedByManager,
}
