using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tertulia.Channels.Network;
using Tertulia.Ingestion;
using Tertulia.Storage;

namespace Tertulia.Channels.Webhooks;

/// <summary>
/// POST /api/webhooks/{channelId}: a signed event from another tool. The signature is checked on the raw
/// bytes before anything is parsed; the mentions go through the pipeline like any channel's.
/// </summary>
public static class ReceiveWebhook
{
    public const int MaxBodyBytes = 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public sealed record Accepted(string EventId, int Received, int Added, int Duplicates);

    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/webhooks/{channelId:int}", HandleAsync)
            .WithTags("Webhooks")
            .WithName("ReceiveWebhook")
            // Signed with the channel's secret (HMAC) instead of a user's credentials.
            .AllowAnonymous()
            .DisableAntiforgery();
        return app;
    }

    public static async Task<Results<Ok<Accepted>, NotFound, ProblemHttpResult>> HandleAsync(
        int channelId,
        HttpRequest request,
        IDbContextFactory<TertuliaDb> dbs,
        ChannelSecrets secrets,
        IngestionPipeline pipeline,
        TimeProvider clock,
        FetchLimits limits,
        CancellationToken ct)
    {
        Channel? channel;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            channel = await db.Channels.AsNoTracking().SingleOrDefaultAsync(c => c.Id == channelId && c.Kind == ChannelKind.Webhook && c.Enabled, ct);
        }
        if (channel is null)
        {
            return TypedResults.NotFound();
        }
        byte[]? body;
        try
        {
            body = await ReadBodyAsync(request, limits, ct);
        }
        catch (ChannelException slow)
        {
            // A sender that trickles its event is cut off by the same rule as every fetch, and told why.
            await RecordRejectionAsync(dbs, channelId, slow.Message, clock, ct);
            return TypedResults.Problem(title: "The event arrived too slowly", detail: slow.Message, statusCode: StatusCodes.Status408RequestTimeout);
        }
        if (body is null)
        {
            return TypedResults.Problem(title: "The event is too large", detail: $"Events are limited to {MaxBodyBytes / 1024} KB.",
                statusCode: StatusCodes.Status413PayloadTooLarge);
        }
        string secret;
        try
        {
            secret = secrets.Unprotect<WebhookCredentials>(channel).Secret;
        }
        catch (ChannelException ex)
        {
            return TypedResults.Problem(title: "The channel cannot check signatures", detail: ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        if (!WebhookSignature.IsValid(secret, body, request.Headers[WebhookSignature.Header].FirstOrDefault()))
        {
            await RecordRejectionAsync(dbs, channel.Id, "An event arrived with a missing or wrong signature and was refused.", clock, ct);
            return TypedResults.Problem(title: "Bad signature",
                detail: $"Sign the raw body with HMAC-SHA256 and the channel's secret, and send it as '{WebhookSignature.Header}: sha256=<hex>'.",
                statusCode: StatusCodes.Status401Unauthorized);
        }

        WebhookEvent? webhookEvent;
        try
        {
            webhookEvent = JsonSerializer.Deserialize<WebhookEvent>(body, Json);
        }
        catch (JsonException ex)
        {
            await RecordRejectionAsync(dbs, channel.Id, $"A signed event was refused: it is not valid JSON (line {ex.LineNumber + 1}).", clock, ct);
            return TypedResults.Problem(title: "The event is not valid JSON",
                detail: $"Line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}: {ex.Message.Split('.')[0]}.", statusCode: StatusCodes.Status400BadRequest);
        }
        var (items, problems) = webhookEvent?.ToItems() ?? ([], ["The body must be a JSON object."]);
        if (problems.Count > 0)
        {
            await RecordRejectionAsync(dbs, channel.Id, "A signed event was refused: " + string.Join(" ", problems), clock, ct);
            return TypedResults.Problem(title: "The event cannot be read", detail: string.Join(" ", problems), statusCode: StatusCodes.Status400BadRequest);
        }

        var now = clock.GetUtcNow();
        var result = await pipeline.IngestAsync(channel.Id, items, stored =>
        {
            stored.LastPolledAt = now;
            stored.LastSuccessAt = now;
            stored.ErrorCount = 0;
            stored.LastError = null;
        }, ct);
        return TypedResults.Ok(new Accepted(webhookEvent!.Id!, result.Received, result.Added, result.Duplicates));
    }

    /// <summary>A refused event shows on the channel's page (state "failing") until the next accepted one.</summary>
    private static async Task RecordRejectionAsync(IDbContextFactory<TertuliaDb> dbs, int channelId, string error, TimeProvider clock, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var text = BoundedText.Clip(error, 2000);
        await db.Channels.Where(c => c.Id == channelId).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.LastError, text)
            .SetProperty(c => c.LastErrorAt, now)
            .SetProperty(c => c.ErrorCount, c => c.ErrorCount + 1), ct);
    }

    /// <summary>The raw body, or null when it is over the limit.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, FetchLimits limits, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }
        using var deadline = limits.Start("The sender", ct);
        await using var from = deadline.Watch(request.Body);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await ReadSlowAwareAsync(from, chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// Kestrel drops a body that arrives below its minimum data rate (240 bytes/s after a 5 s grace) with a
    /// BadHttpRequestException: that is the same trickling sender, told so as clearly as by the fetch limits.
    /// </summary>
    private static async Task<int> ReadSlowAwareAsync(Stream from, byte[] chunk, CancellationToken ct)
    {
        try
        {
            return await from.ReadAsync(chunk, ct);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status408RequestTimeout)
        {
            throw new ChannelException(
                "The sender sent its event too slowly (below the server's minimum data rate, 240 bytes a second); the request was cut off.", ex);
        }
    }
}
