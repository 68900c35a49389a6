using Tertulia.Ingestion;

namespace Tertulia.Bench;

/// <summary>
/// Generates realistic customer mentions for a small Spanish business: posts with HTML, comments answering them,
/// accents, emoji, hashtags, links; deterministic for a given seed.
/// </summary>
public static class SpanishMentions
{
    private static readonly string[] Openers =
    [
        "Ayer pasé por la tienda y", "Os escribo porque", "Quería comentar que", "¡Qué maravilla!", "Muy decepcionado:",
        "Una pregunta:", "Estaría bien que", "Me gustaría que", "No sé si es normal pero", "Enhorabuena al equipo,",
        "Last week I visited and", "Honestly,",
    ];
    private static readonly string[] Middles =
    [
        "el pan de masa madre estaba buenísimo", "la atención fue de diez", "el pedido llegó con una hora de retraso",
        "nadie contestó al teléfono en toda la mañana", "el precio ha subido sin avisar", "la tarta de queso no llevaba lo que decía la etiqueta",
        "abráis también los domingos por la tarde", "tengáis opciones sin gluten y veganas", "el café estaba frío y nadie se disculpó",
        "la dependienta nos ayudó muchísimo con el encargo", "la web no funciona desde el móvil", "el reparto a domicilio es rapidísimo",
        "the croissants were amazing", "the staff was really friendly", "mi opinión es que deberían mejorar la limpieza",
    ];
    private static readonly string[] Closers =
    [
        "Gracias 😊", "Volveremos seguro.", "¿Alguien sabe algo?", "Qué vergüenza.", "#Valladolid #panaderia", "@hornoelcandeal",
        "Un saludo.", "No vuelvo.", "¡Seguid así! 👏", "Más info en https://example.org/reseña", "buenísimooo", "",
    ];
    private static readonly string[] Names =
    [
        "Lucía", "Mateo", "Carmen Ruiz", "Javier", "Ana Belén", "Óscar", "Nuria", "Íñigo", "Begoña", "Tom", "Sara M.", "Pili",
        "José Antonio", "Marta", "Rocío", "Álvaro", "Laura Pinedo", "Dani", "Irene", "Paco",
    ];

    /// <summary>The first item's date unless one is given: 1 January 2026, one item every 3 minutes after it.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Minutes between two consecutive items.</summary>
    public const int MinutesApart = 3;

    public static List<IncomingItem> Generate(int count, int seed = 42, DateTimeOffset? start = null) => Stream(count, seed, start).ToList();

    /// <summary>
    /// A start for <paramref name="count"/> items whose newest is still in the past (midnight UTC, so a day's runs
    /// agree): the pipeline dates a mention from the future at its arrival, and a million items from
    /// <see cref="DefaultStart"/> would reach 2031 — most of them piled into the hour the bench runs in.
    /// </summary>
    public static DateTimeOffset StartEndingBefore(DateTimeOffset now, int count) =>
        new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddMinutes(-(long)count * MinutesApart).AddDays(-1);

    /// <summary>The same items as <see cref="Generate"/>, one at a time: a million of them never sit in memory at once.</summary>
    public static IEnumerable<IncomingItem> Stream(int count, int seed = 42, DateTimeOffset? from = null)
    {
        var random = new Random(seed);
        var start = from ?? DefaultStart;
        string? lastPost = null;
        for (var i = 0; i < count; i++)
        {
            var isPost = lastPost is null || random.Next(5) == 0;
            var sentences = random.Next(1, isPost ? 6 : 3);
            var paragraphs = new List<string>();
            for (var s = 0; s < sentences; s++)
            {
                var text = $"{Pick(random, Openers)} {Pick(random, Middles)}. {Pick(random, Closers)}";
                paragraphs.Add(random.Next(4) == 0 ? $"<p><strong>{text}</strong></p>" : $"<p>{text}</p>");
            }
            var id = $"https://blog.example/?p={i}";
            yield return new IncomingItem
            {
                ExternalId = id,
                Url = $"https://blog.example/{(isPost ? "" : "c/")}{i}/",
                Author = Pick(random, Names),
                Published = start.AddMinutes((long)i * MinutesApart),
                Title = isPost ? $"Novedades del obrador número {i}" : null,
                Html = string.Concat(paragraphs),
                ParentExternalId = isPost ? null : lastPost,
                IsComment = !isPost,
            };
            if (isPost)
            {
                lastPost = id;
            }
        }
    }

    private static string Pick(Random random, string[] options) => options[random.Next(options.Length)];
}
