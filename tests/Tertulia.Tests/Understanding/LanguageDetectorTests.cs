using Xunit;
using Tertulia.Understanding;

namespace Tertulia.Tests.Understanding;

public sealed class LanguageDetectorTests
{
    private static readonly Lazy<LanguageDetector> Detector = new(() => new LanguageDetector(LanguageModelTables.Load()));

    [Theory]
    [InlineData("¿A qué hora abrís mañana?", "es")]
    [InlineData("Esto de estar feliz mola", "es")]
    [InlineData("no me gusta nada", "es")]
    [InlineData("The bread was great, thanks!", "en")]
    [InlineData("Bon dia a tothom, com esteu?", "ca")]
    [InlineData("Obrigado pela ajuda, muito bom", "pt")]
    [InlineData("Merci beaucoup, c'est très bien", "fr")]
    [InlineData("Grazie mille, è bellissimo", "it")]
    [InlineData("Vielen Dank, das ist sehr gut", "de")]
    [InlineData("@user @user jajaja qué bueno http://t.co/abc #Valladolid", "es")]
    [InlineData("Привет, как дела?", "ru")]
    [InlineData("こんにちは世界", "ja")]
    public void Short_texts_and_tweets_get_their_language(string text, string expected)
    {
        Assert.Equal(expected, Detector.Value.Detect(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("😀😀 123 !!!")]
    [InlineData("http://example.com/path")]
    public void Texts_without_words_are_undetermined(string text)
    {
        Assert.Equal(LanguageDetector.Undetermined, Detector.Value.Detect(text));
    }
}
