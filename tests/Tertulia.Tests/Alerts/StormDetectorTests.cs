using Tertulia.Alerts.Detection;

namespace Tertulia.Tests.Alerts;

/// <summary>The detector on hourly series like a bakery's and a chain's: storms found, ordinary weeks left alone.</summary>
public sealed class StormDetectorTests
{
    private static readonly DateTimeOffset Monday = new(2026, 10, 5, 0, 0, 0, TimeSpan.Zero);
    private static readonly DetectorSettings Defaults = new();

    /// <summary>Five weeks of a shop's life: busier days than nights, quieter weekends, Poisson noise.</summary>
    private static int[] Ordinary(double perDay, int seed, int weeks = 5)
    {
        var random = new Random(seed);
        var counts = new int[weeks * 168];
        for (var i = 0; i < counts.Length; i++)
        {
            var t = Monday.AddHours(i);
            var hourly = perDay / 24 * (t.Hour is >= 8 and < 21 ? 1.6 : 0.3) * (t.DayOfWeek is DayOfWeek.Sunday ? 0.6 : 1.05);
            counts[i] = Poisson(random, hourly);
        }
        return counts;
    }

    private static int Poisson(Random random, double mean)
    {
        var limit = Math.Exp(-mean);
        var k = 0;
        for (var p = random.NextDouble(); p > limit; p *= random.NextDouble())
        {
            k++;
        }
        return k;
    }

    [Theory]
    [InlineData(5.0)]
    [InlineData(40.0)]
    [InlineData(600.0)]
    public void An_ordinary_week_raises_no_alert_whatever_the_size_of_the_business(double perDay)
    {
        var alerts = 0;
        for (var seed = 1; seed <= 3; seed++)
        {
            var counts = Ordinary(perDay, seed);
            for (var end = 4 * 168 + 1; end <= counts.Length; end++)
            {
                alerts += StormDetector.Volume(counts.AsSpan(0, end), Monday, Defaults) is null ? 0 : 1;
            }
        }
        Assert.True(alerts <= 1, $"{alerts} alerts in three quiet weeks at {perDay} mentions a day");
    }

    [Fact]
    public void Ten_mentions_in_an_hour_at_a_bakery_that_gets_five_a_day_is_a_storm()
    {
        var counts = Ordinary(5, seed: 7);
        counts[^1] += 10;

        var signal = StormDetector.Volume(counts, Monday, Defaults);

        Assert.NotNull(signal);
        Assert.Equal(1, signal.WindowHours);
        Assert.True(signal.Expected < 1, $"expected {signal.Expected}");
    }

    [Fact]
    public void The_same_ten_mentions_at_a_chain_that_gets_a_hundred_an_hour_are_not()
    {
        var counts = Ordinary(2400, seed: 7);
        counts[^1] += 10;

        Assert.Null(StormDetector.Volume(counts, Monday, Defaults));
    }

    [Fact]
    public void Three_mentions_never_alert_when_the_rule_asks_for_five_even_in_a_silent_workspace()
    {
        var counts = new int[5 * 168];
        counts[^1] = 3;

        Assert.Null(StormDetector.Volume(counts, Monday, Defaults with { MinCount = 5 }));
        Assert.NotNull(StormDetector.Volume(counts, Monday, Defaults with { MinCount = 3 }));
    }

    [Fact]
    public void A_slow_burn_that_no_single_hour_shows_is_caught_over_the_last_half_day()
    {
        var counts = Ordinary(24, seed: 11);
        for (var i = counts.Length - 12; i < counts.Length; i++)
        {
            counts[i] += 2; // twice a busy hour, every hour, for twelve hours
        }

        var signal = StormDetector.Volume(counts, Monday, Defaults);

        Assert.NotNull(signal);
        Assert.True(signal.WindowHours >= 12, $"window {signal.WindowHours} h");
        Assert.Null(StormDetector.Volume(counts, Monday, Defaults with { Alpha = 1e-30 }));
    }

    [Fact]
    public void A_weekly_peak_is_learned_per_hour_of_the_week_and_does_not_alert()
    {
        // Every Monday at 9:00 the newsletter brings 15 mentions; the rest of the week is quiet.
        var counts = Ordinary(5, seed: 3);
        for (var week = 0; week < 5; week++)
        {
            counts[week * 168 + 9] += 15;
        }
        var mondayNineOfWeekFive = 4 * 168 + 10;

        Assert.Null(StormDetector.Volume(counts.AsSpan(0, mondayNineOfWeekFive), Monday, Defaults));
        // The same 15 on a Tuesday at 9:00 are a storm.
        var tuesday = Ordinary(5, seed: 3);
        for (var week = 0; week < 4; week++)
        {
            tuesday[week * 168 + 9] += 15;
        }
        tuesday[4 * 168 + 24 + 9] += 15;
        Assert.NotNull(StormDetector.Volume(tuesday.AsSpan(0, 4 * 168 + 24 + 10), Monday, Defaults));
    }

    [Fact]
    public void A_negative_share_well_above_the_usual_is_a_storm_and_the_usual_share_is_not()
    {
        var total = Enumerable.Repeat(4, 5 * 168).ToArray();
        var negative = Enumerable.Range(0, 5 * 168).Select(i => i % 4 == 0 ? 1 : 0).ToArray(); // one in sixteen
        Assert.Null(StormDetector.Share(negative, total, Defaults));

        for (var i = total.Length - 3; i < total.Length; i++)
        {
            negative[i] = 3;
        }
        var signal = StormDetector.Share(negative, total, Defaults);

        Assert.NotNull(signal);
        Assert.True(signal.Observed >= 9);
    }

    [Fact]
    public void Tail_probabilities_match_the_textbook_values_and_survive_large_means()
    {
        // P(X ≥ 3) for a Poisson of mean 1 = 1 − e⁻¹(1 + 1 + ½).
        Assert.Equal(1 - Math.Exp(-1) * 2.5, TailProbability.AtLeast(3, 1, 0), 10);
        Assert.Equal(1.0, TailProbability.AtLeast(0, 5, 0));
        // Overdispersion makes a big count less surprising.
        Assert.True(TailProbability.AtLeast(10, 2, 0.5) > TailProbability.AtLeast(10, 2, 0));
        // A thousand where five hundred were expected: tiny, but not zero and not NaN.
        var p = TailProbability.AtLeast(1000, 500, 0);
        Assert.InRange(p, double.Epsilon, 1e-50);
        Assert.Equal(0.25, TailProbability.BinomialAtLeast(2, 2, 0.5), 10);
        Assert.Equal(0.75, TailProbability.BinomialAtLeast(1, 2, 0.5), 10);
        Assert.Equal(0, TailProbability.BinomialAtLeast(3, 2, 0.5));
    }

    [Fact]
    public void A_past_storm_in_the_history_does_not_teach_the_baseline_that_storms_are_normal()
    {
        var counts = Ordinary(5, seed: 5);
        counts[2 * 168 + 30] += 60; // a storm two weeks ago, on this same hour of the week
        var sameHourNow = 4 * 168 + 30;
        counts[sameHourNow] += 10;

        Assert.NotNull(StormDetector.Volume(counts.AsSpan(0, sameHourNow + 1), Monday, Defaults));
    }
}
