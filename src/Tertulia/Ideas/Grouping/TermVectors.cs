namespace Tertulia.Ideas.Grouping;

/// <summary>
/// TF-IDF over a workspace's suggestions: a term most suggestions share ("pan" at a bakery) weighs little, a rare one
/// ("celíaca") much. Vectors are unit length, so a dot product is their cosine.
/// </summary>
public sealed class TermVectors
{
    private readonly Dictionary<string, double> _idf;

    public TermVectors(IEnumerable<IReadOnlyDictionary<string, double>> documents)
    {
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        var n = 0;
        foreach (var doc in documents)
        {
            n++;
            foreach (var term in doc.Keys)
            {
                df[term] = df.GetValueOrDefault(term) + 1;
            }
        }
        _idf = df.ToDictionary(d => d.Key, d => Math.Log((n + 1.0) / (d.Value + 1.0)) + 1.0, StringComparer.Ordinal);
        Unseen = Math.Log(n + 1.0) + 1.0;
    }

    /// <summary>A term no document had: the rarest there is.</summary>
    private double Unseen { get; }

    public Dictionary<string, double> Vector(IReadOnlyDictionary<string, double> terms)
    {
        var v = new Dictionary<string, double>(terms.Count, StringComparer.Ordinal);
        foreach (var (term, weight) in terms)
        {
            v[term] = weight * _idf.GetValueOrDefault(term, Unseen);
        }
        Normalize(v);
        return v;
    }

    public static void Normalize(Dictionary<string, double> v)
    {
        var norm = Math.Sqrt(v.Values.Sum(x => x * x));
        if (norm > 0)
        {
            foreach (var key in v.Keys.ToList())
            {
                v[key] /= norm;
            }
        }
    }

    public static double Dot(IReadOnlyDictionary<string, double> a, IReadOnlyDictionary<string, double> b)
    {
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        var sum = 0.0;
        foreach (var (term, x) in small)
        {
            if (large.TryGetValue(term, out var y))
            {
                sum += x * y;
            }
        }
        return sum;
    }
}
