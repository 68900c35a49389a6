using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Tertulia.Listening;
using Xunit;

namespace Tertulia.Tests.Listening;

public sealed class QueryParserRobustnessTests
{
    private static readonly Gen<string> QueryLike =
        Gen.Elements("pan", "masa", " ", "\"", "(", ")", "-", "AND", "OR", "NOT", "NEAR/2", "NEAR", "~3", "*", "?", "autor:", "lang:es",
                "site:", "#", "@", "¿", "»", "ñ", ":", "'", "title:(", "raw:Pan", "NEAR/3f", "\t")
            .ArrayOf().Select(parts => string.Join("", parts));

    [Property(MaxTest = 2000)]
    public Property Any_text_either_parses_or_fails_with_a_position_inside_it() =>
        Prop.ForAll(Arb.From(Gen.OneOf(QueryLike, ArbMap.Default.GeneratorFor<string>().Where(s => s is not null))), text =>
        {
            if (QueryParser.TryParse(text, out var node, out var error))
            {
                // Whatever parses also prints and parses back to itself.
                return QueryParser.Parse(QueryPrinter.Print(node!)) == node;
            }
            return error!.Position >= 1 && error.Position <= Math.Max(1, text.Length + 1) && error.Reason.Length > 0;
        });
}
