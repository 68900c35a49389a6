namespace Tertulia.Access;

/// <summary>
/// A personal API token: the user sends it as <c>Authorization: Bearer ...</c>. Only the SHA-256 of its secret is
/// stored; the token itself is shown once, when it is created.
/// </summary>
public sealed class PersonalToken
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public required string Name { get; set; }
    /// <summary>Lower-case hex SHA-256 of the whole token text.</summary>
    public required string Hash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
