using System.Globalization;
using DltBot.Catalog.Search;
using DltBot.Catalog.Weekly;

namespace DltBot.Bot.Weekly;

/// <summary>
/// The words of a weekly post, pure: the header, the thread's name and prompts, and the poll. Preview and run both
/// compose through here, so they cannot drift apart.
/// </summary>
public static class WeeklyPostComposer
{
    public const string PollQuestion = "What should we read next?";
    public const int ThreadNameMax = 100;
    public const int PollAnswerMax = 55;
    public const int PollHoursMin = 1;
    public const int PollHoursMax = 768;
    private const char Ellipsis = '…';

    /// <summary>"Paper of the week · 2026-W49", with a note when the pick starts a new cycle.</summary>
    public static string Header(IsoWeekKey week, bool newCycle) =>
        $"Paper of the week · {week}" + (newCycle ? " · everything has been read once, so a new cycle starts" : "");

    /// <summary>"W49 · Omnigrok: Grokking Beyond Algorithmic Data", at most 100 characters.</summary>
    public static string ThreadName(IsoWeekKey week, string title) =>
        Fit($"{week.WeekLabel} · {OneLine(title)}", ThreadNameMax);

    /// <summary>Two or three prompts that suit what the entry is.</summary>
    public static IReadOnlyList<string> Prompts(EntryKind kind) => kind switch
    {
        EntryKind.Paper =>
        [
            "What is the main claim, and which result or experiment carries it?",
            "Which assumption would you relax first, and what do you expect to break?",
            "How does it connect to something we read before?",
        ],
        EntryKind.Course =>
        [
            "Which lecture should we work through together first?",
            "What background does it assume, and where can newcomers catch up?",
            "Which exercise is worth solving as a group?",
        ],
        EntryKind.Book =>
        [
            "Which chapter should we start with, and why?",
            "What is the book's central idea in one sentence?",
            "Which argument deserves a closer look?",
        ],
        EntryKind.Video =>
        [
            "Which idea from the talk would you explain to a friend?",
            "Which moment deserves a pause and a second look?",
            "What would you ask the speaker?",
        ],
        _ =>
        [
            "What is the key idea here?",
            "What would you like to understand better, or see proved?",
        ],
    };

    /// <summary>The thread's first message: the prompts as a list.</summary>
    public static string PromptMessage(IReadOnlyList<string> prompts) =>
        "Some questions to start with:\n" + string.Join("\n", prompts.Select(p => "• " + p));

    /// <summary>The poll for the next pick; answers are the titles, at most 55 characters and distinct within the poll.</summary>
    public static WeeklyPoll Poll(IReadOnlyList<WeeklyCandidate> candidates, int durationHours)
    {
        var answers = new List<WeeklyPollAnswer>();
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var candidate in candidates)
        {
            var text = Fit(OneLine(candidate.Entry.Title), PollAnswerMax);
            for (var n = 2; !used.Add(text); n++)
            {
                var suffix = $" ({n.ToString(CultureInfo.InvariantCulture)})";
                text = Fit(OneLine(candidate.Entry.Title), PollAnswerMax - suffix.Length) + suffix;
            }
            answers.Add(new WeeklyPollAnswer(candidate.Id, text, candidate.Entry.Url));
        }
        return new WeeklyPoll(PollQuestion, answers, Math.Clamp(durationHours, PollHoursMin, PollHoursMax));
    }

    /// <summary>Whole hours from <paramref name="fromUtc"/> until an hour before <paramref name="nextRunUtc"/>, clamped to Discord's 1..768.</summary>
    public static int PollHours(DateTimeOffset fromUtc, DateTimeOffset nextRunUtc) =>
        (int)Math.Clamp(Math.Floor((nextRunUtc - fromUtc).TotalHours) - 1, PollHoursMin, PollHoursMax);

    /// <summary>The footer that names the entry and the occurrence; the publisher also finds its own posts by it.</summary>
    public static string Footer(string entryId, string key) => $"{entryId} · {key}";

    internal static string Fit(string text, int max) =>
        text.Length <= max ? text : text[..(max - 1)].TrimEnd() + Ellipsis;

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
}
