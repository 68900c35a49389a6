namespace Tertulia.Understanding;

/// <summary>Accuracy and macro-F1 (the mean of the three classes' F1, the UMSAB benchmark's figure).</summary>
public sealed record SentimentScore(int Count, double Accuracy, double MacroF1, IReadOnlyList<double> F1PerClass)
{
    public static SentimentScore Of(IReadOnlyList<Sentiment> expected, IReadOnlyList<Sentiment> predicted)
    {
        if (expected.Count != predicted.Count)
        {
            throw new ArgumentException($"{expected.Count} labels but {predicted.Count} predictions.");
        }
        var f1 = new List<double>();
        foreach (var label in Enum.GetValues<Sentiment>())
        {
            int tp = 0, fp = 0, fn = 0;
            for (var i = 0; i < expected.Count; i++)
            {
                var e = expected[i] == label;
                var p = predicted[i] == label;
                tp += e && p ? 1 : 0;
                fp += !e && p ? 1 : 0;
                fn += e && !p ? 1 : 0;
            }
            f1.Add(tp == 0 ? 0 : 2.0 * tp / (2 * tp + fp + fn));
        }
        var correct = expected.Where((e, i) => e == predicted[i]).Count();
        return new SentimentScore(expected.Count, expected.Count == 0 ? 0 : (double)correct / expected.Count, f1.Average(), f1);
    }

    /// <summary>What always answering the most frequent training label scores: the floor any model must beat.</summary>
    public static SentimentScore Majority(IReadOnlyList<LabeledText> train, IReadOnlyList<LabeledText> test)
    {
        var majority = train.GroupBy(t => t.Label).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
        return Of(test.Select(t => t.Label).ToList(), test.Select(_ => majority).ToList());
    }

    public override string ToString() => $"accuracy {Accuracy:P1}  macro-F1 {MacroF1:F3}  (n={Count})";
}
