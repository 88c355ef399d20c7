namespace LearningBot.OneStopShop;

/// <summary>How a removed identifier shows in the scrubbed text.</summary>
public enum ScrubMarking
{
    /// <summary>"[NHS number removed]": the reader sees what was there.</summary>
    Labelled,

    /// <summary><see cref="PersonalDataScrubber.Marker"/> for every kind: nothing identifier-like is left for a search to match on.</summary>
    Plain,
}
