using Tertulia.Alerts.Detection;
using Tertulia.Alerts.Rules;

namespace Tertulia.Alerts.Evaluation;

/// <summary>What a rule sees now: a storm (with its window and its size since it began) or calm (null).</summary>
public sealed record RuleFinding(int Observed, double Expected, int WindowHours, double PValue, DateTimeOffset StartedAt, int Size, long? TriggerMentionId = null)
{
    /// <summary>The storm, if any, a count rule sees in <paramref name="series"/> now (at its end).</summary>
    public static RuleFinding? OfCounts(AlertRule rule, MentionSeries series)
    {
        var signal = Detect(rule, series, series.Hours);
        if (signal is null)
        {
            return null;
        }
        var started = series.End.AddHours(-signal.WindowHours);
        return new RuleFinding(signal.Observed, signal.Expected, signal.WindowHours, signal.PValue, started, signal.Observed)
        {
            CountedSeries = Counted(rule, series),
        };
    }

    /// <summary>What the detector says for a count rule with the hour ending at bucket <paramref name="end"/> as "now" (the preview replays them).</summary>
    public static StormSignal? Detect(AlertRule rule, MentionSeries series, int end)
    {
        var settings = new DetectorSettings { Alpha = rule.Alpha, MinCount = Math.Max(1, rule.MinCount) };
        var start = Math.Max(0, end - MentionSeries.DetectorHours);
        var first = series.FirstHourStart.AddHours(start);
        return rule.Kind switch
        {
            AlertKind.Volume => StormDetector.Volume(series.Total.AsSpan(start, end - start), first, settings),
            AlertKind.Complaints => StormDetector.Volume(series.Complaints.AsSpan(start, end - start), first, settings),
            AlertKind.NegativeShare => StormDetector.Share(series.Negative.AsSpan(start, end - start), series.Understood.AsSpan(start, end - start), settings),
            _ => null,
        };
    }

    public static int[]? Counted(AlertRule rule, MentionSeries series) => rule.Kind switch
    {
        AlertKind.Volume => series.Total,
        AlertKind.Complaints => series.Complaints,
        AlertKind.NegativeShare => series.Negative,
        _ => null,
    };

    /// <summary>The series the rule counts, to measure the storm's size since an incident's start.</summary>
    public int[]? CountedSeries { get; init; }

    /// <summary>Mentions counted since <paramref name="since"/> (the storm's size while its incident is open).</summary>
    public int SizeSince(MentionSeries series, DateTimeOffset since)
    {
        if (CountedSeries is not { } counted)
        {
            return Size;
        }
        var from = Math.Max(0, (int)Math.Floor((since - series.FirstHourStart).TotalHours));
        var size = 0;
        for (var i = from; i < counted.Length; i++)
        {
            size += counted[i];
        }
        return Math.Max(size, Observed);
    }
}
