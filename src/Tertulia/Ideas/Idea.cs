namespace Tertulia.Ideas;

/// <summary>
/// What several customers asked for, in their own words: the suggestions grouped under it, a status the team moves it
/// through, and the team's public answer. Created by the pipeline when a suggestion like no other arrives.
/// </summary>
public sealed class Idea
{
    public const int TitleLength = 200;
    public const int AnswerLength = 2000;

    public int Id { get; set; }
    public int WorkspaceId { get; set; }
    public required string Title { get; set; }
    /// <summary>A person named it: new suggestions no longer retitle it.</summary>
    public bool TitledByPerson { get; set; }
    public IdeaStatus Status { get; set; } = IdeaStatus.New;
    /// <summary>The team's answer, shown to customers (required to decline: "no, and this is why").</summary>
    public string? Answer { get; set; }
    /// <summary>Shown on the workspace's public ideas page.</summary>
    public bool IsPublic { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StatusChangedAt { get; set; }
}

public enum IdeaStatus
{
    New = 0,
    UnderReview = 1,
    Planned = 2,
    Done = 3,
    Declined = 4,
}

/// <summary>One customer's suggestion (a mention whose intent is suggestion, or sent with the public form) in its idea.</summary>
public sealed class Suggestion
{
    public const int TermsLength = 4000;

    public long Id { get; set; }
    public int WorkspaceId { get; set; }
    public int IdeaId { get; set; }
    public long MentionId { get; set; }
    /// <summary>When the customer made it (the mention's publication).</summary>
    public DateTimeOffset At { get; set; }
    public int? ContactId { get; set; }
    /// <summary>What it is about (<see cref="Grouping.SuggestionTerms"/>), so placing the next one does not re-read every text.</summary>
    public required string Terms { get; set; }
    /// <summary>A person put it in this idea (a split): grouping never moves it.</summary>
    public bool PlacedByPerson { get; set; }
}

/// <summary>
/// A customer told about a status of the idea they suggested: one row per suggestion and status, so nobody hears the
/// same news twice; <see cref="ReplyId"/> is the answer in the inbox's outbox, null when their channel cannot answer
/// (a blog's comments, the public form: the public page is their answer).
/// </summary>
public sealed class IdeaAnswer
{
    public long Id { get; set; }
    public int WorkspaceId { get; set; }
    public int IdeaId { get; set; }
    public long SuggestionId { get; set; }
    public IdeaStatus Status { get; set; }
    public long? ReplyId { get; set; }
    public string? ActorId { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>A workspace's ideas settings: the public page, its form's channel, the answer templates.</summary>
public sealed class IdeaBoard
{
    public int WorkspaceId { get; set; }
    public bool IsPublic { get; set; }
    /// <summary>The channel the public form's suggestions enter through (kind IdeasForm).</summary>
    public int? FormChannelId { get; set; }
    public string? IntroEs { get; set; }
    public string? IntroEn { get; set; }
}

/// <summary>What customers are told when an idea reaches a status, in one language; {name}, {idea}, {answer} are filled in.</summary>
public sealed class IdeaTemplate
{
    public const int TextLength = 2000;

    public int WorkspaceId { get; set; }
    public IdeaStatus Status { get; set; }
    /// <summary>"es" or "en".</summary>
    public required string Language { get; set; }
    public required string Text { get; set; }
}
