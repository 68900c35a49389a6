using Tertulia.Listening;
using Tertulia.Understanding;

namespace Tertulia.Insights.Rollups;

/// <summary>The words of a mention worth counting: hashtags, and words of 3+ letters that are not function words or numbers.</summary>
public sealed class TopTerms
{
    /// <summary>Words kept per hour beside every hashtag: enough for a small business's hour, bounded for a busy one.</summary>
    public const int WordsPerHour = 50;

    private readonly HashSet<string> _common = FunctionWords.All.Select(WordTokenizer.Fold)
        .Concat(["http", "https", "www", "com"]).ToHashSet(StringComparer.Ordinal);

    public IEnumerable<string> Of(string? title, string text)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in WordTokenizer.Words(title is null ? text : title + "\n" + text))
        {
            if (word.Length > TermHourlyRollup.MaxTermLength || word[0] == '@')
            {
                continue;
            }
            var hashtag = word[0] == '#';
            if (!hashtag && (word.Length < 3 || _common.Contains(word) || word.All(char.IsDigit)))
            {
                continue;
            }
            if (seen.Add(word))
            {
                yield return word;
            }
        }
    }
}
