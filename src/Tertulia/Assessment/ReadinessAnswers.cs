using System.Text.Json;

namespace Tertulia.Assessment;

/// <summary>
/// A person's answers: question key → the option keys picked (one, or several for a multiple-choice question).
/// Checked against the questionnaire before anything is stored, so bad input gets a clear reason and loses nothing.
/// </summary>
public static class ReadinessAnswers
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string? Problem(Questionnaire questionnaire, IReadOnlyDictionary<string, IReadOnlyList<string>> answers, ReadinessEvidence evidence)
    {
        foreach (var (key, picked) in answers)
        {
            var question = questionnaire.Find(key);
            if (question is null)
            {
                return $"'{key}' is not a question of the readiness check.";
            }
            if (picked.Count > question.Options.Count || (!question.Multiple && picked.Count > 1))
            {
                return $"'{key}' takes {(question.Multiple ? "each option at most once" : "one answer")}.";
            }
            if (picked.FirstOrDefault(p => question.Option(p) is null) is { } unknown)
            {
                return $"'{unknown}' is not an answer to '{key}'.";
            }
        }
        // A question the data already answers may be left blank; the others need the person's answer.
        var missing = questionnaire.Scored
            .Where(q => evidence.AnswerFor(q.Key) is null && (!answers.TryGetValue(q.Key, out var p) || p.Count == 0))
            .Select(q => q.Key).ToList();
        return missing.Count == 0 ? null : "Answer these questions: " + string.Join(", ", missing) + ".";
    }

    public static string ToJson(IReadOnlyDictionary<string, IReadOnlyList<string>> answers) =>
        JsonSerializer.Serialize(answers.Where(a => a.Value.Count > 0).ToDictionary(a => a.Key, a => a.Value.Distinct().ToArray()), Json);

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> FromJson(string json) =>
        (JsonSerializer.Deserialize<Dictionary<string, string[]>>(json, Json) ?? [])
            .ToDictionary(a => a.Key, a => (IReadOnlyList<string>)a.Value);

    public static string EvidenceToJson(ReadinessEvidence evidence) => JsonSerializer.Serialize(evidence, Json);

    public static ReadinessEvidence EvidenceFromJson(string json) =>
        JsonSerializer.Deserialize<ReadinessEvidence>(json, Json) ?? throw new InvalidOperationException("Empty evidence.");
}
