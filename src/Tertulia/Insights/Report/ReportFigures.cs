using Microsoft.Extensions.Localization;
using Tertulia.Insights.Metrics;
using Tertulia.Web;

namespace Tertulia.Insights.Report;

/// <summary>The report's table of headline figures, this period beside the previous one: the same rows in the PDF and the HTML.</summary>
public static class ReportFigures
{
    public static List<string[]> Rows(PeriodInsights i, IStringLocalizer<UiText> t)
    {
        var (c, p) = (i.Current, i.Previous);
        string[] Row(string key, string now, string before) => [t[key], now, before];
        return
        [
            Row("InsVolume", c.Mentions.ToString(), p.Mentions.ToString()),
            Row("InsCustomerMentions", c.CustomerMentions.ToString(), p.CustomerMentions.ToString()),
            Row("InsNetSentiment", ReportHeadlines.Signed(c.Sentiment.Net), ReportHeadlines.Signed(p.Sentiment.Net)),
            Row("InsNegative", c.Sentiment.Negative.ToString(), p.Sentiment.Negative.ToString()),
            Row("InsComplaints", c.Intent.Complaint.ToString(), p.Intent.Complaint.ToString()),
            Row("InsResponseRate", ReportHeadlines.Percent(c.Response.Percent), ReportHeadlines.Percent(p.Response.Percent)),
            Row("InsMedianResponse", ReportHeadlines.Duration(c.MedianResponseMinutes, t), ReportHeadlines.Duration(p.MedianResponseMinutes, t)),
            Row("InsP90Response", ReportHeadlines.Duration(c.P90ResponseMinutes, t), ReportHeadlines.Duration(p.P90ResponseMinutes, t)),
            Row("InsDialogue", ReportHeadlines.Percent(c.Dialogue.Percent), ReportHeadlines.Percent(p.Dialogue.Percent)),
            Row("InsMonologue", ReportHeadlines.Percent(c.Monologue.Percent), ReportHeadlines.Percent(p.Monologue.Percent)),
            Row("InsEngaged", c.EngagedCommunity.ToString(), p.EngagedCommunity.ToString()),
            Row("InsReturning", c.ReturningCustomers.ToString(), p.ReturningCustomers.ToString()),
        ];
    }
}
