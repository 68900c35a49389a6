namespace Tertulia.Alerts.Rules;

/// <summary>
/// What a workspace wants to be woken for: a kind of storm, on the whole workspace or one listening query. Every new
/// workspace gets <see cref="DefaultRules"/>, so a newcomer is alerted without setting anything up.
/// </summary>
public sealed class AlertRule
{
    public int Id { get; set; }
    public int WorkspaceId { get; set; }
    /// <summary>Only the mentions this listening query matched; null = the whole workspace.</summary>
    public int? QueryId { get; set; }
    public required string Name { get; set; }
    public AlertKind Kind { get; set; }
    public bool Enabled { get; set; } = true;
    /// <summary>Fewer mentions than this in a window never alert (volume, share, complaints); for SLA breaches, how many pile up.</summary>
    public int MinCount { get; set; } = 3;
    /// <summary>How surprising a window must be: 1 = only very surprising (α 1e-6), 2 = normal (1e-4), 3 = eager (1e-2).</summary>
    public int Sensitivity { get; set; } = 2;
    /// <summary>For <see cref="AlertKind.RiskMention"/>: words and phrases, one a line (matched folded: "alergia" finds "Alergia", "alérgia").</summary>
    public string? RiskTerms { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public const int MaxNameLength = 120;
    public const int MaxRiskTermsLength = 4000;

    public double Alpha => Sensitivity switch { 1 => 1e-6, 3 => 1e-2, _ => 1e-4 };
}

public enum AlertKind
{
    /// <summary>Many more mentions than this hour of the week usually brings.</summary>
    Volume = 1,
    /// <summary>The share of negative mentions well above the usual share.</summary>
    NegativeShare = 2,
    /// <summary>More complaints than usual.</summary>
    Complaints = 3,
    /// <summary>One mention with a word of the risk vocabulary (alergia, denuncia, OCU...): one is enough.</summary>
    RiskMention = 4,
    /// <summary>Conversations past their first-answer target piling up in the inbox.</summary>
    SlaBreaches = 5,
}

public static class DefaultRules
{
    /// <summary>What a small Spanish business should hear about (and the same words in English, for tourists' reviews).</summary>
    public const string RiskVocabulary = """
        alergia
        alérgico
        alérgica
        alérgenos
        intoxicación
        intoxicado
        urgencias
        hospital
        denuncia
        denunciar
        estafa
        timo
        fraude
        OCU
        FACUA
        consumo
        abogado
        demanda
        sanidad
        allergy
        allergic
        food poisoning
        lawyer
        scam
        """;

    public static IEnumerable<AlertRule> For(int workspaceId, DateTimeOffset now)
    {
        AlertRule Rule(string name, AlertKind kind, int minCount, string? terms = null) => new()
        {
            WorkspaceId = workspaceId, Name = name, Kind = kind, MinCount = minCount, RiskTerms = terms, CreatedAt = now, UpdatedAt = now,
        };
        yield return Rule("Pico de menciones", AlertKind.Volume, 5);
        yield return Rule("Más críticas de lo normal", AlertKind.NegativeShare, 3);
        yield return Rule("Oleada de quejas", AlertKind.Complaints, 3);
        yield return Rule("Mención de riesgo", AlertKind.RiskMention, 1, RiskVocabulary);
        yield return Rule("Respuestas fuera de plazo", AlertKind.SlaBreaches, 5);
    }
}
