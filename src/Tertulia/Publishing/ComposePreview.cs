using Microsoft.EntityFrameworkCore;
using Tertulia.Publishing.Score;
using Tertulia.Storage;

namespace Tertulia.Publishing;

/// <summary>
/// What the composer shows while the text is typed: the value score with its reasons, each channel's preview (the
/// parts it becomes, each measured against the channel's limit) and the caps' warnings or refusal for the chosen moment.
/// </summary>
public sealed class ComposePreview(
    IDbContextFactory<TertuliaDb> dbs,
    PublicationPlanner planner,
    PublishingRules rules,
    WorkspaceClock clock,
    ValueScoring scoring,
    TimeProvider time)
{
    public sealed record Request(string? Text, int[]? ChannelIds, DateTime? LocalTime, long? PublicationId = null);

    public sealed record Part(string Text, int Length);

    public sealed record ChannelPreview(int ChannelId, string Name, string Kind, int MaxLength, IReadOnlyList<Part> Parts);

    public sealed record Result(int Score, bool Promotional, IReadOnlyList<ValueModel.Reason> Reasons, IReadOnlyList<ChannelPreview> Channels,
        IReadOnlyList<PublishingRules.Notice> Warnings, PublishingRules.Notice? Refusal, DateTimeOffset At);

    public async Task<Result?> HandleAsync(int workspaceId, Request request, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var workspace = await db.Workspaces.AsNoTracking().SingleOrDefaultAsync(w => w.Id == workspaceId, ct);
        if (workspace is null)
        {
            return null;
        }
        var settings = await clock.SettingsAsync(workspaceId, ct);
        var text = BoundedText.Clip(request.Text?.Trim() ?? "", Publication.MaxTextLength);
        var assessment = scoring.Assess(text, settings.NamesBesides(workspace.Name));
        var channels = await planner.ChannelsAsync(db, workspaceId, request.ChannelIds, ct);
        var previews = channels.Select(c =>
        {
            var publisher = planner.PublisherFor(c.Kind)!;
            var parts = text.Length == 0 ? [] : planner.PartsFor(publisher, text).Select(p => new Part(p, publisher.Measure(p))).ToList();
            return new ChannelPreview(c.Id, c.Name, c.Kind.ToString(), publisher.MaxLength, parts);
        }).ToList();
        var zone = WorkspaceClock.Zone(settings.TimeZone);
        var at = request.LocalTime is { } local ? WorkspaceClock.ToInstant(local, zone) : time.GetUtcNow();
        var verdict = await rules.CheckAsync(db, settings, request.PublicationId, assessment.Promotional, at, channels, ct);
        return new Result(assessment.Score, assessment.Promotional, assessment.Reasons, previews, verdict.Warnings, verdict.Refusal, at);
    }
}
