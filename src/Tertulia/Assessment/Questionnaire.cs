using System.Globalization;
using System.Text.Json;

namespace Tertulia.Assessment;

/// <summary>
/// The readiness check's questions, as data (Assessment/Content/readiness.json) in Spanish and English: a business
/// answers them to learn whether and how to be present on social networks.
/// </summary>
public sealed record Questionnaire(int Version, IReadOnlyList<Question> Questions)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Questionnaire Load()
    {
        using var stream = typeof(Questionnaire).Assembly.GetManifestResourceStream("Assessment/Content/readiness.json")
            ?? throw new InvalidOperationException("The readiness questions are missing from the build.");
        return JsonSerializer.Deserialize<Questionnaire>(stream, Json)
            ?? throw new InvalidOperationException("The readiness questions are empty.");
    }

    public Question? Find(string key) => Questions.FirstOrDefault(q => q.Key == key);

    public IEnumerable<Question> Scored => Questions.Where(q => q.Scored);
}

public sealed record Question(string Key, bool Scored, bool Multiple, Localized Text, Localized Help, IReadOnlyList<AnswerOption> Options)
{
    /// <summary>Points of the best answer: a dimension's score is its points over this.</summary>
    public int MaxPoints => Options.Max(o => o.Points);

    public AnswerOption? Option(string key) => Options.FirstOrDefault(o => o.Key == key);
}

/// <summary>One answer a person can pick; <see cref="Goal"/> names what the goals question's answers aim at.</summary>
public sealed record AnswerOption(string Key, int Points, Localized Text, string? Goal = null);

/// <summary>A text in both languages; the culture of the request picks one (Spanish unless it is English).</summary>
public sealed record Localized(string Es, string En)
{
    public string For(CultureInfo culture) => culture.TwoLetterISOLanguageName == "en" ? En : Es;

    public override string ToString() => For(CultureInfo.CurrentUICulture);
}
