using Xunit;
using Tertulia.Understanding;

namespace Tertulia.Tests.Understanding;

/// <summary>The options issue 19's cross-validation compares: an ensemble file, scoped lexicon and airline features.</summary>
public sealed class SentimentEnsembleTests
{
    private static readonly (string Text, string Label)[] Texts =
    [
        ("me encanta, genial, gracias", "positive"), ("qué bueno, lo mejor", "positive"), ("love it, great", "positive"),
        ("odio esto, horrible", "negative"), ("fatal, lo peor, asco", "negative"), ("hate it, awful", "negative"),
        ("mañana abre a las nueve", "neutral"), ("el lunes hay reunión", "neutral"), ("the shop opens at nine", "neutral"),
    ];

    [Fact]
    public void An_ensemble_model_file_averages_the_probabilities_of_its_two_models()
    {
        var lexicon = SentimentLexicon.Load();
        var features = FeatureSet.Shipped with { LexiconScopes = true, DomainSignals = true };
        var rows = Texts.Select(t => SentimentExample.Of(t.Text, t.Label, lexicon, features)).ToList();
        var options = new SentimentTrainer.Options { Features = features, MaxIterations = 50 };
        var first = SentimentTrainer.Fit(rows, options);
        var second = SentimentTrainer.Fit(rows, options with { Trainer = SentimentTrainer.Algorithm.Sdca, L2 = 1e-4f, MaxIterations = 10 });

        var ensemble = SentimentModel.Load(new MemoryStream(SentimentModel.WithExtras(first, features, new float[3], second)));
        var one = SentimentModel.Load(new MemoryStream(SentimentModel.WithExtras(first, features, new float[3])));
        var other = SentimentModel.Load(new MemoryStream(SentimentModel.WithExtras(second, features, new float[3])));

        Assert.Equal(2, ensemble.Members);
        Assert.Equal(features, ensemble.Features);
        Assert.NotEqual(one.Fingerprint, ensemble.Fingerprint);
        var text = "no me gusta nada el vuelo de @Iberia, pero el personal genial";
        var (a, b, both) = (one.Read(text), other.Read(text), ensemble.Read(text));
        Assert.Equal((a.Negative + b.Negative) / 2, both.Negative, 4);
        Assert.Equal((a.Positive + b.Positive) / 2, both.Positive, 4);
    }

    [Theory]
    [InlineData("@Iberia llevo dos horas esperando", true)]
    [InlineData("El vuelo a Lima salió con retraso", true)]
    [InlineData("Qué bonito día en Sevilla", false)]
    public void A_text_reads_as_written_to_an_airline_by_its_carrier_or_its_travel_words(string text, bool airline) =>
        Assert.Equal(airline, SentimentFeatures.ReadsAsAirline(text, SocialText.Read(text).Tokens));

    [Fact]
    public void Feature_sets_without_the_new_options_save_as_before()
    {
        Assert.DoesNotContain("scopes", new FeatureSet { StemLexicon = true }.Save());
        var all = FeatureSet.Shipped with { LexiconScopes = true, DomainSignals = true, DomainWordCopies = true };
        Assert.Equal(all, FeatureSet.Parse(all.Save()));
    }
}
