namespace Tertulia.Publishing;

/// <summary>
/// A workspace's publishing rules: its time zone (the calendar's days and hours), how many posts a channel may carry
/// a day, and the share of promotional posts allowed over the last seven days ("1 in 5"). Absent row = the defaults.
/// </summary>
public sealed class PublishingSettings
{
    public int WorkspaceId { get; set; }
    /// <summary>An IANA zone id ("Europe/Madrid", "Atlantic/Canary").</summary>
    public string TimeZone { get; set; } = DefaultTimeZone;
    public int MaxPostsPerDay { get; set; } = 3;
    /// <summary>At most one promotional post in this many, over the last seven days.</summary>
    public int PromotionalOneIn { get; set; } = 5;
    /// <summary>More names the brand goes by (comma-separated), besides the workspace's name, for the score's brand-name density.</summary>
    public string? BrandNames { get; set; }

    public const string DefaultTimeZone = "Europe/Madrid";
    public const int BrandNamesLength = 500;

    public IReadOnlyCollection<string> NamesBesides(string workspaceName) =>
        (BrandNames ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Append(workspaceName).Distinct().ToList();
}
