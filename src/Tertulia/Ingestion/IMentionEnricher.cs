using Tertulia.Mentions;

namespace Tertulia.Ingestion;

/// <summary>
/// A CPU-only pipeline stage that adds what can be learnt from a mention's own content
/// (language, sentiment, intent...). Runs before the write transaction; must not throw on odd text.
/// </summary>
public interface IMentionEnricher
{
    void Enrich(Mention mention);
}
