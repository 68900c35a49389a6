using Tertulia.Listening;

namespace Tertulia.Mentions;

/// <summary>
/// The words relevance ranking weighs: a query's <see cref="PositiveTerms"/>, wildcards cut to their literal start.
/// </summary>
public static class RankingWords
{
    public static IReadOnlyList<string> Of(QueryNode node) =>
        PositiveTerms.Words(node)
            .Select(w => w.Word.AsSpan().IndexOfAny('*', '?') is var wildcard and >= 0 ? w.Word[..wildcard] : w.Word)
            .Select(w => w.Trim('#', '@'))
            .Where(w => w.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
}
