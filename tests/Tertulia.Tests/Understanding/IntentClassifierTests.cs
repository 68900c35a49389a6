using Xunit;
using Tertulia.Understanding;

namespace Tertulia.Tests.Understanding;

public sealed class IntentClassifierTests
{
    private static readonly Lazy<Understander> Understander = new(Tertulia.Understanding.Understander.LoadShipped);

    [Theory]
    [InlineData("La app no funciona desde ayer", Intent.Complaint)]
    [InlineData("Qué vergüenza, dos horas esperando", Intent.Complaint)]
    [InlineData("¿Abrís el domingo por la tarde?", Intent.Question)]
    [InlineData("Alguien sabe si tienen pan sin gluten", Intent.Question)]
    [InlineData("Deberían abrir antes los sábados", Intent.Suggestion)]
    [InlineData("Estaría bien que hicierais envíos a domicilio", Intent.Suggestion)]
    [InlineData("Me gustaría que volviera la tarta de queso", Intent.Suggestion)]
    [InlineData("¡Enhorabuena! El mejor pan de Valladolid", Intent.Praise)]
    [InlineData("Thanks, the best croissants in town", Intent.Praise)]
    [InlineData("Do you deliver on Sundays?", Intent.Question)]
    [InlineData("Hoy llueve en Valladolid", Intent.Other)]
    public void Spanish_and_english_cues_give_the_intent(string text, Intent expected)
    {
        Assert.Equal(expected, Understander.Value.Understand(text).Intent);
    }

    [Fact]
    public void An_article_with_rhetorical_questions_is_no_question_to_answer()
    {
        var article = "¿Qué es lo que más nos pedís? Un pan que dure. " + string.Concat(Enumerable.Repeat(
            "Desde esta semana tenemos en el mostrador nuestro pan de masa madre con centeno, hecho a nuestro ritmo. ", 8));
        Assert.Equal(Intent.Other, Understander.Value.Understand(article).Intent);
    }

    [Theory]
    [InlineData("Gana dinero desde casa!!! Haz clic aquí http://x.biz http://y.biz", true)]
    [InlineData("BEST PRICES on w8 loss pills!!! No prescription needed 💊 Visit cheap-pills-online dot biz", true)]
    [InlineData("Sígueme y te sigo, followers gratis #follow #f4f #like #sigueme #tbt #love", true)]
    [InlineData("Hay oferta de pan los martes", false)]
    [InlineData("¿Tenéis descuento para jubilados?", false)]
    public void Spam_is_flagged_apart_from_the_intent(string text, bool spam)
    {
        Assert.Equal(spam, SpamDetector.IsSpam(text));
    }
}
