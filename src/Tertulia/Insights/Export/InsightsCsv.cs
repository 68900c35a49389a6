using System.Globalization;
using System.Text;
using Tertulia.Insights.Metrics;

namespace Tertulia.Insights.Export;

/// <summary>
/// Every metric of a period as CSV (metric; scope; current; previous), for a spreadsheet. Names of channels, queries
/// and terms come from the outside world: a cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR, LF) is
/// written with a leading apostrophe, and every cell is quoted.
/// </summary>
public static class InsightsCsv
{
    public static string Write(PeriodInsights insights)
    {
        var csv = new StringBuilder();
        Row(csv, "metric", "scope", "current", "previous");
        Row(csv, "period", insights.Period.Kind, $"{insights.Period.From:yyyy-MM-dd}/{insights.Period.To:yyyy-MM-dd}",
            $"{insights.PreviousPeriod.From:yyyy-MM-dd}/{insights.PreviousPeriod.To:yyyy-MM-dd}");
        var (now, before) = (insights.Current, insights.Previous);
        Row(csv, "mentions", "all", now.Mentions, before.Mentions);
        Row(csv, "mentions", "customers", now.CustomerMentions, before.CustomerMentions);
        Row(csv, "mentions", "brand", now.BrandMentions, before.BrandMentions);
        Row(csv, "sentiment", "positive", now.Sentiment.Positive, before.Sentiment.Positive);
        Row(csv, "sentiment", "neutral", now.Sentiment.Neutral, before.Sentiment.Neutral);
        Row(csv, "sentiment", "negative", now.Sentiment.Negative, before.Sentiment.Negative);
        Row(csv, "sentiment", "net", now.Sentiment.Net, before.Sentiment.Net);
        Row(csv, "intent", "complaint", now.Intent.Complaint, before.Intent.Complaint);
        Row(csv, "intent", "question", now.Intent.Question, before.Intent.Question);
        Row(csv, "intent", "suggestion", now.Intent.Suggestion, before.Intent.Suggestion);
        Row(csv, "intent", "praise", now.Intent.Praise, before.Intent.Praise);
        Row(csv, "intent", "other", now.Intent.Other, before.Intent.Other);
        Rates(csv, "response_rate", now.Response, before.Response);
        Row(csv, "first_response_minutes", "median", now.MedianResponseMinutes, before.MedianResponseMinutes);
        Row(csv, "first_response_minutes", "p90", now.P90ResponseMinutes, before.P90ResponseMinutes);
        Rates(csv, "dialogue_ratio", now.Dialogue, before.Dialogue);
        Rates(csv, "monologue_index", now.Monologue, before.Monologue);
        Row(csv, "customers", "active", now.ActiveCustomers, before.ActiveCustomers);
        Row(csv, "customers", "engaged_community", now.EngagedCommunity, before.EngagedCommunity);
        Row(csv, "customers", "returning", now.ReturningCustomers, before.ReturningCustomers);
        Row(csv, "relationship_strength", "0", now.Strength.None, before.Strength.None);
        Row(csv, "relationship_strength", "0-25", now.Strength.Weak, before.Strength.Weak);
        Row(csv, "relationship_strength", "25-50", now.Strength.Growing, before.Strength.Growing);
        Row(csv, "relationship_strength", "50-75", now.Strength.Strong, before.Strength.Strong);
        Row(csv, "relationship_strength", "75-100", now.Strength.Close, before.Strength.Close);
        foreach (var voice in insights.ShareOfVoice)
        {
            Row(csv, "share_of_voice_percent", $"{voice.Role}: {voice.Name}", voice.Share, voice.PreviousShare);
        }
        foreach (var query in insights.Queries)
        {
            Row(csv, "query_mentions", query.Name, query.Mentions, query.PreviousMentions);
        }
        foreach (var channel in insights.Channels)
        {
            Row(csv, "channel_mentions", channel.Name, channel.Mentions, "");
            Row(csv, "channel_response_rate_percent", channel.Name, channel.Response.Percent, "");
        }
        foreach (var day in insights.Trend)
        {
            Row(csv, "mentions_per_day", day.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), day.Mentions, "");
        }
        foreach (var term in insights.Terms)
        {
            Row(csv, "top_term", term.Term, term.Mentions, "");
        }
        foreach (var tag in insights.Hashtags)
        {
            Row(csv, "top_hashtag", tag.Term, tag.Mentions, "");
        }
        return csv.ToString();
    }

    private static void Rates(StringBuilder csv, string metric, Rate now, Rate before)
    {
        Row(csv, metric, "percent", now.Percent, before.Percent);
        Row(csv, metric, "part", now.Part, before.Part);
        Row(csv, metric, "whole", now.Whole, before.Whole);
    }

    private static void Row(StringBuilder csv, params object?[] cells)
    {
        csv.AppendJoin(',', cells.Select(c => Cell(c switch
        {
            null => "",
            double d => d.ToString(CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => c.ToString() ?? "",
        })));
        csv.Append("\r\n");
    }

    /// <summary>Quoted, quotes doubled, and defused when a spreadsheet would read it as a formula.</summary>
    public static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n' or '|' or '%'
            && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }
        return "\"" + value.Replace("\"", "\"\"") + "\"";
    }
}
