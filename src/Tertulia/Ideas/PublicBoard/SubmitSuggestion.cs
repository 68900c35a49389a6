using Microsoft.EntityFrameworkCore;
using Tertulia.Ingestion;
using Tertulia.Storage;

namespace Tertulia.Ideas.PublicBoard;

/// <summary>
/// A suggestion sent with a workspace's public form enters Tertulia as a mention of the form's channel, through the
/// pipeline (which sanitizes, understands, finds the contact and places it in an idea). Untrusted: sizes bounded,
/// plain text only, a field people do not see catches form-filling robots. Nothing of other customers comes back.
/// </summary>
public sealed class SubmitSuggestion(IDbContextFactory<TertuliaDb> dbs, IngestionPipeline pipeline, TimeProvider clock)
{
    public const int MinText = 10;
    public const int MaxText = 1000;
    public const int MaxName = 80;

    public sealed record Request(string? Text, string? Name, string? Trap);

    public enum Result
    {
        Received,
        NoBoard,
        TooShort,
        TooLong,
        NameTooLong,
    }

    public async Task<Result> HandleAsync(string slug, Request request, CancellationToken ct)
    {
        var board = await PublicIdeas.BoardAsync(dbs, slug, ct);
        if (board is not { IsPublic: true, FormChannelId: { } channelId })
        {
            return Result.NoBoard;
        }
        var text = (request.Text ?? "").Trim();
        var name = string.Join(' ', (request.Name ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length < MinText)
        {
            return Result.TooShort;
        }
        if (text.Length > MaxText)
        {
            return Result.TooLong;
        }
        if (name.Length > MaxName)
        {
            return Result.NameTooLong;
        }
        if (!string.IsNullOrEmpty(request.Trap))
        {
            // A robot filled the hidden field: thanked like anybody, stored nowhere.
            return Result.Received;
        }
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            if (!await db.Channels.AnyAsync(c => c.Id == channelId && c.Enabled, ct))
            {
                return Result.NoBoard;
            }
        }
        var item = new IncomingItem
        {
            ExternalId = "form-" + Guid.NewGuid().ToString("N"),
            Author = name.Length > 0 ? name : null,
            // Plain text on purpose: whatever markup was typed is shown as typed, never rendered.
            Text = text,
            Published = clock.GetUtcNow(),
        };
        await pipeline.IngestAsync(channelId, [item], null, ct);
        return Result.Received;
    }
}
