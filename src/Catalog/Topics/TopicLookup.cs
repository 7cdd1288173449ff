using DltBot.Catalog.Model;

namespace DltBot.Catalog;

/// <summary>Finds a section of a list by any of its topic's names or aliases, in either language (contract).</summary>
public static class TopicLookup
{
    public static Section? Find(ReadingList list, string name) => throw new NotImplementedException();

    /// <summary>The closest topic names for an unknown one, best first, for "did you mean" messages.</summary>
    public static IReadOnlyList<string> Suggest(ReadingList list, string name, int max = 3) => throw new NotImplementedException();
}
