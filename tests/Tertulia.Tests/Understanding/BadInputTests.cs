using Xunit;
using System.Text;
using Tertulia.Understanding;

namespace Tertulia.Tests.Understanding;

public sealed class BadInputTests
{
    private static readonly Lazy<Understander> Understander = new(Tertulia.Understanding.Understander.LoadShipped);

    public static TheoryData<string, string?> Inputs()
    {
        var random = new Random(7);
        var bytes = new byte[4096];
        random.NextBytes(bytes);
        return new TheoryData<string, string?>
        {
            { "null", null },
            { "empty", "" },
            { "whitespace", " \t\r\n " },
            { "huge", string.Concat(Enumerable.Repeat("No me gusta nada el servicio. ", 40_000)) },
            { "one huge word", new string('a', 1_000_000) },
            { "binary", Encoding.Latin1.GetString(bytes) },
            { "control characters", "\0\u0001\u0002\u001b[31m" },
            { "lone surrogates", "hola \ud800 mundo \udfff" },
            { "mixed scripts", "Me encanta 東京 и Москва, שלום 😍 مرحبا" },
            { "only emoji", "😀🔥💯" },
            { "only punctuation", "¿¡!?...,;:" },
            { "zero-width and combining", "bue\u0301n\u0301i\u200bsimo" },
        };
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Odd_input_gets_a_result_and_never_a_crash(string name, string? text)
    {
        var understood = Understander.Value.Understand(text);
        Assert.NotNull(understood.Language);
        Assert.InRange(understood.Sentiment.Score, -1, 1);
        Assert.True(Enum.IsDefined(understood.Intent), name);
    }

    [Fact]
    public void A_text_with_nothing_to_read_is_neutral_and_undetermined()
    {
        var understood = Understander.Value.Understand("   ");
        Assert.Equal(Sentiment.Neutral, understood.Sentiment.Label);
        Assert.Equal(LanguageDetector.Undetermined, understood.Language);
        Assert.Equal(Intent.Other, understood.Intent);
    }
}
