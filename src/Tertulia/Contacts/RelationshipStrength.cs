using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Contacts;

/// <summary>
/// How close a customer is to the brand, 0 to 100, from two-way exchanges only: the brand answered one of their
/// messages and they answered that answer. Each exchange weighs 1 when it happens and halves every
/// <see cref="HalfLife"/>; strength = 100 · (1 − e^(−S / <see cref="Saturation"/>)) over the sum S of the weights.
/// Followers, likes and messages nobody answered count for nothing. docs/contacts.md has a worked example.
/// </summary>
public static class RelationshipStrength
{
    public static readonly TimeSpan HalfLife = TimeSpan.FromDays(90);

    /// <summary>S at which strength reaches 63: three fresh exchanges.</summary>
    public const double Saturation = 3.0;

    /// <summary>One exchange: the brand's answer and the customer's answer back to it.</summary>
    public readonly record struct Exchange(long BrandMentionId, long AnswerBackMentionId, DateTimeOffset At);

    public static double Of(IEnumerable<Exchange> exchanges, DateTimeOffset now)
    {
        return OfSum(exchanges.Sum(e => Weight(e.At, now)));
    }

    public static double Weight(DateTimeOffset at, DateTimeOffset now)
    {
        var age = Math.Max(0, (now - at).TotalDays);
        return Math.Pow(0.5, age / HalfLife.TotalDays);
    }

    /// <summary>The sum S of exchange weights is 100 · (1 − e^(−S / 3)), rounded to one decimal.</summary>
    public static double OfSum(double sum) => Math.Round(100 * (1 - Math.Exp(-sum / Saturation)), 1);

    // Halving is separable: 0.5^((now − at) / half-life) = Decay(now) · Growth(at), both measured from one fixed
    // moment. So a store can keep each exchange's Growth and add them up in SQL; S at any later moment is
    // Decay(moment) times that sum. From 2000, 2^(days / 90) stays far inside a double for centuries.
    private static readonly DateTimeOffset Origin = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>What an exchange at <paramref name="at"/> adds to a contact's growing sum.</summary>
    public static double Growth(DateTimeOffset at) => Math.Pow(2, (at - Origin).TotalDays / HalfLife.TotalDays);

    /// <summary>The factor that turns a sum of <see cref="Growth"/> before <paramref name="now"/> into S at <paramref name="now"/>.</summary>
    public static double Decay(DateTimeOffset now) => Math.Pow(0.5, (now - Origin).TotalDays / HalfLife.TotalDays);

    /// <summary>
    /// The least sum of <see cref="Growth"/> whose strength at <paramref name="now"/> is at least
    /// <paramref name="strength"/>: a database compares sums with it instead of computing each strength.
    /// </summary>
    public static double GrowthForStrength(double strength, DateTimeOffset now)
    {
        var decay = Decay(now);
        bool Reaches(double g) => OfSum(g * decay) >= strength;
        var (low, high) = (0.0, 1.0 / decay);
        while (!Reaches(high))
        {
            high *= 2;
        }
        // Down to neighbouring doubles: the least one that reaches it (the test checks the one below does not).
        while (Math.BitIncrement(low) < high)
        {
            var middle = low + (high - low) / 2;
            if (middle <= low || middle >= high)
            {
                break;
            }
            (low, high) = Reaches(middle) ? (low, middle) : (middle, high);
        }
        return high;
    }

    /// <summary>
    /// The two-way exchanges of each contact: a mention of theirs answering a brand mention that answered a mention of
    /// theirs. Several answers back to one brand message are one exchange (the first).
    /// </summary>
    public static async Task<Dictionary<int, List<Exchange>>> ExchangesAsync(
        TertuliaDb db, IReadOnlyCollection<int> contactIds, CancellationToken ct)
    {
        var ids = contactIds.ToList();
        var rows = await (
                from back in db.Mentions
                where back.ContactId != null && ids.Contains(back.ContactId.Value) && back.ParentId != null
                join brand in db.Mentions on back.ParentId equals (long?)brand.Id
                join account in db.Contacts on brand.ContactId equals (int?)account.Id
                where account.IsBrand && brand.ParentId != null
                join theirs in db.Mentions on brand.ParentId equals (long?)theirs.Id
                where theirs.ContactId == back.ContactId
                select new { ContactId = back.ContactId!.Value, BrandId = brand.Id, BackId = back.Id, back.Published })
            .ToListAsync(ct);
        return rows
            .GroupBy(r => r.ContactId)
            .ToDictionary(g => g.Key, g => g
                .GroupBy(r => r.BrandId)
                .Select(e => e.OrderBy(r => r.Published).ThenBy(r => r.BackId).First())
                .Select(r => new Exchange(r.BrandId, r.BackId, r.Published))
                .OrderBy(e => e.At)
                .ToList());
    }
}
