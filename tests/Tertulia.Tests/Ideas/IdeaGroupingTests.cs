using Tertulia.Ideas.Grouping;

namespace Tertulia.Tests.Ideas;

/// <summary>Suggestions that ask for the same thing meet, in Spanish and English; different wishes stay apart.</summary>
public sealed class IdeaGroupingTests
{
    private static string LabeledSet => Path.Combine(AppContext.BaseDirectory, "testdata", "ideas", "suggestions.tsv");

    [Theory]
    [InlineData("¿Haréis pan sin gluten?", "pan sin gluten los sábados, por favor")]
    [InlineData("Estaría bien que abrierais los domingos por la tarde", "You should open on Sundays, please!")]
    [InlineData("deberiais poner una terraza con mesas fuera", "would be great to have a couple of tables outside")]
    [InlineData("Please accept card payments for small amounts", "podríais poner datáfono sin mínimo? no llevo efectivo")]
    public void Two_ways_of_asking_for_one_thing_are_one_idea(string first, string second)
    {
        var ideas = IdeaGrouping.Group([SuggestionTerms.Of(first), SuggestionTerms.Of(second)]);
        Assert.Equal(ideas[0], ideas[1]);
    }

    [Theory]
    [InlineData("Estaría bien que tuvierais pan sin gluten", "Estaría bien que abrierais los domingos")]
    [InlineData("Deberíais poner bolsas de tela", "Deberíais poner una rampa en la entrada")]
    [InlineData("Would be great if you had vegan pastries", "Would be great if you had a loyalty card")]
    public void The_same_wording_for_different_wishes_is_two_ideas(string first, string second)
    {
        var ideas = IdeaGrouping.Group([SuggestionTerms.Of(first), SuggestionTerms.Of(second)]);
        Assert.NotEqual(ideas[0], ideas[1]);
    }

    [Fact]
    public void The_words_every_suggestion_shares_are_not_what_it_is_about()
    {
        var terms = SuggestionTerms.Of("Estaría genial que pusierais, por favor, pan de centeno");
        Assert.DoesNotContain("estaria", terms.Keys);
        Assert.DoesNotContain("genial", terms.Keys);
        Assert.DoesNotContain("favor", terms.Keys);
        Assert.Contains("=wholegrain", terms.Keys);
        Assert.Contains("=bread", terms.Keys);
    }

    [Fact]
    public void Terms_survive_being_stored_and_read_back()
    {
        var terms = SuggestionTerms.Of("Me gustaría que vendierais medias hogazas de espelta 🙂");
        var back = SuggestionTerms.Parse(SuggestionTerms.Serialize(terms));
        Assert.Equal(terms.Keys.Order(), back.Keys.Order());
        foreach (var (k, v) in terms)
        {
            Assert.Equal(v, back[k], 2);
        }
    }

    [Fact]
    public void The_labelled_set_has_over_200_suggestions_in_about_40_ideas_in_both_languages_with_a_held_out_part()
    {
        var set = LabeledSuggestions.Read(LabeledSet);
        Assert.True(set.Count >= 200, $"{set.Count} suggestions");
        Assert.InRange(set.Select(s => s.Idea).Distinct().Count(), 35, 45);
        Assert.Contains(set, s => s.Language == "en");
        var heldOut = set.Where(s => s.HeldOut).Select(s => s.Idea).ToHashSet();
        Assert.True(heldOut.Count >= 8);
        // Whole ideas are held out: none of them is in the training part.
        Assert.DoesNotContain(set, s => !s.HeldOut && heldOut.Contains(s.Idea));
    }

    [Fact]
    public void The_shipped_threshold_is_the_one_cross_validation_on_the_training_ideas_chooses()
    {
        var training = LabeledSuggestions.Read(LabeledSet).Where(s => !s.HeldOut).ToList();
        var (threshold, _) = LabeledSuggestions.Choose(LabeledSuggestions.FoldsOf(training), LabeledSuggestions.Ours);
        Assert.Equal(IdeaGrouping.Threshold, threshold, 3);
    }

    [Fact]
    public void On_the_held_out_ideas_grouping_beats_grouping_by_the_same_words()
    {
        var set = LabeledSuggestions.Read(LabeledSet);
        var training = set.Where(s => !s.HeldOut).ToList();
        var heldOut = set.Where(s => s.HeldOut).ToList();
        var folds = LabeledSuggestions.FoldsOf(training);
        var baseline = LabeledSuggestions.Score(heldOut, LabeledSuggestions.SameWords, LabeledSuggestions.Choose(folds, LabeledSuggestions.SameWords).Threshold);
        var ours = LabeledSuggestions.Score(heldOut, LabeledSuggestions.Ours, IdeaGrouping.Threshold);
        Assert.True(ours.F1 > baseline.F1 + 0.3, $"ours {ours}, same words {baseline}");
        Assert.True(ours.AdjustedRand > 0.6, ours.ToString());
    }

    [Fact]
    public void Pairwise_scores_are_perfect_for_the_same_grouping_and_zero_when_everything_is_apart()
    {
        string[] truth = ["a", "a", "b", "b", "b"];
        var same = GroupingQuality.Of(truth, [7, 7, 3, 3, 3]);
        Assert.Equal(1.0, same.F1, 6);
        Assert.Equal(1.0, same.AdjustedRand, 6);
        var apart = GroupingQuality.Of(truth, [0, 1, 2, 3, 4]);
        Assert.Equal(0.0, apart.F1, 6);
        Assert.True(apart.AdjustedRand <= 0.0);
    }
}
