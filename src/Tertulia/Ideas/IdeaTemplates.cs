using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Ideas;

/// <summary>
/// What customers are told when their idea reaches a status, per language: the workspace's own wording, or these
/// defaults. The defaults are messages to customers (content the team edits), not interface text, so they live here.
/// </summary>
public sealed class IdeaTemplates(IDbContextFactory<TertuliaDb> dbs, WriteGate writeGate)
{
    public static readonly string[] Languages = ["es", "en"];
    public static readonly IdeaStatus[] Announced = [IdeaStatus.UnderReview, IdeaStatus.Planned, IdeaStatus.Done, IdeaStatus.Declined];

    private static readonly Dictionary<(IdeaStatus, string), string> Defaults = new()
    {
        [(IdeaStatus.UnderReview, "es")] = "¡Hola, {name}! Gracias por tu sugerencia (\"{idea}\"). La estamos estudiando y te contaremos qué decidimos. {answer}",
        [(IdeaStatus.Planned, "es")] = "¡Hola, {name}! Nos pediste \"{idea}\" y vamos a hacerlo. {answer} ¡Gracias por la idea!",
        [(IdeaStatus.Done, "es")] = "¡Hola, {name}! Ya está: \"{idea}\". {answer} Gracias por pedirlo, sin ti no se nos habría ocurrido.",
        [(IdeaStatus.Declined, "es")] = "Hola, {name}. Gracias por proponernos \"{idea}\". Lo hemos pensado con calma y por ahora no lo vamos a hacer: {answer}",
        [(IdeaStatus.UnderReview, "en")] = "Hi {name}! Thanks for your suggestion (\"{idea}\"). We're looking into it and will let you know what we decide. {answer}",
        [(IdeaStatus.Planned, "en")] = "Hi {name}! You asked for \"{idea}\" and we're going to do it. {answer} Thanks for the idea!",
        [(IdeaStatus.Done, "en")] = "Hi {name}! It's done: \"{idea}\". {answer} Thanks for asking for it.",
        [(IdeaStatus.Declined, "en")] = "Hi {name}, thanks for suggesting \"{idea}\". We gave it real thought and we won't do it for now: {answer}",
    };

    public sealed record Template(IdeaStatus Status, string Language, string Text, bool Custom);

    public async Task<List<Template>> ListAsync(int workspaceId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var custom = await db.IdeaTemplates.AsNoTracking().Where(t => t.WorkspaceId == workspaceId).ToListAsync(ct);
        return Announced.SelectMany(s => Languages.Select(l =>
                custom.FirstOrDefault(c => c.Status == s && c.Language == l) is { } own
                    ? new Template(s, l, own.Text, true)
                    : new Template(s, l, Defaults[(s, l)], false)))
            .ToList();
    }

    public static string Default(IdeaStatus status, string language) =>
        Defaults.TryGetValue((status, language), out var text) ? text : Defaults[(status, "es")];

    /// <summary>Saves a workspace's wording; empty text goes back to the default. Null when the status is never announced.</summary>
    public async Task<string?> SaveAsync(int workspaceId, IdeaStatus status, string language, string? text, CancellationToken ct)
    {
        if (!Announced.Contains(status) || !Languages.Contains(language))
        {
            return "Templates exist for under review, planned, done and declined, in es or en.";
        }
        var clean = text?.Trim() ?? "";
        if (clean.Length > IdeaTemplate.TextLength)
        {
            return $"A template has at most {IdeaTemplate.TextLength} characters.";
        }
        await using var db = await dbs.CreateDbContextAsync(ct);
        using (await writeGate.EnterAsync(ct))
        {
            var row = await db.IdeaTemplates.SingleOrDefaultAsync(t => t.WorkspaceId == workspaceId && t.Status == status && t.Language == language, ct);
            if (clean.Length == 0)
            {
                if (row is not null)
                {
                    db.IdeaTemplates.Remove(row);
                }
            }
            else if (row is null)
            {
                db.IdeaTemplates.Add(new IdeaTemplate { WorkspaceId = workspaceId, Status = status, Language = language, Text = clean });
            }
            else
            {
                row.Text = clean;
            }
            await db.SaveChangesAsync(ct);
        }
        return null;
    }

    /// <summary>The template with the customer's name, the idea and the team's answer in it.</summary>
    public static string Fill(string template, string? name, string idea, string? answer)
    {
        var first = FirstName(name);
        // Without a name "¡Hola, {name}!" reads "¡Hola!", not "¡Hola, !".
        var text = first.Length == 0 ? template.Replace(", {name}", "").Replace(" {name}", "") : template;
        return text.Replace("{name}", first).Replace("{idea}", idea).Replace("{answer}", answer?.Trim() ?? "").Trim();
    }

    /// <summary>"Lucía Gómez &lt;lucia@correo.es&gt;" → "Lucía"; an address or a handle alone is not a name.</summary>
    internal static string FirstName(string? author)
    {
        var name = (author ?? "").Split('<')[0].Trim().Trim('"');
        if (name.Length == 0 || name.Contains('@'))
        {
            return "";
        }
        return name.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
    }
}
