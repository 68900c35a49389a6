namespace Tertulia.Listening;

/// <summary>Tags a mention with a listening query it matches.</summary>
public sealed class QueryMatch
{
    public long MentionId { get; set; }
    public int QueryId { get; set; }
}
