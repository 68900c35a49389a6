namespace Tertulia.Ideas.Grouping;

/// <summary>How close a grouping is to people's: pairwise precision, recall and F1, and the adjusted Rand index.</summary>
public sealed record GroupingQuality(double Precision, double Recall, double F1, double AdjustedRand)
{
    public static GroupingQuality Of(IReadOnlyList<string> truth, IReadOnlyList<int> found)
    {
        long bothSame = 0, truthSame = 0, foundSame = 0;
        for (var i = 0; i < truth.Count; i++)
        {
            for (var j = i + 1; j < truth.Count; j++)
            {
                var t = truth[i] == truth[j];
                var f = found[i] == found[j];
                truthSame += t ? 1 : 0;
                foundSame += f ? 1 : 0;
                bothSame += t && f ? 1 : 0;
            }
        }
        var precision = foundSame == 0 ? 0 : (double)bothSame / foundSame;
        var recall = truthSame == 0 ? 0 : (double)bothSame / truthSame;
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        double pairs = (long)truth.Count * (truth.Count - 1) / 2;
        var expected = pairs == 0 ? 0 : truthSame * (double)foundSame / pairs;
        var max = (truthSame + foundSame) / 2.0;
        var ari = max - expected == 0 ? 0 : (bothSame - expected) / (max - expected);
        return new GroupingQuality(precision, recall, f1, ari);
    }

    public override string ToString() => $"pairwise P {Precision:0.000} R {Recall:0.000} F1 {F1:0.000}, ARI {AdjustedRand:0.000}";
}
