namespace Tertulia.Inbox;

/// <summary>A mention that belongs to a conversation: the customer's (or anybody's) words, or the brand's own answer.</summary>
public sealed class ConversationMessage
{
    public long Id { get; set; }
    public long ConversationId { get; set; }
    public long MentionId { get; set; }
    /// <summary>The brand's own message (an answer sent from the inbox), not a customer's.</summary>
    public bool FromBrand { get; set; }
    public DateTimeOffset At { get; set; }
}
