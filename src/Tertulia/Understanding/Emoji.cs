using System.Text;

namespace Tertulia.Understanding;

/// <summary>The feeling most people mean with an emoji, for the common ones; other pictographs count as neutral.</summary>
internal static class Emoji
{
    private const string Happy = "😀😃😄😁😆😅😂🤣😊😇🙂😉😍🥰😘😗😙😚😋😛😜🤪😝🤗🤩🥳😎👍👏🙌💪🎉🎊❤💕💖💗💓💞💘💝🧡💛💚💙💜🤍🤎♥😻✨🌟⭐🔥💯🥇🏆🌹🌸🤤😌🙏✌👌🤝🍾🥂☺";
    private const string Unhappy = "😞😔😟😕🙁☹😣😖😫😩🥺😢😭😤😠😡🤬🤯😱😨😰😥😓🤢🤮🤧😷🤒🤕💔👎😒🙄😑😐😬🤥😪😴💩🖕😿😾⚠❌🚫😵🤦";

    private static readonly HashSet<int> Positive = Codes(Happy);
    private static readonly HashSet<int> Negative = Codes(Unhappy);

    /// <summary>+1, -1, 0 for another pictograph, or null when the character is no emoji at all.</summary>
    public static int? Polarity(Rune rune)
    {
        if (Positive.Contains(rune.Value))
        {
            return 1;
        }
        if (Negative.Contains(rune.Value))
        {
            return -1;
        }
        var v = rune.Value;
        return v is >= 0x1F300 and <= 0x1FAFF or >= 0x2600 and <= 0x27BF ? 0 : null;
    }

    private static HashSet<int> Codes(string emoji)
    {
        var set = new HashSet<int>();
        foreach (var rune in emoji.EnumerateRunes())
        {
            set.Add(rune.Value);
        }
        return set;
    }
}
