using Tertulia.Storage;

namespace Tertulia.Tests.Storage;

public sealed class BoundedTextTests
{
    [Theory]
    [InlineData("Pan 🥖 rico", 5, "Pan ")]      // the baguette's two halves would be at 4 and 5: both go
    [InlineData("Pan 🥖 rico", 6, "Pan 🥖")]
    [InlineData("Pan 🥖 rico", 100, "Pan 🥖 rico")]
    [InlineData("Panadería", 4, "Pana")]
    public void Clip_never_leaves_half_an_emoji(string value, int max, string expected)
    {
        var clipped = BoundedText.Clip(value, max);

        Assert.Equal(expected, clipped);
        Assert.True(clipped.Length <= max);
        Assert.False(clipped.Length > 0 && char.IsHighSurrogate(clipped[^1]));
    }

    [Fact]
    public void A_snippet_marks_the_cut_and_stays_within_its_length()
    {
        var text = new string('a', 198) + "😡 fatal";

        var snippet = BoundedText.Snippet(text, 200);

        Assert.Equal(new string('a', 198) + "…", snippet);
        Assert.Equal("corto", BoundedText.Snippet("corto", 200));
    }
}
