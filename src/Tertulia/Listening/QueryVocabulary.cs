namespace Tertulia.Listening;

/// <summary>Every word a set of queries looks for, per field, under one numbering of term ids.</summary>
internal sealed class QueryVocabulary
{
    public TermDictionary Content { get; } = new();
    public TermDictionary Raw { get; } = new();
    public TermDictionary Title { get; } = new();
    public TermDictionary Author { get; } = new();
    public TermDictionary Channel { get; } = new();
    public int TermCount { get; private set; }
    public bool UsesLanguage { get; set; }
    public bool UsesHost { get; set; }
    public bool UsesUrl { get; set; }
    public bool UsesSentiment { get; set; }

    public int Add(QueryField field, string word) => DictionaryOf(field).Add(word, () => TermCount++);

    private TermDictionary DictionaryOf(QueryField field) => field switch
    {
        QueryField.Content => Content,
        QueryField.Raw => Raw,
        QueryField.Title => Title,
        QueryField.Author => Author,
        QueryField.Channel => Channel,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a word field"),
    };
}
