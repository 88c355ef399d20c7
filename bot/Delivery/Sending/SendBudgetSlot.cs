using LearningBot.Storage;

namespace LearningBot.Delivery.Sending;

/// <summary>
/// One second of a tenant's send budget (table <c>SendBudget</c>): partition the tenant, row the second's place in a ring
/// of <see cref="TenantSendBudget.RingSize"/>, so the table never grows. <see cref="Second"/> says which second the row
/// holds now; a row still holding an older second is simply taken over.
/// </summary>
public sealed record SendBudgetSlot : TableRow
{
    /// <summary>Seconds since the Unix epoch (UTC).</summary>
    public long Second { get; init; }

    /// <summary>Tokens handed out for that second, by every instance together.</summary>
    public int Taken { get; init; }
}
