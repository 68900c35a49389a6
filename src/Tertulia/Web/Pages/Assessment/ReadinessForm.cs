using Microsoft.AspNetCore.Http;
using Tertulia.Assessment;

namespace Tertulia.Web.Pages.Assessment;

/// <summary>The check's form fields: one radio group (or checkboxes) per question, named <c>a_{key}</c>.</summary>
public static class ReadinessForm
{
    public const string Prefix = "a_";

    public static Dictionary<string, IReadOnlyList<string>> Read(IFormCollection form, Questionnaire questionnaire) =>
        questionnaire.Questions
            .Select(q => (q.Key, Values: form[Prefix + q.Key].OfType<string>().Where(v => v.Length > 0).Take(q.Options.Count).ToList()))
            .Where(a => a.Values.Count > 0)
            .ToDictionary(a => a.Key, a => (IReadOnlyList<string>)a.Values);
}

/// <summary>What the questions partial needs: the questions, the data beside them, and what was picked before.</summary>
public sealed record ReadinessFormView(Questionnaire Questionnaire, ReadinessEvidence Evidence, IReadOnlyDictionary<string, IReadOnlyList<string>> Picked);

/// <summary>What the result partial needs; <see cref="PdfUrl"/> is null where no PDF is offered (the client's page).</summary>
public sealed record ReadinessResultView(ReadinessAttempt Attempt, Questionnaire Questionnaire, string? PdfUrl, string? ShareUrl);
