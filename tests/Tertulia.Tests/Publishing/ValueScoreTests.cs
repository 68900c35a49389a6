using Tertulia.Publishing.Score;

namespace Tertulia.Tests.Publishing;

/// <summary>The shipped value model on posts a bakery would write: what it scores and the reasons it gives.</summary>
public sealed class ValueScoreTests
{
    private static readonly ValueModel Model = ValueModel.Shipped();
    private static readonly string[] Brand = ["Panadería La Espiga"];

    [Fact]
    public void A_sales_pitch_scores_as_promotional_and_still_says_why_when_every_signal_pushes_it_to_zero()
    {
        var pitch = Model.Assess("¡¡OFERTA!! Compra ya nuestro pan, el mejor de la ciudad: 20 % de descuento solo hoy en nuestra tienda online", Brand);

        Assert.True(pitch.Promotional);
        Assert.True(pitch.Score < ValueModel.PromotionalBelow, $"scored {pitch.Score}");
        var reasons = pitch.Reasons.ToDictionary(r => r.Feature, r => r.Points);
        foreach (var feature in new[] { "call_to_buy", "promo_words", "shop_link", "shouting" })
        {
            Assert.True(reasons.TryGetValue(feature, out var points) && points < 0, $"{feature} is a reason against: {string.Join(", ", pitch.Reasons)}");
        }
        Assert.DoesNotContain(pitch.Reasons, r => r.Points > 0);
        Assert.Equal(pitch.Reasons.OrderByDescending(r => Math.Abs(r.Points)).ToList(), pitch.Reasons);
    }

    [Fact]
    public void A_question_and_a_tip_for_the_community_score_as_value_with_those_reasons()
    {
        var post = Model.Assess("¿Cómo guardáis el pan para que aguante tierno? Un consejo: envuelto en un paño de algodón, nunca en la nevera. ¡Gracias por contarnos vuestros trucos!", Brand);

        Assert.False(post.Promotional);
        Assert.True(post.Score >= 80, $"scored {post.Score}");
        var features = post.Reasons.Where(r => r.Points > 0).Select(r => r.Feature).ToList();
        Assert.Contains("question", features);
        Assert.Contains("tip", features);
        Assert.Contains("thanks", features);
    }
}
