namespace DltBot.Discord.Builders;

/// <summary>Discord's documented limits, in one place, so validators and the bot's text fitting agree.</summary>
public static class DiscordLimits
{
    public const int MessageContent = 2000;
    public const int EmbedsPerMessage = 10;
    public const int EmbedTitle = 256;
    public const int EmbedDescription = 4096;
    public const int EmbedFields = 25;
    public const int EmbedFieldName = 256;
    public const int EmbedFieldValue = 1024;
    public const int EmbedFooterText = 2048;
    public const int EmbedAuthorName = 256;
    public const int EmbedTotalCharacters = 6000;

    public const int ActionRowsPerMessage = 5;
    public const int ButtonsPerRow = 5;
    public const int CustomId = 100;
    public const int ButtonLabel = 80;
    public const int SelectOptions = 25;
    public const int SelectPlaceholder = 150;
    public const int SelectOptionText = 100;

    public const int ModalTitle = 45;
    public const int ModalComponents = 5;
    public const int LabelText = 45;
    public const int LabelDescription = 100;
    public const int TextInputLength = 4000;
    public const int TextInputPlaceholder = 100;

    public const int AutocompleteChoices = 25;
    public const int ChoiceName = 100;
    public const int ChoiceStringValue = 100;

    public const int CommandName = 32;
    public const int CommandDescription = 100;
    public const int CommandOptions = 25;
    public const int CommandTotalCharacters = 8000;
    public const int GlobalChatInputCommands = 100;
    public const int StringOptionLength = 6000;

    public const int ThreadName = 100;

    public const int Nonce = 25;
    public const int AllowedMentionIds = 100;

    public const int PollQuestion = 300;
    public const int PollAnswers = 10;
    public const int PollAnswerText = 55;
    public const int PollDurationHours = 768;

    public const int FilesPerMessage = 10;
    public const int FileName = 1024;
    public const int AttachmentDescription = 1024;

    /// <summary>Per-file upload limit of a server without boosts (an interaction's <c>attachment_size_limit</c> there).</summary>
    public const long FileBytesUnboosted = 10 * 1024 * 1024;
}
