namespace Tertulia.Inbox;

/// <summary>A private note between colleagues: never sent to the customer.</summary>
public sealed class ConversationNote
{
    public long Id { get; set; }
    public long ConversationId { get; set; }
    public string? AuthorId { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public const int MaxLength = 10_000;
}

/// <summary>A label on a conversation ("pedido", "reclamación"…), free text per workspace.</summary>
public sealed class ConversationLabel
{
    public long ConversationId { get; set; }
    public required string Label { get; set; }
    /// <summary>Copied from the conversation so the label filter is one index range per workspace.</summary>
    public int WorkspaceId { get; set; }

    public const int MaxLength = 50;
}

/// <summary>A group of agents a conversation can be assigned to ("Tienda", "Obrador"…).</summary>
public sealed class Team
{
    public int Id { get; set; }
    public int WorkspaceId { get; set; }
    public required string Name { get; set; }
}
