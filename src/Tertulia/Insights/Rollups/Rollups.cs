namespace Tertulia.Insights.Rollups;

/// <summary>
/// Mentions counted per hour, workspace, channel, sentiment, intent and the brand's side of the conversation: the
/// dashboard adds these rows instead of scanning mentions. Spam is counted nowhere. Rebuilt hour by hour by
/// <see cref="RollupBuilder"/> inside the transaction that changed the hour's mentions.
/// </summary>
public sealed class HourlyRollup
{
    public int WorkspaceId { get; set; }
    /// <summary>The start of the UTC hour the mentions were published in.</summary>
    public DateTimeOffset Hour { get; set; }
    public int ChannelId { get; set; }
    /// <summary>"positive", "neutral", "negative", or "" while not understood.</summary>
    public string Sentiment { get; set; } = "";
    /// <summary>"complaint", "question", "suggestion", "praise", "other", or "".</summary>
    public string Intent { get; set; } = "";
    /// <summary>Written by the brand (its replies, its own posts), not by a customer.</summary>
    public bool FromBrand { get; set; }
    /// <summary>Answers a message of the other side (its parent is not on the same side).</summary>
    public bool Answers { get; set; }
    /// <summary>The other side answered it (a reply to it from the other side exists).</summary>
    public bool Answered { get; set; }
    /// <summary>A customer's question or complaint: a message that needs an answer.</summary>
    public bool NeedsAnswer { get; set; }
    /// <summary>Of those, the brand wrote in the same conversation after it.</summary>
    public bool GotAnswer { get; set; }
    public int Mentions { get; set; }
}

/// <summary>The same counts per listening query that tagged the mentions (a mention counts once in each of its queries).</summary>
public sealed class QueryHourlyRollup
{
    public int WorkspaceId { get; set; }
    public DateTimeOffset Hour { get; set; }
    public int QueryId { get; set; }
    public int ChannelId { get; set; }
    public string Sentiment { get; set; } = "";
    public string Intent { get; set; } = "";
    public bool FromBrand { get; set; }
    public int Mentions { get; set; }
}

/// <summary>A customer message that needed an answer and got one: how long the brand took, for the median and p90.</summary>
public sealed class ResponseRollup
{
    public long MentionId { get; set; }
    public int WorkspaceId { get; set; }
    /// <summary>The hour of the customer's message.</summary>
    public DateTimeOffset Hour { get; set; }
    public int ChannelId { get; set; }
    public double Minutes { get; set; }
}

/// <summary>What each customer (a contact that is not the brand) said per hour, and their two-way exchanges with the brand.</summary>
public sealed class ContactHourlyRollup
{
    public int WorkspaceId { get; set; }
    public DateTimeOffset Hour { get; set; }
    public int ContactId { get; set; }
    public int Messages { get; set; }
    /// <summary>Their answers to a brand message that answered a message of theirs (see RelationshipStrength).</summary>
    public int Exchanges { get; set; }
    /// <summary>
    /// Exchanges × <see cref="Tertulia.Contacts.RelationshipStrength.Growth"/>(Hour): added up in the database, times
    /// RelationshipStrength.Decay(moment), they are the contact's sum of exchange weights at that moment.
    /// </summary>
    public double ExchangeGrowth { get; set; }

    // The contact's chain of hours (ContactChains keeps it): from the rows of a period alone, the first row of each
    // customer in it, their first with an exchange, and their last, with what came before — no lookups per customer.

    /// <summary>The contact's previous hour with a row; null for their first.</summary>
    public DateTimeOffset? PreviousHour { get; set; }
    /// <summary>The contact's next hour with a row; null for their latest.</summary>
    public DateTimeOffset? NextHour { get; set; }
    /// <summary>The contact's latest earlier hour that had an exchange; null if none.</summary>
    public DateTimeOffset? PreviousExchangeHour { get; set; }
    /// <summary>The sum of ExchangeGrowth of the contact's hours up to and including this one.</summary>
    public double GrowthToDate { get; set; }
}

/// <summary>The words and hashtags of an hour's mentions: every hashtag, and the hour's most frequent words.</summary>
public sealed class TermHourlyRollup
{
    public const int MaxTermLength = 64;

    public int WorkspaceId { get; set; }
    public DateTimeOffset Hour { get; set; }
    /// <summary>Folded (lower case, no accents); hashtags keep their '#'.</summary>
    public required string Term { get; set; }
    /// <summary>Mentions of the hour that use it (once per mention).</summary>
    public int Mentions { get; set; }
}

/// <summary>
/// <see cref="HourlyRollup"/> added up per UTC day: a month of the dashboard reads thirty of these instead of seven
/// hundred hours. A period's local days rarely start at UTC midnight: its whole UTC days come from here, the hours at
/// its two edges from the hourly rows (<see cref="Days"/>). Rebuilt from the hourly rows whenever an hour of the day is.
/// </summary>
public sealed class DailyRollup
{
    public int WorkspaceId { get; set; }
    /// <summary>The UTC midnight the day starts at.</summary>
    public DateTimeOffset Day { get; set; }
    public int ChannelId { get; set; }
    public string Sentiment { get; set; } = "";
    public string Intent { get; set; } = "";
    public bool FromBrand { get; set; }
    public bool Answers { get; set; }
    public bool Answered { get; set; }
    public bool NeedsAnswer { get; set; }
    public bool GotAnswer { get; set; }
    public int Mentions { get; set; }
}

/// <summary><see cref="QueryHourlyRollup"/> per UTC day.</summary>
public sealed class QueryDailyRollup
{
    public int WorkspaceId { get; set; }
    public DateTimeOffset Day { get; set; }
    public int QueryId { get; set; }
    public int ChannelId { get; set; }
    public string Sentiment { get; set; } = "";
    public string Intent { get; set; } = "";
    public bool FromBrand { get; set; }
    public int Mentions { get; set; }
}

/// <summary><see cref="TermHourlyRollup"/> per UTC day.</summary>
public sealed class TermDailyRollup
{
    public int WorkspaceId { get; set; }
    public DateTimeOffset Day { get; set; }
    public required string Term { get; set; }
    public int Mentions { get; set; }
}
