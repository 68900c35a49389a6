namespace Tertulia.Contacts;

/// <summary>
/// One person (or one of the brand's own accounts) in a workspace, whatever channels they write on: their
/// identities say how to recognise them, their mentions point here through <c>Mention.ContactId</c>.
/// </summary>
public sealed class Contact
{
    public const int MaxNameLength = 200;

    public int Id { get; set; }
    public int WorkspaceId { get; set; }
    public required string DisplayName { get; set; }
    /// <summary>The brand's own account: its messages are the brand's answers, it is nobody's customer.</summary>
    public bool IsBrand { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset FirstSeenAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    public int MentionCount { get; set; }
    /// <summary>Set while this contact is merged into another; kept (not deleted) so an unmerge restores it as it was.</summary>
    public int? MergedIntoId { get; set; }
}

/// <summary>How a contact is recognised on a channel: an email address, a handle, a profile URL, or a name within one channel.</summary>
public sealed class ContactIdentity
{
    public const int MaxKeyLength = 400;

    public long Id { get; set; }
    public int WorkspaceId { get; set; }
    public int ContactId { get; set; }
    public IdentityKind Kind { get; set; }
    /// <summary>The normalized identity ("email:ana@correo.es", "handle:fediverse:@ana@mastodon.social"): unique per workspace.</summary>
    public required string Key { get; set; }
    /// <summary>As it was first seen, for people to read.</summary>
    public required string Display { get; set; }
    public DateTimeOffset FirstSeenAt { get; set; }
}

public enum IdentityKind
{
    Email = 1,
    Handle = 2,
    ProfileUrl = 3,
    /// <summary>Only a name, within one channel (a blog's commenters): too weak to merge anything across channels.</summary>
    Name = 4,
}

/// <summary>
/// One contact absorbed into another, automatically (same email or handle seen) or by a person; remembers exactly which
/// identities and mentions moved, so undoing it puts them back.
/// </summary>
public sealed class ContactMerge
{
    public const int MaxReasonLength = 500;

    public int Id { get; set; }
    public int WorkspaceId { get; set; }
    public int SurvivorId { get; set; }
    public int AbsorbedId { get; set; }
    public DateTimeOffset MergedAt { get; set; }
    /// <summary>Tertulia merged them on seeing a shared identity (the reason names it), not a person.</summary>
    public bool Automatic { get; set; }
    /// <summary>The user who merged them (ASP.NET Core Identity id); null when automatic or anonymous.</summary>
    public string? MergedBy { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset? UndoneAt { get; set; }
    public string? UndoneBy { get; set; }
}

public sealed class ContactMergeIdentity
{
    public int MergeId { get; set; }
    public long IdentityId { get; set; }
}

public sealed class ContactMergeMention
{
    public int MergeId { get; set; }
    public long MentionId { get; set; }
}

/// <summary>A user follows a contact: everything the contact says appears in that user's followed feed.</summary>
public sealed class ContactFollow
{
    public int ContactId { get; set; }
    public required string UserId { get; set; }
    public int WorkspaceId { get; set; }
    public DateTimeOffset FollowedAt { get; set; }
}
