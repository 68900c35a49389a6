namespace Tertulia.Ideas.Grouping;

/// <summary>
/// Words that say nothing about what is asked: function words of Spanish and English, and the wording every
/// suggestion shares ("estaría bien que", "deberíais", "me gustaría", "please", "you should"), folded (no accents).
/// Written by the team from general knowledge of how customers phrase requests.
/// </summary>
internal static class SuggestionStopWords
{
    private static readonly HashSet<string> Words = new(
        """
        el la los las lo un una unos unas uno del al que de en con por para pero como mas muy mucho mucha muchos muchas
        poco poca pocos pocas este esta esto estos estas ese esa eso esos esas aquel alli aqui ahi cada todo toda todos todas
        otro otra otros otras mismo misma algo algun alguno alguna algunos algunas nada nadie ningun ninguna ese
        yo tu usted ustedes nosotros vosotros ellos ellas mi mis su sus nuestro nuestra vuestro vuestra vuestros vuestras
        me te se nos os les le sus tus porque pues asi tambien tampoco siempre nunca ya aun todavia solo sino
        si no ni hay haya hubiera hubiese ser estar sea sean seria serian fuera fuese era es son esta estan estaria
        estarian haber habia tener tengo tiene tienen tenemos teneis tuvierais tuvieran tuvieseis tener
        hacer hago hace hacen haceis hicierais hicieran hicieseis hiciera hagais
        poner pongo pone ponen poneis pusierais pusieran pusieseis pongais
        poder puedo puede pueden podemos podeis podriais podrian podria pudierais pudieran
        deber deberiais deberian deberias deberia deberiamos
        gustar gustaria gustarian encantaria encantarian encanta encantan gusta gustan
        bien genial guay bueno buena buenos buenas ideal estupendo estupenda mejor puntazo interesante
        idea sugerencia sugiero propongo propuesta favor porfa porfi xfa plis please pls gracias hola
        querer quiero queria quisiera ojala ver vez veces dia dias hoy ayer manana rato
        sacar sacais saquen saqueis ofrecer ofreceis ofrezcais incluir anadir mejorar cambiar
        casa gente cosa cosas sitio sitios tipo rollo caso hora horas tiempo
        etc pues cierto claro sin con free
        the and for but with you your yours they them their our ours we us it its this that these those there here
        what when where why who how which would could should can will shall might must may
        be been being is are was were am have has had having do does did doing get got make made
        please add offer great nice good lovely amazing love like idea suggestion suggest maybe also just really
        more less some any all every one ones thing things lot lots bit even only still too very much many
        from into onto over about after before again then than so if or not no yes thanks thank
        """.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries),
        StringComparer.Ordinal);

    public static bool Contains(string folded) => Words.Contains(folded);
}
