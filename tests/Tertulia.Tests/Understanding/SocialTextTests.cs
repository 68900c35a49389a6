using Xunit;
using Tertulia.Understanding;

namespace Tertulia.Tests.Understanding;

public sealed class SocialTextTests
{
    [Theory]
    [InlineData("Buenísimoooo", "buenisimo")]
    [InlineData("@Iberia mira esto http://t.co/xyz", "_user mira esto _url")]
    [InlineData("#NoMeGustaNada", "_tag no no_me no_gusta no_nada")]
    [InlineData("no me gusta nada. Pero el pan sí", "no no_me no_gusta no_nada pero el pan si")]
    [InlineData("jajajaja qué risa :)", "_risa que risa _emopos")]
    [InlineData("odio los lunes 😡", "odio los lunes _emoneg")]
    [InlineData("I don't like it", "i don't no_like no_it")]
    [InlineData("carro llamar", "carro llamar")]
    public void Social_text_is_normalised_before_the_model_reads_it(string text, string expected)
    {
        Assert.Equal(expected, SocialText.Normalise(text));
    }
}
