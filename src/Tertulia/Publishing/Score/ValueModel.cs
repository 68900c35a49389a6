using System.Text.Json;

namespace Tertulia.Publishing.Score;

/// <summary>
/// The value score: a logistic model over <see cref="PostFeatures"/>, 100 = all value for the community, 0 = all
/// self-promotion. Its weights are learned from the labelled training posts (see <see cref="ValueTraining"/>) and
/// shipped as value-model.json, which a test checks is exactly what training produces.
/// </summary>
public sealed class ValueModel(double intercept, IReadOnlyDictionary<string, double> weights, double lambda)
{
    /// <summary>Below this a post counts as promotional (for the mix cap).</summary>
    public const int PromotionalBelow = 50;

    public double Intercept => intercept;
    public IReadOnlyDictionary<string, double> Weights => weights;
    /// <summary>The L2 strength cross-validation chose.</summary>
    public double Lambda => lambda;

    /// <summary>One reason: a signal present in the post and how much it moved the score (points, + towards value).</summary>
    public sealed record Reason(string Feature, int Points);

    public sealed record Assessment(int Score, bool Promotional, IReadOnlyList<Reason> Reasons);

    public double Probability(double[] features)
    {
        var z = intercept;
        for (var i = 0; i < features.Length; i++)
        {
            z += weights.GetValueOrDefault(PostFeatures.Names[i]) * features[i];
        }
        return 1 / (1 + Math.Exp(-z));
    }

    public Assessment Assess(string text, IReadOnlyCollection<string> brandNames)
    {
        var features = PostFeatures.Of(text, brandNames);
        var p = Probability(features);
        var score = (int)Math.Round(100 * p);
        // Each signal's effect: how far the score moves when the signal is taken away. When the other signals already
        // settle the score (a pitch with three calls to buy scores 0 without any one of them), the signal would vanish
        // from the reasons just when they matter most: then it is how far it moves a post with no other signal.
        var plain = Probability(new double[features.Length]);
        var reasons = new List<Reason>();
        for (var i = 0; i < features.Length; i++)
        {
            var weight = weights.GetValueOrDefault(PostFeatures.Names[i]);
            if (features[i] <= 0 || weight == 0)
            {
                continue;
            }
            var without = (double[])features.Clone();
            without[i] = 0;
            var points = (int)Math.Round(100 * (p - Probability(without)));
            if (points == 0)
            {
                var alone = new double[features.Length];
                alone[i] = features[i];
                points = (int)Math.Round(100 * (Probability(alone) - plain));
            }
            reasons.Add(new Reason(PostFeatures.Names[i], points == 0 ? Math.Sign(weight) : points));
        }
        return new Assessment(score, score < PromotionalBelow, reasons.OrderByDescending(r => Math.Abs(r.Points)).ToList());
    }

    public string ToJson() => JsonSerializer.Serialize(new Stored(Math.Round(intercept, 6), weights.ToDictionary(w => w.Key, w => Math.Round(w.Value, 6)), lambda),
        new JsonSerializerOptions { WriteIndented = true });

    public static ValueModel FromJson(string json)
    {
        var stored = JsonSerializer.Deserialize<Stored>(json) ?? throw new InvalidDataException("value-model.json is empty");
        return new ValueModel(stored.Intercept, stored.Weights, stored.Lambda);
    }

    /// <summary>The shipped model (an embedded resource written by <c>bench publishing-score --write</c>).</summary>
    public static ValueModel Shipped()
    {
        using var stream = typeof(ValueModel).Assembly.GetManifestResourceStream("Tertulia.Publishing.Score.value-model.json")
            ?? throw new InvalidOperationException("value-model.json is not embedded");
        using var reader = new StreamReader(stream);
        return FromJson(reader.ReadToEnd());
    }

    private sealed record Stored(double Intercept, Dictionary<string, double> Weights, double Lambda);
}
