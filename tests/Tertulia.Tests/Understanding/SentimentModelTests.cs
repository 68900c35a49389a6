using Xunit;
using Tertulia.Understanding;

namespace Tertulia.Tests.Understanding;

public sealed class SentimentModelTests
{
    private static readonly Lazy<SentimentModel> Model = new(SentimentModel.LoadShipped);

    [Theory]
    [InlineData("Me encanta este sitio, el pan está buenísimo", Sentiment.Positive)]
    [InlineData("Buenísimoooo 😍😍 gracias!!", Sentiment.Positive)]
    [InlineData("Qué asco de servicio, una vergüenza, no vuelvo nunca", Sentiment.Negative)]
    [InlineData("No me gusta nada, fatal", Sentiment.Negative)]
    [InlineData("El pan no estaba bueno y el café frío :(", Sentiment.Negative)]
    [InlineData("I love this place, the croissants are amazing", Sentiment.Positive)]
    [InlineData("This is the worst service ever, I hate it", Sentiment.Negative)]
    [InlineData("I don't like it at all, terrible", Sentiment.Negative)]
    [InlineData("No es bueno, no lo recomiendo", Sentiment.Negative)]
    [InlineData("It is not good, I would not recommend it", Sentiment.Negative)]
    public void Obvious_texts_get_the_obvious_sentiment_in_spanish_and_english(string text, Sentiment expected)
    {
        Assert.Equal(expected, Model.Value.Read(text).Label);
    }

    [Fact]
    public void Negation_turns_a_liking_into_a_dislike()
    {
        var liked = Model.Value.Read("Me gusta mucho");
        var disliked = Model.Value.Read("No me gusta nada");
        Assert.Equal(Sentiment.Negative, disliked.Label);
        Assert.True(disliked.Score < liked.Score, $"{disliked.Score} should be below {liked.Score}");
    }

    [Fact]
    public void The_score_runs_from_minus_one_to_one_and_matches_the_probabilities()
    {
        var reading = Model.Value.Read("Gracias por todo, sois geniales");
        Assert.InRange(reading.Score, -1, 1);
        Assert.Equal(reading.Positive - reading.Negative, reading.Score, 2);
        Assert.Equal(1, reading.Negative + reading.Neutral + reading.Positive, 3);
    }

    [Fact]
    public void The_shipped_model_reads_the_features_it_was_trained_with()
    {
        Assert.Equal(FeatureSet.Shipped, Model.Value.Features);
        Assert.Equal(FeatureSet.Shipped, FeatureSet.Parse(FeatureSet.Shipped.Save()));
        Assert.Equal(3, Model.Value.Offsets.Count);
        Assert.Matches("^[0-9a-f]{12}$", Model.Value.Fingerprint);
    }

    [Theory]
    [InlineData("horribles", -1)]
    [InlineData("odiamos", -1)]
    [InlineData("alegria", 1)]
    [InlineData("cariñoso", 1)]
    [InlineData("teclado", 0)]
    [InlineData("ab", 0)]
    public void The_stem_lexicon_finds_a_words_polarity_by_its_stem(string word, int sign)
    {
        Assert.Equal(sign, Math.Sign(StemLexicon.Load().Polarity(word)));
    }

    [Fact]
    public void A_long_text_is_read_in_pieces_that_cover_all_of_it()
    {
        var text = string.Concat(Enumerable.Repeat("Me encanta este horno. El pan es buenísimo y el trato excelente. ", 30));
        var pieces = SentimentModel.Pieces(text).ToList();
        Assert.Equal(text, string.Concat(pieces));
        Assert.All(pieces, p => Assert.InRange(p.Length, 1, SentimentModel.PieceLength));
        Assert.Equal(Sentiment.Positive, Model.Value.Read(text).Label);
    }

    [Fact]
    public void The_model_can_be_read_from_many_threads_at_once()
    {
        var texts = Enumerable.Range(0, 400).Select(i => i % 2 == 0 ? "Qué maravilla de pan" : "Horrible, no vuelvo").ToArray();
        var labels = texts.AsParallel().Select(t => Model.Value.Read(t).Label).ToArray();
        Assert.All(labels.Where((_, i) => i % 2 == 0), l => Assert.Equal(Sentiment.Positive, l));
        Assert.All(labels.Where((_, i) => i % 2 == 1), l => Assert.Equal(Sentiment.Negative, l));
    }
}
