using DltBot.Catalog.Model;

namespace DltBot.Catalog;

/// <summary>The bilingual topic names and aliases, kept as data (contract; implemented by the importer work).</summary>
public sealed class TopicDirectory
{
    /// <summary>The directory shipped with the project.</summary>
    public static TopicDirectory Default => throw new NotImplementedException();

    /// <summary>The topic for a section heading as written in the list (unknown headings get a topic of their own).</summary>
    public Topic ForHeading(string heading) => throw new NotImplementedException();
}
