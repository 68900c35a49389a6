using Tertulia.Listening;
using Xunit;

namespace Tertulia.Tests.Listening;

public sealed class WordTokenizerTests
{
    [Theory]
    [InlineData("¿Está abierto hoy?", "esta|abierto|hoy")]
    [InlineData("¡«Pan» de AÑO nuevo!", "pan|de|año|nuevo")]
    [InlineData("l’Horta d'en Pep", "l|horta|d|en|pep")]
    [InlineData("#MasaMadre y @Horno_Candeal_", "#masamadre|y|@horno_candeal")]
    [InlineData("3,80 € el kilo…", "3|80|el|kilo")]
    [InlineData("Pingüino CAFÉ crème", "pinguino|cafe|creme")]
    [InlineData("n\u0303andu\u0301", "ñandu")]
    [InlineData("e-mail: ana@correo.es", "e|mail|ana|correo|es")]
    public void Splits_and_folds_spanish_text(string text, string words) =>
        Assert.Equal(words.Split('|'), WordTokenizer.Words(text));
}
