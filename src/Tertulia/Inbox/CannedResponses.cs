using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Inbox;

/// <summary>A workspace's saved answers, and filling their variables for one conversation.</summary>
public sealed partial class CannedResponses(IDbContextFactory<TertuliaDb> dbs, WriteGate writeGate)
{
    public const int MaxPerWorkspace = 500;

    public sealed record Outcome(CannedResponse? Saved, string? Error = null, bool NotFound = false);

    public async Task<List<CannedResponse>> ListAsync(int workspaceId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.CannedResponses.AsNoTracking().Where(c => c.WorkspaceId == workspaceId).OrderBy(c => c.Shortcut).ToListAsync(ct);
    }

    public async Task<Outcome> SaveAsync(int workspaceId, int? id, string? shortcut, string? text, CancellationToken ct)
    {
        var cleanShortcut = shortcut?.Trim().ToLowerInvariant() ?? "";
        var cleanText = text?.Trim() ?? "";
        if (cleanShortcut.Length is 0 or > CannedResponse.ShortcutLength || cleanShortcut.Any(char.IsWhiteSpace))
        {
            return new Outcome(null, $"A shortcut has 1 to {CannedResponse.ShortcutLength} characters and no spaces.");
        }
        if (cleanText.Length is 0 or > CannedResponse.MaxTextLength)
        {
            return new Outcome(null, $"A canned response has 1 to {CannedResponse.MaxTextLength} characters.");
        }
        await using var db = await dbs.CreateDbContextAsync(ct);
        using (await writeGate.EnterAsync(ct))
        {
            if (!await db.Workspaces.AnyAsync(w => w.Id == workspaceId, ct))
            {
                return new Outcome(null, NotFound: true);
            }
            var saved = id is { } existingId
                ? await db.CannedResponses.SingleOrDefaultAsync(c => c.Id == existingId && c.WorkspaceId == workspaceId, ct)
                : null;
            if (id is not null && saved is null)
            {
                return new Outcome(null, NotFound: true);
            }
            if (await db.CannedResponses.AnyAsync(c => c.WorkspaceId == workspaceId && c.Shortcut == cleanShortcut && c.Id != (id ?? 0), ct))
            {
                return new Outcome(null, $"The shortcut \"{cleanShortcut}\" is taken.");
            }
            if (saved is null)
            {
                if (await db.CannedResponses.CountAsync(c => c.WorkspaceId == workspaceId, ct) >= MaxPerWorkspace)
                {
                    return new Outcome(null, $"A workspace has at most {MaxPerWorkspace} canned responses.");
                }
                saved = new CannedResponse { WorkspaceId = workspaceId, Shortcut = cleanShortcut, Text = cleanText };
                db.CannedResponses.Add(saved);
            }
            saved.Shortcut = cleanShortcut;
            saved.Text = cleanText;
            await db.SaveChangesAsync(ct);
            return new Outcome(saved);
        }
    }

    public async Task<bool> DeleteAsync(int workspaceId, int id, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        using (await writeGate.EnterAsync(ct))
        {
            return await db.CannedResponses.Where(c => c.Id == id && c.WorkspaceId == workspaceId).ExecuteDeleteAsync(ct) > 0;
        }
    }

    /// <summary>The canned response's text for one conversation, variables filled; null when either does not exist in the workspace.</summary>
    public async Task<string?> FillAsync(int workspaceId, int cannedId, long conversationId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var canned = await db.CannedResponses.AsNoTracking().SingleOrDefaultAsync(c => c.Id == cannedId && c.WorkspaceId == workspaceId, ct);
        var conversation = await db.Conversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == conversationId && c.WorkspaceId == workspaceId, ct);
        if (canned is null || conversation is null)
        {
            return null;
        }
        var brand = await db.Workspaces.Where(w => w.Id == workspaceId).Select(w => w.Name).SingleAsync(ct);
        return Fill(canned.Text, new Dictionary<string, string>
        {
            ["nombre"] = FirstName(conversation.CustomerName),
            ["marca"] = brand,
            ["asunto"] = conversation.Subject ?? "",
        });
    }

    /// <summary>Replaces {variable} (Spanish names, or their English twins) with its value; unknown variables stay as written.</summary>
    public static string Fill(string text, IReadOnlyDictionary<string, string> values) =>
        Variable().Replace(text, m =>
        {
            var name = m.Groups[1].Value.ToLowerInvariant();
            name = name switch { "name" => "nombre", "brand" => "marca", "subject" => "asunto", _ => name };
            return values.TryGetValue(name, out var value) ? value : m.Value;
        });

    /// <summary>"Lucía" from "Lucía Pérez &lt;lucia@…&gt;", "Ana (@ana@…)", "lucia@cliente.example" or "@ana@…".</summary>
    public static string FirstName(string? author)
    {
        var s = author?.Trim() ?? "";
        var cut = s.IndexOfAny(['<', '(']);
        if (cut > 0)
        {
            s = s[..cut].Trim().Trim('"');
        }
        if (s.StartsWith('@'))
        {
            s = s[1..];
        }
        var at = s.IndexOf('@');
        if (at > 0)
        {
            s = s[..at];
        }
        var first = s.Split([' ', '.', '_'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        return first.Length == 0 ? "" : char.ToUpperInvariant(first[0]) + first[1..];
    }

    [GeneratedRegex(@"\{([A-Za-zñÑ]+)\}")]
    private static partial Regex Variable();
}
