namespace Tertulia.Ideas.Grouping;

/// <summary>A suggestion people put in an idea (tests/Tertulia.Tests/testdata/ideas/suggestions.tsv).</summary>
public sealed record LabeledSuggestion(string Idea, bool HeldOut, string Language, string Text);

/// <summary>
/// Reads the labelled set and chooses the similarity threshold by cross-validation on its training part: training
/// ideas fall into folds (whole ideas, as a workspace meets new ones); each fold is grouped on its own, like a
/// workspace of its own, and the threshold with the best mean pairwise F1 over the folds wins.
/// </summary>
public static class LabeledSuggestions
{
    public const int Folds = 2;
    public static readonly double[] Grid = Enumerable.Range(1, 32).Select(i => i * 0.025).ToArray();

    public static List<LabeledSuggestion> Read(string path) =>
        File.ReadLines(path)
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Where(c => c.Length == 4)
            .Select(c => new LabeledSuggestion(c[0], c[1] == "heldout", c[2], c[3]))
            .ToList();

    /// <summary>The same suggestions in an order where ideas interleave, as they arrive in real life (seeded: repeatable).</summary>
    public static List<LabeledSuggestion> Arrival(IEnumerable<LabeledSuggestion> suggestions, int seed = 17)
    {
        var random = new Random(seed);
        return suggestions.OrderBy(_ => random.Next()).ToList();
    }

    public static GroupingQuality Score(IReadOnlyList<LabeledSuggestion> set, Func<string, IReadOnlyDictionary<string, double>> terms, double threshold)
    {
        var ordered = Arrival(set);
        var found = IdeaGrouping.Group(ordered.Select(s => terms(s.Text)).ToList(), threshold);
        return GroupingQuality.Of(ordered.Select(s => s.Idea).ToList(), found);
    }

    public static List<List<LabeledSuggestion>> FoldsOf(IEnumerable<LabeledSuggestion> training)
    {
        var ideas = training.Select(s => s.Idea).Distinct().ToList();
        return Enumerable.Range(0, Folds)
            .Select(f => training.Where(s => ideas.IndexOf(s.Idea) % Folds == f).ToList())
            .ToList();
    }

    /// <summary>The grid threshold with the best mean F1 over the folds, and that mean.</summary>
    public static (double Threshold, double MeanF1) Choose(IReadOnlyList<List<LabeledSuggestion>> folds, Func<string, IReadOnlyDictionary<string, double>> terms)
    {
        var best = (Threshold: Grid[0], MeanF1: -1.0);
        foreach (var t in Grid)
        {
            var mean = folds.Average(f => Score(f, terms, t).F1);
            if (mean > best.MeanF1 + 1e-9)
            {
                best = (t, mean);
            }
        }
        return best;
    }

    /// <summary>Cross-validated estimate: each fold scored at the threshold the other folds choose.</summary>
    public static double CrossValidatedF1(IReadOnlyList<List<LabeledSuggestion>> folds, Func<string, IReadOnlyDictionary<string, double>> terms) =>
        folds.Select((fold, i) =>
        {
            var others = folds.Where((_, j) => j != i).ToList();
            return Score(fold, terms, Choose(others, terms).Threshold).F1;
        }).Average();

    /// <summary>The baseline: the same grouping on the plain words (folded), none dropped, no concepts, no 4-grams.</summary>
    public static IReadOnlyDictionary<string, double> SameWords(string text) =>
        Tertulia.Listening.TextFolding.Words(text).GroupBy(w => w, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (double)g.Count(), StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, double> Ours(string text) => SuggestionTerms.Of(text);
}
