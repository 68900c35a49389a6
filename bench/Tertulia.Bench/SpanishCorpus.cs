using System.Text;
using Tertulia.Listening;

namespace Tertulia.Bench;

/// <summary>
/// Generated, realistic-looking Spanish mentions of small businesses (and the queries that listen for them),
/// from a fixed seed: the same run gives the same corpus.
/// </summary>
public sealed class SpanishCorpus(int seed = 20261125)
{
    public static readonly (string Name, string Handle)[] Brands =
    [
        ("Horno El Candeal", "hornoelcandeal"), ("Almendra y Miel", "almendraymiel"), ("Café Colón", "cafecolon"),
        ("Bicis Ruiz", "bicisruiz"), ("Ferretería Paco", "ferreteriapaco"), ("La Tahona de Laura", "tahonalaura"),
        ("Pastelería Nerea", "pasteleria_nerea"), ("Óptica Vallisoletana", "opticavalli"), ("Clínica Dental Sonrisa", "dentalsonrisa"),
        ("Librería Oletvm", "oletvm"), ("Frutería Begoña", "fruteriabegona"), ("Peluquería Marián", "pelumarian"),
        ("Taller Gómez", "tallergomez"), ("Bodega El Pingüino", "bodegapinguino"), ("Academia Ñandú", "academianandu"),
        ("Zapatería Iñaki", "zapateriainaki"), ("Floristería Azahar", "azaharflores"), ("Gimnasio Pisuerga", "gympisuerga"),
        ("Quesería La Vaca Tina", "lavacatina"), ("Mercería Rosario", "merceriarosario"),
    ];

    private static readonly string[] Openers =
        ["¿Alguien ha probado", "Hoy he ido a", "Ojo con", "Recomiendo muchísimo", "No volveré a", "¡Qué descubrimiento", "Ayer estuve en",
         "Mi madre siempre compra en", "Por fin abre", "¿Sabéis si abre hoy", "Menuda experiencia en", "Gracias a"];

    private static readonly string[] Products =
        ["el pan de masa madre", "la tarta de queso", "los cruasanes", "el café con leche", "las empanadas", "la hogaza de centeno",
         "el roscón", "las torrijas", "la bollería", "el pan sin gluten", "las magdalenas", "el bizcocho de naranja",
         "la revisión de la bici", "las gafas nuevas", "la limpieza dental", "el corte de pelo", "los zapatos", "el queso curado"];

    private static readonly string[] Opinions =
        ["está buenísimo", "me pareció caro para lo que es", "la atención fue excelente", "tardaron muchísimo en atender",
         "el trato fue fatal", "precio razonable y calidad top", "la cola daba la vuelta a la esquina", "nunca más",
         "tenían una oferta del 2x1", "mi hija es alérgica a los frutos secos y nadie avisó", "un servicio de diez",
         "la relación calidad-precio es imbatible", "subieron los precios otra vez", "¡repetiremos!", "qué decepción",
         "el personal muy amable", "acabé en urgencias por una intoxicación", "huele a gloria desde la calle"];

    private static readonly string[] Fillers =
        ["en el centro de Valladolid", "cerca de la Plaza Mayor", "en la calle Santiago", "junto al Campo Grande", "en Parquesol",
         "al lado del mercado del Val", "los domingos por la mañana", "después del trabajo", "con los niños", "el fin de semana",
         "como cada año", "aprovechando el puente", "sin reservar", "por recomendación de una amiga"];

    private static readonly string[] Tags =
        ["#Valladolid", "#comerciolocal", "#MasaMadre", "#panaderia", "#desayuno", "#pucela", "#SinGluten", "#FelizFinde", "#consumo"];

    private static readonly string[] Authors =
        ["Marisa Llorente", "Carmen R.", "Jorge_VLL", "Pili", "Andrés Gil", "Lucía Martín", "Tom from Leeds", "Nerea Iglesias",
         "Begoña Ruiz", "Iñaki Etxeberria", "@pucelana88", "Javi Sanz", "María José", "Paco Gómez", "Sofía Ñúñez"];

    private static readonly string[] Hosts =
        ["https://www.elnortedecastilla.es/valladolid/", "https://twitter.com/", "https://www.tripadvisor.es/opinion/",
         "https://blog.hornoelcandeal.example/", "https://www.google.com/maps/reviews/", "https://mastodon.social/@",
         "https://foro.pucela.example/hilo/", "https://www.instagram.com/p/"];

    private static readonly string[] English =
        ["Best bread I've had since moving to Valladolid", "Proper crust, proper chew. Cheers!", "Lovely staff, a bit pricey",
         "Queue was long but worth it", "Great coffee near the cathedral"];

    private readonly Random _random = new(seed);

    public MentionDocument NextMention()
    {
        var sb = new StringBuilder(400);
        var sentences = _random.Next(2, 6);
        string? language = "es";
        if (_random.Next(12) == 0)
        {
            language = "en";
            for (var i = 0; i < sentences; i++)
            {
                sb.Append(Pick(English)).Append(". ");
            }
        }
        for (var i = 0; i < sentences && language == "es"; i++)
        {
            var brand = Brands[_random.Next(Brands.Length)];
            var brandText = _random.Next(10) switch
            {
                < 6 => brand.Name,
                < 8 => "@" + brand.Handle,
                _ => "#" + brand.Handle,
            };
            sb.Append(Pick(Openers)).Append(' ');
            sb.Append(_random.Next(3) == 0 ? Pick(Products) + " de " + brandText : brandText).Append(' ');
            sb.Append(Pick(Fillers)).Append(": ");
            sb.Append(Pick(Products)).Append(' ').Append(Pick(Opinions));
            sb.Append(_random.Next(3) == 0 ? "… " : ". ");
        }
        if (_random.Next(3) == 0)
        {
            sb.Append(Pick(Tags)).Append(' ').Append(Pick(Tags));
        }
        var url = Pick(Hosts) + _random.Next(1_000_000);
        return new MentionDocument(_random.Next(4) == 0 ? Capitalise(Pick(Products)) + " " + Pick(Fillers) : null, sb.ToString().Trim())
        {
            Author = Pick(Authors),
            Url = url,
            Language = language == "es" && _random.Next(15) == 0 ? "ca" : language,
            Channel = _random.Next(2) == 0 ? "Blog feed" : "Foro feed",
            Sentiment = _random.Next(4) switch { 0 => "positive", 1 => "negative", 2 => "neutral", _ => null },
        };
    }

    /// <summary>Queries a community manager would write for these brands: five shapes per brand.</summary>
    public static List<string> Queries(int count)
    {
        var queries = new List<string>();
        for (var i = 0; queries.Count < count; i++)
        {
            var (name, handle) = Brands[i % Brands.Length];
            var brand = $"(\"{name}\" OR {handle})";
            queries.Add((i / Brands.Length % 5) switch
            {
                0 => $"\"{name}\" OR @{handle} OR #{handle}",
                1 => $"{brand} AND (precio* OR caro OR barato OR oferta*) -sorteo",
                2 => $"{brand} NEAR/6 (atención OR trato OR servicio OR cola)",
                3 => $"\"{name}\" AND (queja* OR fatal OR decepci?n OR \"nunca más\" OR urgencias) AND NOT author:\"Marisa Llorente\"",
                _ => $"{brand} AND (lang:es OR lang:ca) AND (site:elnortedecastilla.es OR site:tripadvisor.es OR url:/hilo/) AND NOT sentiment:positive",
            });
        }
        return queries;
    }

    private string Pick(string[] items) => items[_random.Next(items.Length)];

    private static string Capitalise(string s) => char.ToUpperInvariant(s[0]) + s[1..];
}
