namespace LearningBot.Delivery.Progress;

public enum ReportLinkCheck
{
    Valid,
    Invalid,
    Expired,
}
