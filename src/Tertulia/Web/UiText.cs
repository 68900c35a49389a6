namespace Tertulia.Web;

/// <summary>Marker for the UI's strings: Web/UiText.resx (Spanish) and UiText.en.resx (English), generated from UiText.tsv by tools/resx.py.</summary>
public sealed class UiText;
