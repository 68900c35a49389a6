namespace Tertulia.Assessment;

/// <summary>
/// One attempt at the readiness check: the answers as given and the evidence as it was that day (both JSON), so the
/// history shows each result as it was, and a later attempt is compared with it.
/// </summary>
public sealed class ReadinessCheck
{
    public const int MaxRespondentLength = 100;

    public int Id { get; set; }
    public int WorkspaceId { get; set; }
    public DateTimeOffset TakenAt { get; set; }
    /// <summary>The member who took it; null when a client filled it in through an agency's link.</summary>
    public string? TakenByUserId { get; set; }
    public int? LinkId { get; set; }
    /// <summary>Who answered, as they wrote it (a client through a link), or the member's email.</summary>
    public string? Respondent { get; set; }
    /// <summary>"es" or "en": the language it was answered in.</summary>
    public required string Language { get; set; }
    public int QuestionnaireVersion { get; set; }
    public required string AnswersJson { get; set; }
    public required string EvidenceJson { get; set; }
}

/// <summary>
/// A link an agency sends a client to fill the check in without an account. The link holds a random secret; only its
/// SHA-256 is stored. It expires, can be revoked, and takes a bounded number of answers.
/// </summary>
public sealed class ReadinessLink
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);
    public const int MaxUses = 20;
    public const int MaxLabelLength = 100;

    public int Id { get; set; }
    public int WorkspaceId { get; set; }
    /// <summary>Who it is for, e.g. the client's name: shown to the team and on the form.</summary>
    public required string Label { get; set; }
    public required string SecretHash { get; set; }
    public string? CreatedByUserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public int Uses { get; set; }

    public bool Open(DateTimeOffset now) => RevokedAt is null && now < ExpiresAt && Uses < MaxUses;
}
