namespace LearningBot.Delivery.Sending;

/// <summary>The budget would make this send wait longer than a worker should: the item goes back to the queue for <see cref="Wait"/>.</summary>
public sealed class SendBudgetWaitTooLongException : Exception
{
    public SendBudgetWaitTooLongException()
    {
    }

    public SendBudgetWaitTooLongException(string message)
        : base(message)
    {
    }

    public SendBudgetWaitTooLongException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public SendBudgetWaitTooLongException(TimeSpan wait)
        : base($"The send budget asks for a wait of {wait.TotalSeconds:0.#} s.") => Wait = wait;

    public TimeSpan Wait { get; }
}
