namespace Tertulia.Inbox;

/// <summary>A saved answer of a workspace, with variables ({nombre}, {marca}…) filled when it is used.</summary>
public sealed class CannedResponse
{
    public int Id { get; set; }
    public int WorkspaceId { get; set; }
    /// <summary>What an agent types to find it ("horario").</summary>
    public required string Shortcut { get; set; }
    public required string Text { get; set; }

    public const int ShortcutLength = 50;
    public const int MaxTextLength = 5_000;
}

/// <summary>A workspace's service targets: how soon a customer gets a first answer, and how soon their matter is resolved.</summary>
public sealed class InboxSettings
{
    public int WorkspaceId { get; set; }
    public int? FirstResponseMinutes { get; set; }
    public int? ResolutionMinutes { get; set; }
}
