namespace LearningBot.People;

/// <summary>One CSV record and the line it starts on (1-based), for error messages people can act on.</summary>
public sealed record CsvRecord(int LineNumber, IReadOnlyList<string> Fields);
