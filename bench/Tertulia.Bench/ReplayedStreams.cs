namespace Tertulia.Bench;

/// <summary>
/// Hourly mention streams like real workspaces have: a daily rhythm (quiet nights, busy mornings and evenings), quieter
/// weekends, extra-Poisson noise (a gamma-mixed Poisson), and an event laid over them — a sudden spike of N extra
/// mentions within two hours, or a slow burn of N extra mentions over a day.
/// </summary>
public sealed class ReplayedStreams(int seed)
{
    private readonly Random _random = new(seed);

    public enum EventKind { Spike, SlowBurn }

    /// <summary>Relative activity per hour of day (sums to 24).</summary>
    private static readonly double[] DayProfile = Normalised(
        [0.15, 0.1, 0.08, 0.08, 0.1, 0.2, 0.5, 0.9, 1.3, 1.5, 1.6, 1.6, 1.5, 1.4, 1.3, 1.3, 1.4, 1.5, 1.6, 1.7, 1.6, 1.3, 0.8, 0.4]);

    public int[] Quiet(int hours, double perDay, DateTimeOffset start, double dispersion = 0.15)
    {
        var counts = new int[hours];
        // A day's level wanders too (a newsletter, rain): one gamma factor per day on top of the hourly noise.
        var dayFactor = 1.0;
        for (var i = 0; i < hours; i++)
        {
            var t = start.AddHours(i);
            if (t.Hour == 0 || i == 0)
            {
                dayFactor = Gamma(1 / dispersion) * dispersion;
            }
            var weekend = t.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.7 : 1.1;
            counts[i] = Poisson(perDay / 24 * DayProfile[t.Hour] * weekend * dayFactor);
        }
        return counts;
    }

    /// <summary>Adds <paramref name="extra"/> mentions from hour <paramref name="at"/> on: within 2 h (spike) or ramping over 24 h (slow burn).</summary>
    public void AddEvent(int[] counts, int at, int extra, EventKind kind)
    {
        var span = kind == EventKind.Spike ? 2 : 24;
        var weights = new double[span];
        for (var i = 0; i < span; i++)
        {
            weights[i] = kind == EventKind.Spike ? (i == 0 ? 0.6 : 0.4) : i + 1.0;
        }
        var total = weights.Sum();
        for (var n = 0; n < extra; n++)
        {
            var u = _random.NextDouble() * total;
            var i = 0;
            while (u > weights[i] && i < span - 1)
            {
                u -= weights[i];
                i++;
            }
            if (at + i < counts.Length)
            {
                counts[at + i]++;
            }
        }
    }

    private int Poisson(double mean)
    {
        if (mean > 60)
        {
            return Math.Max(0, (int)Math.Round(mean + Math.Sqrt(mean) * Normal()));
        }
        var limit = Math.Exp(-mean);
        var k = 0;
        var p = _random.NextDouble();
        while (p > limit)
        {
            k++;
            p *= _random.NextDouble();
        }
        return k;
    }

    /// <summary>Marsaglia–Tsang, mean = shape.</summary>
    private double Gamma(double shape)
    {
        if (shape < 1)
        {
            return Gamma(shape + 1) * Math.Pow(_random.NextDouble(), 1 / shape);
        }
        var d = shape - 1.0 / 3;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = Normal();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            var u = _random.NextDouble();
            if (Math.Log(u) < 0.5 * x * x + d - d * v + d * Math.Log(v))
            {
                return d * v;
            }
        }
    }

    private double Normal() =>
        Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());

    private static double[] Normalised(double[] values)
    {
        var sum = values.Sum();
        return values.Select(v => v * 24 / sum).ToArray();
    }
}
