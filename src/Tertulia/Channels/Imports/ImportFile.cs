using Microsoft.EntityFrameworkCore;
using Tertulia.Ingestion;
using Tertulia.Storage;

namespace Tertulia.Channels.Imports;

/// <summary>
/// Imports an export file into a workspace: each format has one import channel per workspace, the rows go
/// through the pipeline in batches (stable ids, so importing the same file again adds nothing), and the
/// rows that cannot be read are reported with their line.
/// </summary>
public sealed class ImportFile(IDbContextFactory<TertuliaDb> dbs, IngestionPipeline pipeline, TimeProvider clock)
{
    public const long MaxFileBytes = 512L * 1024 * 1024;
    private const int Batch = 250;

    public sealed record Request(int WorkspaceId, ImportFormat Format, IReadOnlyDictionary<string, string>? Map = null, string? Author = null);

    public sealed record Report(int ChannelId, int Read, int Added, int Duplicates, IReadOnlyList<SkippedItem> Skipped);

    /// <summary>Rows stored so far out of the rows read.</summary>
    public readonly record struct Progress(int Done, int Total);

    public async Task<Report> HandleAsync(Request request, Stream file, IProgress<Progress>? progress, CancellationToken ct)
    {
        var bytes = await ReadAllAsync(file, ct);
        var read = request.Format switch
        {
            ImportFormat.Twitter => TwitterArchive.Read(bytes, request.Author),
            ImportFormat.Facebook => FacebookComments.Read(bytes),
            ImportFormat.GoogleMaps => GoogleMapsReviews.Read(bytes),
            _ => CsvMentions.Read(bytes, request.Map ?? new Dictionary<string, string>()),
        };
        var channelId = await ImportChannelAsync(request.WorkspaceId, request.Format, ct);

        var result = IngestResult.None;
        var batches = read.Items.Chunk(Batch).ToList();
        progress?.Report(new Progress(0, read.Items.Count));
        for (var i = 0; i < Math.Max(1, batches.Count); i++)
        {
            var batch = batches.Count == 0 ? [] : batches[i];
            var last = i >= batches.Count - 1;
            var now = clock.GetUtcNow();
            result = result.Plus(await pipeline.IngestAsync(channelId, batch, last ? stored => Record(stored, read, now) : null, ct));
            progress?.Report(new Progress(result.Received, read.Items.Count));
        }
        return new Report(channelId, read.Items.Count + read.Skipped.Count, result.Added, result.Duplicates, read.Skipped);
    }

    private static void Record(Channel channel, ImportRead read, DateTimeOffset now)
    {
        channel.LastPolledAt = now;
        channel.LastSuccessAt = now;
        channel.ErrorCount = 0;
        channel.LastSkippedCount = read.Skipped.Count;
        channel.LastError = read.Skipped.Count == 0 ? null
            : BoundedText.Clip($"{read.Skipped.Count} row(s) skipped: " + string.Join("; ", read.Skipped.Take(5)), 2000);
        channel.LastErrorAt = read.Skipped.Count == 0 ? channel.LastErrorAt : now;
    }

    /// <summary>One import channel per workspace and format: every file of that format lands in it, deduplicated.</summary>
    private async Task<int> ImportChannelAsync(int workspaceId, ImportFormat format, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await db.Workspaces.AnyAsync(w => w.Id == workspaceId, ct))
        {
            throw new ImportException($"There is no workspace {workspaceId}.");
        }
        var source = "import:" + ImportFormats.Key(format);
        var existing = await db.Channels.Where(c => c.WorkspaceId == workspaceId && c.Source == source).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
        if (existing is { } id)
        {
            return id;
        }
        var channel = new Channel
        {
            WorkspaceId = workspaceId,
            Kind = ChannelKind.Import,
            Name = $"Importación {ImportFormats.DisplayName(format)}",
            Source = source,
            CreatedAt = clock.GetUtcNow(),
            NextPollAt = DateTimeOffset.MaxValue,
        };
        db.Channels.Add(channel);
        await db.SaveChangesAsync(ct);
        return channel.Id;
    }

    private static async Task<byte[]> ReadAllAsync(Stream file, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await file.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxFileBytes)
            {
                throw new ImportException($"The file is larger than {MaxFileBytes / 1024 / 1024} MB.");
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

}

public static class ImportRegistration
{
    public static IServiceCollection AddImports(this IServiceCollection services)
    {
        services.AddScoped<ImportFile>();
        return services;
    }
}
