namespace DltBot.Discord.Models;

/// <summary>The <c>poll</c> of a message body. A poll cannot be edited after it is sent.</summary>
public sealed record PollCreateRequest
{
    /// <summary>Only <see cref="PollMedia.Text"/> is supported for the question (at most 300 characters).</summary>
    public required PollMedia Question { get; init; }

    /// <summary>1 to 10 answers, each text at most 55 characters.</summary>
    public required IReadOnlyList<PollAnswer> Answers { get; init; }

    /// <summary>Hours the poll stays open, 1 to 768 (32 days); Discord's default is 24.</summary>
    public int? Duration { get; init; }

    public bool? AllowMultiselect { get; init; }

    /// <summary>1 (DEFAULT) is the only layout Discord knows.</summary>
    public int? LayoutType { get; init; } = 1;

    /// <summary>A single-choice poll with the given answer texts.</summary>
    public static PollCreateRequest SingleChoice(string question, IEnumerable<string> answers, int durationHours) => new()
    {
        Question = new PollMedia { Text = question },
        Answers = [.. answers.Select(text => new PollAnswer { PollMedia = new PollMedia { Text = text } })],
        Duration = durationHours,
        AllowMultiselect = false,
    };
}

public sealed record PollMedia
{
    public string? Text { get; init; }
}

/// <summary>An answer; <see cref="AnswerId"/> is assigned by Discord (1, 2, … in order) and absent when creating.</summary>
public sealed record PollAnswer
{
    public int? AnswerId { get; init; }
    public required PollMedia PollMedia { get; init; }
}

/// <summary>A poll as Discord returns it on a message.</summary>
public sealed record Poll
{
    public required PollMedia Question { get; init; }
    public required IReadOnlyList<PollAnswer> Answers { get; init; }
    public DateTimeOffset? Expiry { get; init; }
    public bool AllowMultiselect { get; init; }
    public int LayoutType { get; init; } = 1;

    /// <summary>Absent while Discord has not counted yet; treat absence as "no votes, not final".</summary>
    public PollResults? Results { get; init; }
}

public sealed record PollResults
{
    /// <summary>True once the poll has closed and the counts are exact.</summary>
    public bool IsFinalized { get; init; }

    /// <summary>Answers nobody voted for may be missing from this list.</summary>
    public IReadOnlyList<PollAnswerCount> AnswerCounts { get; init; } = [];
}

/// <param name="Id">The answer's <see cref="PollAnswer.AnswerId"/>.</param>
public sealed record PollAnswerCount(int Id, int Count, bool MeVoted);
