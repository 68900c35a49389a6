using System.Diagnostics;
using Tertulia.Alerts.Detection;

namespace Tertulia.Bench;

/// <summary>
/// The storm detector against naive fixed-threshold rules on replayed streams: four weeks of history, one quiet week
/// (false alerts), then an event (a spike or a slow burn of 3 to 300 extra mentions) at a random hour of the sixth
/// week. Detection = an alert within 24 h of the event's start (36 h for a slow burn); delay in hours from the start.
/// </summary>
public static class AlertDetectionBench
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero); // a Monday
    private const int HistoryHours = 4 * 168;
    private const int Hours = 6 * 168;

    private sealed record Rule(string Name, Func<int[], int, bool> Fires);

    public static void Run(int seeds)
    {
        var settings = new DetectorSettings();
        var rules = new Rule[]
        {
            new("storm detector (hour-of-week NB tail)", (c, end) => StormDetector.Volume(c.AsSpan(0, end), Start, settings) is not null),
            new("fixed: ≥ 10 in an hour", (c, end) => c[end - 1] >= 10),
            new("fixed: hour ≥ 3× 4-week mean, min 3", (c, end) => c[end - 1] >= Math.Max(3, 3 * Mean(c, end - 1 - HistoryHours, end - 1))),
        };
        double[] perDay = [5, 24, 120, 720];
        int[] sizes = [3, 10, 30, 100, 300];
        Console.WriteLine($"alerts-detection: {perDay.Length} daily volumes × {sizes.Length} event sizes × 2 kinds × {seeds} seeds; quiet week = week 5, event in week 6");
        var watch = Stopwatch.StartNew();
        foreach (var volume in perDay)
        {
            Console.WriteLine();
            Console.WriteLine($"— {volume} mentions a day —");
            Console.WriteLine($"{"rule",-40} {"false/quiet wk",14} " + string.Join(" ", sizes.Select(s => $"{"spike " + s,12}")) + " " + string.Join(" ", sizes.Select(s => $"{"burn " + s,12}")));
            foreach (var rule in rules)
            {
                var falseAlerts = 0.0;
                var cells = new List<string>();
                foreach (var kind in new[] { ReplayedStreams.EventKind.Spike, ReplayedStreams.EventKind.SlowBurn })
                {
                    foreach (var size in sizes)
                    {
                        int detected = 0;
                        double delays = 0;
                        for (var seed = 0; seed < seeds; seed++)
                        {
                            var streams = new ReplayedStreams(seed * 7919 + size * 31 + (int)volume);
                            var counts = streams.Quiet(Hours, volume, Start);
                            var at = 5 * 168 + 24 + new Random(seed).Next(0, 96);
                            streams.AddEvent(counts, at, size, kind);
                            if (kind == ReplayedStreams.EventKind.Spike && size == sizes[0])
                            {
                                falseAlerts += Episodes(rule, counts, HistoryHours, 5 * 168);
                            }
                            var horizon = kind == ReplayedStreams.EventKind.Spike ? 24 : 36;
                            for (var end = at + 1; end <= Math.Min(Hours, at + horizon); end++)
                            {
                                if (rule.Fires(counts, end))
                                {
                                    detected++;
                                    delays += end - at;
                                    break;
                                }
                            }
                        }
                        cells.Add(detected == 0 ? $"{"0%",12}" : $"{$"{100.0 * detected / seeds:0}% {delays / detected:0.0}h",12}");
                    }
                }
                // Counted over the spike-3 runs: one quiet week per seed.
                Console.WriteLine($"{rule.Name,-40} {falseAlerts / seeds,14:0.00} " + string.Join(" ", cells));
            }
        }
        Console.WriteLine();
        Console.WriteLine("cells: detection rate and mean delay (hours from the event's start to the first alert). False alerts = alert episodes (an alert after ≥ 6 calm hours) in the quiet week.");
        Console.WriteLine($"elapsed {watch.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>Alert episodes between two hours: a firing hour after at least 6 calm ones (what a cooldown would send).</summary>
    private static int Episodes(Rule rule, int[] counts, int from, int to)
    {
        var episodes = 0;
        var calm = int.MaxValue;
        for (var end = from + 1; end <= to; end++)
        {
            if (rule.Fires(counts, end))
            {
                if (calm >= 6)
                {
                    episodes++;
                }
                calm = 0;
            }
            else if (calm != int.MaxValue)
            {
                calm++;
            }
        }
        return episodes;
    }

    private static double Mean(int[] counts, int from, int to)
    {
        from = Math.Max(0, from);
        return to <= from ? 0 : counts[from..to].Average();
    }
}
