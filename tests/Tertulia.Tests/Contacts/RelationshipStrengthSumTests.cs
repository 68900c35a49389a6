using Tertulia.Contacts;

namespace Tertulia.Tests.Contacts;

/// <summary>
/// The dashboard counts strength bands in the database from sums of each exchange's growth; these prove that sum,
/// times the decay at the period's end, is the sum of halving weights, and that comparing it with the thresholds
/// puts every customer in the band their own strength would.
/// </summary>
public class RelationshipStrengthSumTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 23, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Growth_added_up_and_decayed_at_a_moment_is_the_sum_of_the_exchanges_weights_then()
    {
        var exchanges = new[] { Now.AddHours(-1), Now.AddDays(-45), Now.AddDays(-90), Now.AddDays(-400), Now.AddYears(-20) };
        var weights = exchanges.Sum(at => RelationshipStrength.Weight(at, Now));
        var decayed = RelationshipStrength.Decay(Now) * exchanges.Sum(RelationshipStrength.Growth);
        Assert.Equal(weights, decayed, 1e-12);
        Assert.Equal(1.0 + 0.5, RelationshipStrength.Decay(Now) * (RelationshipStrength.Growth(Now) + RelationshipStrength.Growth(Now.AddDays(-90))), 1e-12);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(25)]
    [InlineData(50)]
    [InlineData(75)]
    public void A_sum_reaches_a_band_exactly_when_its_strength_does(double band)
    {
        var threshold = RelationshipStrength.GrowthForStrength(band, Now);
        var decay = RelationshipStrength.Decay(Now);
        Assert.True(RelationshipStrength.OfSum(threshold * decay) >= band);
        Assert.True(RelationshipStrength.OfSum(Math.BitDecrement(threshold) * decay) < band);
        var random = new Random(7);
        for (var i = 0; i < 10_000; i++)
        {
            var growth = threshold * (0.5 + random.NextDouble());
            Assert.Equal(RelationshipStrength.OfSum(growth * decay) >= band, growth >= threshold);
        }
    }

    [Fact]
    public void Three_fresh_exchanges_are_a_strength_of_63()
    {
        var growth = 3 * RelationshipStrength.Growth(Now.AddMinutes(-1));
        Assert.Equal(63.2, RelationshipStrength.OfSum(growth * RelationshipStrength.Decay(Now)));
        Assert.True(growth >= RelationshipStrength.GrowthForStrength(50, Now) && growth < RelationshipStrength.GrowthForStrength(75, Now));
    }
}
