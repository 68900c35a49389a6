namespace Tertulia.Ideas.Grouping;

/// <summary>
/// A small bilingual table of what customers of a shop, bakery or café ask about: each concept lists the folded
/// Spanish and English words (and word starts, written with a trailing *) that name it, so "celíaco", "gluten-free"
/// and "sin gluten" meet, and "domingo" meets "Sunday". Written by the team from general knowledge of the trade, not
/// from any one business; a word the table does not know still counts as itself (see <see cref="SuggestionTerms"/>).
/// </summary>
internal static class SuggestionConcepts
{
    private static readonly (string Concept, string Words)[] Table =
    [
        // Diets and allergies
        ("gluten", "gluten celiac* coeliac* celiaq*"),
        ("vegan", "vegan* vegetal* plant-based"),
        ("lactose", "lactosa lactose dairy leche milk avena oat soja soy almendra almond"),
        ("sugar", "azucar* sugar* diabet* endulz*"),
        ("allergen", "alergen* allergen* alergi* allergi* alergic* ingrediente* ingredient* etiquet* label* cartel* cartelit*"),
        ("nuts", "frutos nuts nut nueces almendras cacahuet* peanut*"),
        ("egg", "huevo huevos egg eggs"),
        ("wholegrain", "integral* wholegrain* wholemeal* wholewheat espelta spelt salvado bran centeno rye"),
        ("spicy", "picante* spicy chili chile guindilla"),
        // What is sold
        ("bread", "pan= panes barra barras hogaza* loaf loaves bread breads chapata* baguette* molde"),
        ("pastry", "bolleria* bollo bollos pastry pastries croissant* cruasan* napolitana* magdalena* muffin* dulce dulces"),
        ("cake", "tarta tartas cake cakes pastel* tarta* bizcocho*"),
        ("empanada", "empanada* relleno* filling*"),
        ("dough", "masa* dough pizza* congelad* frozen cruda raw hornear bake"),
        ("coffee", "cafe cafes coffee cafetera cortado espresso capuchino cappuccino latte"),
        ("sandwich", "bocadillo* bocata* sandwich* tostada* toast almuerzo* almorzar lunch brunch"),
        ("cinnamon", "canela cinnamon kanelbullar cardamomo cardamom caracola*"),
        ("seasonal", "temporada* seasonal season torrija* roscon* rosquilla* bunuelo* pumpkin calabaza navidad christmas pascua easter otono autumn"),
        // Sizes and portions
        ("small", "pequen* small* smaller mini* individual* medio media half mitad kilo 500g porcion* portion* tamano* size*"),
        ("kids", "nino* nina* nenes crio* peques kids kid children child infantil* merienda*"),
        // When
        ("sunday", "domingo* sunday* festivo* festivos"),
        ("saturday", "sabado* saturday*"),
        ("weekend", "finde* weekend* findes"),
        ("early", "temprano* early earlier madrug* madrugada"),
        ("evening", "tarde tardes evening* afternoon* noche night"),
        ("open", "abrir abris abrais abrierais abrieseis abran abrieran abierto abren abra open opening opens horario* hours"),
        ("closing", "cierre* cerrais cerrado* cierran closing closed close vacacion* holiday* agosto august calendario"),
        // Services
        ("delivery", "reparto* repartidor* entrega* delivery deliver* domicilio* franja* window* timbre"),
        ("order", "pedido* pedir encarg* order* online internet web reserv* formulario* whatsapp recoger* pick pickup"),
        ("slice", "cort* slice* sliced rebanad* cuchillo knife"),
        ("gift", "regal* gift* cesta* lote* hamper* vale vales voucher*"),
        ("payment", "tarjeta* card cards datafono* bizum contactless efectivo cash pago pagar payment* pay movil"),
        ("loyalty", "fideli* loyal* puntos points bono* cupon* habitual* regular*"),
        ("discount", "descuento* discount* rebaj* barato* cheap* oferta* precio* price* economic* caro caros expensive"),
        ("leftover", "sobra sobras sobrante* ayer yesterday leftover* tirar throwing waste desperdic* toogoodtogo"),
        ("design", "personaliz* custom* decor* tematic* themed foto photo disen* design* mensaje"),
        // The shop itself
        ("terrace", "terraza* terrace* mesas mesitas tables table fuera outside outdoor* acera plaza square patio"),
        ("seating", "sentar* sentarse sit seat* silla sillas chair* banco banquito bench* taburete* stool* de-pie standing"),
        ("access", "rampa* ramp* escalon* step* accesib* accessib* wheelchair carrito carro pram buggy"),
        ("bike", "bici bicis bicicleta* bike* bicycle* aparcabici* aparcamiento* rack* parking"),
        ("dog", "perro* perrit* dog dogs cuenco bowl mascota* pet pets"),
        ("wifi", "wifi wi-fi enchufe* plug* socket* portatil laptop cargar charge"),
        ("music", "musica music radio volumen volume ruido* noise loud"),
        ("queue", "cola colas queue* numero* turno* ticket* caja cajas till* mostrador counter cuela"),
        ("staff", "personal staff plantilla dependient* emplead* contrat* atender* agobiad* refuerz* reforz*"),
        // Sustainability
        ("bag", "bolsa* bag bags plastico* plastic papel paper tela cloth compostable* tupper*"),
        ("cup", "taza* cup cups vaso* termo* thermos reutiliz* reusable*"),
        // Telling customers
        ("news", "avis* newsletter email correo* mail novedad* instagram telegram canal redes publica* post posted anunci* notif*"),
        ("learn", "taller* workshop* curso* course* clase* class* aprend* learn*"),
        ("recipe", "receta* recipe* migas aprovech* blog"),
    ];

    private static readonly Dictionary<string, string> Exact = Table
        .SelectMany(t => t.Words.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !w.EndsWith('*')).Select(w => (Word: w.TrimEnd('='), t.Concept)))
        .DistinctBy(w => w.Word).ToDictionary(w => w.Word, w => w.Concept, StringComparer.Ordinal);

    /// <summary>The longest start that fits wins: "tarde" is evening, "tarjeta" payment.</summary>
    private static readonly (string Prefix, string Concept)[] Prefixes = Table
        .SelectMany(t => t.Words.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.EndsWith('*')).Select(w => (Prefix: w[..^1], t.Concept)))
        .OrderByDescending(p => p.Prefix.Length).ToArray();

    /// <summary>The concept a folded word names, or null.</summary>
    public static string? Find(string folded)
    {
        if (Exact.TryGetValue(folded, out var concept))
        {
            return "=" + concept;
        }
        foreach (var (prefix, c) in Prefixes)
        {
            if (folded.StartsWith(prefix, StringComparison.Ordinal))
            {
                return "=" + c;
            }
        }
        return null;
    }
}
