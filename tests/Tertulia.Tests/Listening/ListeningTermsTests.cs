using Tertulia.Listening;
using Xunit;

namespace Tertulia.Tests.Listening;

public sealed class ListeningTermsTests
{
    [Fact]
    public void A_network_is_asked_for_the_words_and_hashtags_a_query_listens_for_not_for_what_it_excludes()
    {
        var terms = ListeningTerms.From([
            QueryParser.Parse("(candeal OR \"horno el candeal\" OR #hornoelcandeal) -oferta"),
            QueryParser.Parse("panader* NEAR/3 valladolid AND site:elnorte.es"),
            QueryParser.Parse("pa* OR Candeal"),
        ]);

        Assert.Equal(["candeal", "\"horno el candeal\"", "panader", "valladolid"], terms.Keywords);
        Assert.Equal(["hornoelcandeal"], terms.Hashtags);
    }
}
