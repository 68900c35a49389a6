namespace Tertulia.Access;

/// <summary>
/// An admin's invitation for an email address to join a workspace with a role. The link mailed to the address holds
/// a random secret; only its SHA-256 is stored. Accepting creates the account (or adds the membership to an existing one).
/// </summary>
public sealed class Invitation
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public int Id { get; set; }
    public int WorkspaceId { get; set; }
    public required string Email { get; set; }
    public WorkspaceRole Role { get; set; }
    public required string SecretHash { get; set; }
    public string? InvitedByUserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
}
