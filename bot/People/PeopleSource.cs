namespace LearningBot.People;

/// <summary>Where the people directory comes from (<see cref="PeopleOptions.Source"/>).</summary>
public enum PeopleSource
{
    /// <summary>The table-backed directory seeded from the CSV file (local runs, and tenants without Graph access).</summary>
    Directory,

    /// <summary>Microsoft Graph, with the table for people who are not in Entra ID.</summary>
    Graph,
}
