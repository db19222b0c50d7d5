namespace EdgeEmotion.Contracts;

/// <summary>The contract's messages, one per last topic level (<c>{prefix}/{device}/{kind}</c>).</summary>
public enum MessageKind
{
    Status,
    Emotions,
    Visits,
    Stats,
    Faces,
}
