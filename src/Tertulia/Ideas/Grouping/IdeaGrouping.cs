namespace Tertulia.Ideas.Grouping;

/// <summary>
/// Puts suggestions into ideas one at a time, in the order they were made, the way the pipeline meets them: a
/// suggestion joins the idea whose centroid (the sum of its suggestions' vectors) it is most similar to, when that
/// cosine reaches <see cref="Threshold"/>; otherwise it starts an idea of its own.
/// </summary>
public sealed class IdeaGrouping(TermVectors vectors, double threshold = IdeaGrouping.Threshold)
{
    /// <summary>
    /// Chosen by cross-validation on the training part of tests/Tertulia.Tests/testdata/ideas/suggestions.tsv
    /// (`bench ideas` prints the choice; IdeaGroupingQualityTests checks it is still the one chosen). See docs/ideas.md.
    /// </summary>
    public const double Threshold = 0.175;

    private readonly List<Dictionary<string, double>> _centroids = [];
    // Each centroid's length, kept with it (NaN until first needed after a change): a placement compares with every idea.
    private readonly List<double> _norms = [];

    /// <summary>An existing idea: its suggestions' terms. Returns its index.</summary>
    public int AddIdea(IEnumerable<IReadOnlyDictionary<string, double>> suggestions)
    {
        var centroid = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var s in suggestions)
        {
            AddTo(centroid, vectors.Vector(s));
        }
        _centroids.Add(centroid);
        _norms.Add(double.NaN);
        return _centroids.Count - 1;
    }

    /// <summary>The idea (index) a suggestion joins, or a new one; the idea's centroid takes it in.</summary>
    public (int Idea, bool Started, double Similarity) Place(IReadOnlyDictionary<string, double> terms)
    {
        var v = vectors.Vector(terms);
        var (best, bestScore) = (-1, 0.0);
        for (var i = 0; i < _centroids.Count; i++)
        {
            var c = _centroids[i];
            var norm = _norms[i];
            if (double.IsNaN(norm))
            {
                _norms[i] = norm = Math.Sqrt(c.Values.Sum(x => x * x));
            }
            var score = norm == 0 ? 0 : TermVectors.Dot(v, c) / norm;
            if (score > bestScore)
            {
                (best, bestScore) = (i, score);
            }
        }
        if (best >= 0 && bestScore >= threshold)
        {
            AddTo(_centroids[best], v);
            _norms[best] = double.NaN;
            return (best, false, bestScore);
        }
        _centroids.Add(new Dictionary<string, double>(v, StringComparer.Ordinal));
        _norms.Add(double.NaN);
        return (_centroids.Count - 1, true, bestScore);
    }

    /// <summary>Groups texts' terms from scratch (a backfill, an evaluation): one idea index per suggestion.</summary>
    public static int[] Group(IReadOnlyList<IReadOnlyDictionary<string, double>> terms, double threshold = Threshold)
    {
        var grouping = new IdeaGrouping(new TermVectors(terms), threshold);
        return terms.Select(t => grouping.Place(t).Idea).ToArray();
    }

    private static void AddTo(Dictionary<string, double> centroid, Dictionary<string, double> v)
    {
        foreach (var (term, x) in v)
        {
            centroid[term] = centroid.GetValueOrDefault(term) + x;
        }
    }
}
