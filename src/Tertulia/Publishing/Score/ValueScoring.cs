namespace Tertulia.Publishing.Score;

/// <summary>The shipped value model, loaded once, scoring posts with the workspace's brand names.</summary>
public sealed class ValueScoring
{
    private readonly ValueModel _model = ValueModel.Shipped();

    public ValueModel Model => _model;

    public ValueModel.Assessment Assess(string text, IReadOnlyCollection<string> brandNames) => _model.Assess(text, brandNames);
}
