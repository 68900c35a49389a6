namespace Tertulia.Publishing.Score;

/// <summary>
/// Learns <see cref="ValueModel"/>'s weights: L2-regularised logistic regression by gradient descent, its strength
/// chosen by 5-fold cross-validation on the training posts only (the held-out posts never reach this class).
/// Deterministic: the same posts give the same weights.
/// </summary>
public static class ValueTraining
{
    public sealed record Post(string Language, bool IsValue, string Brand, string Text);

    public static readonly double[] Lambdas = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3];
    public const int Folds = 5;

    public sealed record CrossValidation(double Lambda, double Accuracy, double LogLoss);

    /// <summary>Reads a labelled TSV (language, value|promo, brand, text; '#' lines are comments).</summary>
    public static List<Post> Read(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(f => f.Length == 4 && f[1] is "value" or "promo" ? new Post(f[0], f[1] == "value", f[2], f[3])
                : throw new InvalidDataException($"{path}: a line is not 'lang<TAB>value|promo<TAB>brand<TAB>text'"))
            .ToList();

    public static (ValueModel Model, List<CrossValidation> Folds) Train(IReadOnlyList<Post> posts)
    {
        var x = posts.Select(p => PostFeatures.Of(p.Text, [p.Brand])).ToArray();
        var y = posts.Select(p => p.IsValue ? 1.0 : 0.0).ToArray();
        var results = new List<CrossValidation>();
        foreach (var lambda in Lambdas)
        {
            double correct = 0, loss = 0;
            for (var fold = 0; fold < Folds; fold++)
            {
                var train = Enumerable.Range(0, x.Length).Where(i => i % Folds != fold).ToArray();
                var test = Enumerable.Range(0, x.Length).Where(i => i % Folds == fold).ToArray();
                var model = Fit(train.Select(i => x[i]).ToArray(), train.Select(i => y[i]).ToArray(), lambda);
                foreach (var i in test)
                {
                    var p = Math.Clamp(model.Probability(x[i]), 1e-9, 1 - 1e-9);
                    correct += (p >= 0.5 ? 1 : 0) == y[i] ? 1 : 0;
                    loss -= y[i] * Math.Log(p) + (1 - y[i]) * Math.Log(1 - p);
                }
            }
            results.Add(new CrossValidation(lambda, correct / x.Length, loss / x.Length));
        }
        // The lowest cross-validated log-loss; accuracy breaks no ties it cannot see.
        var best = results.OrderBy(r => r.LogLoss).First();
        return (Fit(x, y, best.Lambda), results);
    }

    private static ValueModel Fit(double[][] x, double[] y, double lambda)
    {
        var n = x.Length;
        var d = PostFeatures.Names.Length;
        var w = new double[d];
        var b = 0.0;
        const double rate = 0.5;
        for (var iteration = 0; iteration < 4000; iteration++)
        {
            var gw = new double[d];
            var gb = 0.0;
            for (var i = 0; i < n; i++)
            {
                var z = b;
                for (var j = 0; j < d; j++)
                {
                    z += w[j] * x[i][j];
                }
                var error = 1 / (1 + Math.Exp(-z)) - y[i];
                gb += error;
                for (var j = 0; j < d; j++)
                {
                    gw[j] += error * x[i][j];
                }
            }
            b -= rate * gb / n;
            for (var j = 0; j < d; j++)
            {
                w[j] -= rate * (gw[j] / n + lambda * w[j]);
            }
        }
        return new ValueModel(b, PostFeatures.Names.Select((name, j) => (name, w[j])).ToDictionary(p => p.name, p => p.Item2), lambda);
    }
}
