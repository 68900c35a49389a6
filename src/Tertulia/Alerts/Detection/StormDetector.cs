namespace Tertulia.Alerts.Detection;

/// <summary>How eager the detector is. The defaults are what <c>bench … alerts-detection</c> chose on replayed streams.</summary>
public sealed record DetectorSettings
{
    /// <summary>Tail probability below which a window is a storm (split between the windows tested).</summary>
    public double Alpha { get; init; } = 1e-4;
    /// <summary>Fewer mentions than this in a window never alert, however quiet the workspace usually is.</summary>
    public int MinCount { get; init; } = 3;
    /// <summary>A storm is also this many times the expected count: significant but trivial rises of big workspaces are not storms.</summary>
    public double MinRatio { get; init; } = 1.5;
    /// <summary>How many weeks of history the hour-of-week baseline learns from.</summary>
    public int HistoryWeeks { get; init; } = 4;
    /// <summary>A share storm is also this much above the usual share (0.15 = 15 points).</summary>
    public double MinShareRise { get; init; } = 0.15;
}

/// <summary>What the detector found in one window: how many, how many were expected, and how surprising that is.</summary>
public sealed record StormSignal(int WindowHours, int Observed, double Expected, double PValue);

/// <summary>
/// Finds storms in hourly count series (oldest first; the last bucket is the last 60 minutes). Pure: the evaluator
/// feeds it counts from the store, the benchmark replayed streams. See docs/alerts.md for the method and why.
/// </summary>
public static class StormDetector
{
    /// <summary>The windows tested: a sudden spike shows in the last hour, a slow burn over 12 h or a day.</summary>
    public static readonly int[] Windows = [1, 12, 24];

    /// <summary>The strongest window whose count is a storm against the workspace's own history; null when calm.</summary>
    public static StormSignal? Volume(ReadOnlySpan<int> counts, DateTimeOffset firstHourStart, DetectorSettings settings)
    {
        StormSignal? strongest = null;
        foreach (var window in Windows)
        {
            if (counts.Length < window)
            {
                continue;
            }
            var signal = VolumeWindow(counts, firstHourStart, window, settings);
            if (signal is not null && IsStorm(signal, settings) && (strongest is null || signal.PValue < strongest.PValue))
            {
                strongest = signal;
            }
        }
        return strongest;
    }

    /// <summary>
    /// The share of <paramref name="part"/> (negative mentions, complaints...) in <paramref name="total"/>: a storm
    /// when a window's share is both improbable under the usual share and clearly above it.
    /// </summary>
    public static StormSignal? Share(ReadOnlySpan<int> part, ReadOnlySpan<int> total, DetectorSettings settings)
    {
        StormSignal? strongest = null;
        foreach (var window in Windows)
        {
            if (total.Length < window)
            {
                continue;
            }
            var start = total.Length - window;
            var historyStart = Math.Max(0, start - settings.HistoryWeeks * 168);
            var (x, n) = (Sum(part[start..]), Sum(total[start..]));
            var (hx, hn) = (Sum(part[historyStart..start]), Sum(total[historyStart..start]));
            // A weak prior (one negative in five, worth ten mentions) keeps a young workspace from a share of 0 or 1.
            var usual = (hx + 2.0) / (hn + 10.0);
            if (x < settings.MinCount || n == 0 || (double)x / n < usual + settings.MinShareRise)
            {
                continue;
            }
            var p = TailProbability.BinomialAtLeast(x, n, usual);
            if (p < settings.Alpha / Windows.Length && (strongest is null || p < strongest.PValue))
            {
                strongest = new StormSignal(window, x, usual * n, p);
            }
        }
        return strongest;
    }

    /// <summary>Expected count and tail probability of the last <paramref name="window"/> hours, whether a storm or not.</summary>
    public static StormSignal? VolumeWindow(ReadOnlySpan<int> counts, DateTimeOffset firstHourStart, int window, DetectorSettings settings)
    {
        var start = counts.Length - window;
        var historyStart = Math.Max(0, start - settings.HistoryWeeks * 168);
        var history = Winsorized(counts[historyStart..start], firstHourStart.AddHours(historyStart));
        var baseline = new HourOfWeekBaseline(history, firstHourStart.AddHours(historyStart));
        var expected = 0.0;
        for (var i = start; i < counts.Length; i++)
        {
            expected += baseline.Expected(firstHourStart.AddHours(i));
        }
        if (window == 1 && start > 0)
        {
            // The last hour is compared with the week (its hour-of-week), the last 12 h and the last day: a busy day
            // (a campaign, a fair) raises what one hour must reach before it is a storm.
            expected = Math.Max(expected, Math.Max(MeanOf(counts, start, 12), MeanOf(counts, start, 24)));
        }
        var observed = Sum(counts[start..]);
        var dispersion = baseline.Dispersion(window);
        return new StormSignal(window, observed, expected, TailProbability.AtLeast(observed, expected, dispersion));
    }

    private static bool IsStorm(StormSignal s, DetectorSettings settings) =>
        s.Observed >= settings.MinCount
        && s.Observed >= s.Expected * settings.MinRatio
        && s.PValue < settings.Alpha / Windows.Length;

    private static double MeanOf(ReadOnlySpan<int> counts, int end, int hours)
    {
        var from = Math.Max(0, end - hours);
        return end == from ? 0 : (double)Sum(counts[from..end]) / (end - from);
    }

    /// <summary>
    /// A past storm in the history is capped so it does not teach the baseline that storms are normal: an hour above
    /// both the history's 99th percentile and twice what its hour of the week usually has (the median over the
    /// weeks) counts as that. A peak that comes back every week (Monday's newsletter) is the usual and stays.
    /// </summary>
    private static int[] Winsorized(ReadOnlySpan<int> history, DateTimeOffset historyStart)
    {
        var copy = history.ToArray();
        if (copy.Length < 24)
        {
            return copy;
        }
        var sorted = (int[])copy.Clone();
        Array.Sort(sorted);
        var cap = Math.Max(2, sorted[(int)(sorted.Length * 0.99)]);
        var byHourOfWeek = new List<int>[168];
        for (var i = 0; i < copy.Length; i++)
        {
            (byHourOfWeek[HourOfWeekBaseline.HourOfWeek(historyStart.AddHours(i))] ??= []).Add(copy[i]);
        }
        for (var i = 0; i < copy.Length; i++)
        {
            var same = byHourOfWeek[HourOfWeekBaseline.HourOfWeek(historyStart.AddHours(i))];
            same.Sort();
            var usual = same[same.Count / 2];
            copy[i] = Math.Min(copy[i], Math.Max(cap, 2 * usual + 2));
        }
        return copy;
    }

    internal static int Sum(ReadOnlySpan<int> values)
    {
        var sum = 0;
        foreach (var v in values)
        {
            sum += v;
        }
        return sum;
    }
}
