namespace Tertulia.Alerts.Detection;

/// <summary>
/// How many mentions an hour usually brings, learned from a workspace's own history per hour of the week (Monday 9:00
/// is not Sunday 4:00). With few weeks of history each hour-of-week mean is shrunk toward the history's overall rate,
/// so one loud Tuesday does not become the rule.
/// </summary>
public sealed class HourOfWeekBaseline
{
    private const int HoursPerWeek = 168;
    // How many weeks' worth of weight the overall rate has against an hour-of-week's own mean.
    private const double PriorWeeks = 1.0;

    private readonly double[] _sum = new double[HoursPerWeek];
    private readonly int[] _weeks = new int[HoursPerWeek];
    private readonly double _overall;
    private readonly int[] _history;
    private readonly DateTimeOffset _historyStart;

    public HourOfWeekBaseline(int[] history, DateTimeOffset historyStart)
    {
        _history = history;
        _historyStart = historyStart;
        for (var i = 0; i < history.Length; i++)
        {
            var how = HourOfWeek(historyStart.AddHours(i));
            _sum[how] += history[i];
            _weeks[how]++;
        }
        // A day's worth of prior (one mention a day) keeps a brand-new workspace from expecting zero.
        _overall = (StormDetector.Sum(history) + 1.0) / (history.Length + 24.0);
    }

    public double Expected(DateTimeOffset hourStart)
    {
        var how = HourOfWeek(hourStart);
        return (_sum[how] + PriorWeeks * _overall) / (_weeks[how] + PriorWeeks);
    }

    /// <summary>
    /// The negative binomial's dispersion for sums over <paramref name="window"/> hours, by the method of moments on
    /// the history's own windows: variance beyond the Poisson's is what real streams have (a day with a newsletter).
    /// </summary>
    public double Dispersion(int window)
    {
        double excess = 0, meanSquares = 0;
        var blocks = 0;
        for (var start = 0; start + window <= _history.Length; start += window)
        {
            double observed = 0, expected = 0;
            for (var i = start; i < start + window; i++)
            {
                observed += _history[i];
                expected += Expected(_historyStart.AddHours(i));
            }
            excess += (observed - expected) * (observed - expected) - expected;
            meanSquares += expected * expected;
            blocks++;
        }
        return blocks < 4 || meanSquares <= 0 ? 0.1 : Math.Clamp(excess / meanSquares, 0.02, 1.0);
    }

    /// <summary>0 = Monday 00:00 UTC. (UTC, not local: a shift of the whole week by the offset changes nothing.)</summary>
    public static int HourOfWeek(DateTimeOffset t) =>
        ((int)t.UtcDateTime.DayOfWeek + 6) % 7 * 24 + t.UtcDateTime.Hour;
}
