using System.Globalization;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Commands.Moderation;
using DltBot.Bot.Localization;

namespace DltBot.Bot.LinkHealth;

/// <summary>
/// Progress of a link check on the command line: a bar redrawn in place on a terminal, a plain line every tenth of the
/// way when the output goes to a file or a pipe. Reported from one thread (the run's writer), so it writes directly.
/// </summary>
public sealed class LinkCheckConsoleProgress(TextWriter output, bool terminal, Language language) : IProgress<LinkCheckProgress>
{
    private const int BarWidth = 30;
    private static readonly CommandText Line = new("checked {0} of {1} links ({2} failing)", "已检查 {0}/{1} 个链接（{2} 个失败）");
    private int _lastTenth = -1;

    public void Report(LinkCheckProgress value)
    {
        var text = string.Format(CultureInfo.InvariantCulture, Line.In(language), value.Done, value.Total, value.Failed);
        if (terminal)
        {
            var filled = value.Total == 0 ? BarWidth : value.Done * BarWidth / value.Total;
            output.Write($"\r[{new string('#', filled)}{new string('.', BarWidth - filled)}] {text}");
            if (value.Done >= value.Total) output.WriteLine();
            output.Flush();
            return;
        }
        var tenth = value.Total == 0 ? 10 : value.Done * 10 / value.Total;
        if (tenth == _lastTenth) return;
        _lastTenth = tenth;
        output.WriteLine(text);
    }
}

/// <summary>What <c>dltbot catalog check --links</c> prints after the run: the numbers, then every finding as <c>/dlt-mod check</c> lists them.</summary>
public static class LinkCheckReport
{
    private static readonly CommandText Summary = new(
        "Checked {0} links in {1}: {2} reachable, {3} failing, {4} undecided; {5} dead, {6} moved.",
        "已检查 {0} 个链接，用时 {1}：{2} 个可访问，{3} 个失败，{4} 个无法判断；{5} 个失效，{6} 个已迁移。");

    /// <returns>Whether a dead link was found.</returns>
    public static bool Write(TextWriter output, LinkCheckSummary summary, IReadOnlyList<CheckFinding> findings, Language language)
    {
        output.WriteLine(string.Format(CultureInfo.InvariantCulture, Summary.In(language), summary.Checked, summary.Took.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture),
            summary.Reachable, summary.Failed, summary.Inconclusive, summary.Dead, summary.Moved));
        foreach (var finding in findings)
            output.WriteLine($"[{finding.Section.Title.In(language)}] {finding.EntryId} — {finding.Text}");
        return findings.Any(f => f.Section.Key == LinkFindingSource.Dead.Key);
    }
}
