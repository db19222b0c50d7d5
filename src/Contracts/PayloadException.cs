namespace EdgeEmotion.Contracts;

/// <summary>A payload that does not follow the contract: its message is one line naming the
/// message kind, the field and what was expected (e.g. <c>visits payload, field "seq": missing</c>).
/// A consumer logs it and skips the message; it is not the reader's user's mistake.</summary>
public sealed class PayloadException : FormatException
{
    public PayloadException()
    {
    }

    public PayloadException(string message)
        : base(message)
    {
    }

    public PayloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
