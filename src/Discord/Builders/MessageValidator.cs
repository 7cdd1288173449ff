using DltBot.Discord.Models;

namespace DltBot.Discord.Builders;

/// <summary>Checks whole outgoing payloads (messages, edits, interaction responses, threads) before they are sent.</summary>
public static class MessageValidator
{
    /// <param name="maxFileBytes">Per-file upload limit for <see cref="MessageCreateRequest.Files"/>.</param>
    public static void Validate(MessageCreateRequest message, string path = "message", long maxFileBytes = DiscordLimits.FileBytesUnboosted)
    {
        var hasSomething = !string.IsNullOrEmpty(message.Content) || message.Embeds is { Count: > 0 } || message.Components is { Count: > 0 }
            || message.Files is { Count: > 0 } || message.Poll is not null;
        if (!hasSomething)
        {
            throw new DiscordLimitException(path, "is empty; a message needs content, embeds, components, files or a poll.");
        }

        ValidateParts(message.Content, message.Embeds, message.Components, message.AllowedMentions, path);
        FileUploadValidator.Validate(message.Files, maxFileBytes, $"{path}.files");
        ValidateNonce(message.Nonce, message.EnforceNonce, path);
        if (message.Poll is { } poll)
        {
            Validate(poll, $"{path}.poll");
        }
    }

    /// <summary>Question 1–300 characters, 1–10 answers of 1–55 characters, duration 1–768 hours.</summary>
    public static void Validate(PollCreateRequest poll, string path = "poll")
    {
        ArgumentNullException.ThrowIfNull(poll);
        TextLimits.CheckRequired(poll.Question.Text, DiscordLimits.PollQuestion, $"{path}.question.text");
        if (poll.Answers.Count is 0 or > DiscordLimits.PollAnswers)
        {
            throw new DiscordLimitException($"{path}.answers", $"has {poll.Answers.Count} answers; a poll needs 1 to {DiscordLimits.PollAnswers}.");
        }

        for (var i = 0; i < poll.Answers.Count; i++)
        {
            TextLimits.CheckRequired(poll.Answers[i].PollMedia.Text, DiscordLimits.PollAnswerText, $"{path}.answers[{i}].poll_media.text");
        }

        if (poll.Duration is { } hours && hours is < 1 or > DiscordLimits.PollDurationHours)
        {
            throw new DiscordLimitException($"{path}.duration", $"is {hours} hours; use 1 to {DiscordLimits.PollDurationHours} (32 days).");
        }
    }

    private static void ValidateNonce(string? nonce, bool? enforce, string path)
    {
        if (nonce is not null && nonce.Length is 0 or > DiscordLimits.Nonce)
        {
            throw new DiscordLimitException($"{path}.nonce", $"is {nonce.Length} characters; a string nonce has 1 to {DiscordLimits.Nonce}.");
        }

        if (enforce == true && nonce is null)
        {
            throw new DiscordLimitException($"{path}.enforce_nonce", "is true without a nonce; set the nonce it should enforce.");
        }
    }

    /// <param name="maxFileBytes">Per-file upload limit for <see cref="MessageEditRequest.Files"/>.</param>
    public static void Validate(MessageEditRequest edit, string path = "message", long maxFileBytes = DiscordLimits.FileBytesUnboosted)
    {
        ValidateParts(edit.Content, edit.Embeds, edit.Components, edit.AllowedMentions, path);
        FileUploadValidator.Validate(edit.Files, maxFileBytes, $"{path}.files");
    }

    public static void Validate(StartThreadRequest thread, string path = "thread")
    {
        TextLimits.CheckRequired(thread.Name, DiscordLimits.ThreadName, $"{path}.name");
        if (thread.AutoArchiveDuration is { } minutes && minutes is not (60 or 1440 or 4320 or 10080))
        {
            throw new DiscordLimitException($"{path}.auto_archive_duration", $"is {minutes}; use 60, 1440, 4320 or 10080 minutes.");
        }
    }

    /// <param name="maxFileBytes">Per-file upload limit for <see cref="InteractionCallbackData.Files"/>.</param>
    public static void Validate(InteractionResponse response, string path = "response", long maxFileBytes = DiscordLimits.FileBytesUnboosted)
    {
        var data = response.Data;
        var dataPath = $"{path}.data";
        if (response.HasFiles && response.Type is not (InteractionCallbackType.ChannelMessageWithSource or InteractionCallbackType.UpdateMessage))
        {
            throw new DiscordLimitException($"{dataPath}.files",
                $"are set on a {response.Type} response; only message responses (types 4 and 7) upload files. After a deferral, send them with the edit of the original.");
        }

        switch (response.Type)
        {
            case InteractionCallbackType.Pong or InteractionCallbackType.DeferredUpdateMessage:
                break;
            case InteractionCallbackType.DeferredChannelMessageWithSource:
                if (data is not null && (data.Content is not null || data.Embeds is not null || data.Components is not null))
                {
                    throw new DiscordLimitException(dataPath, "carries content on a deferred response; only the ephemeral flag may be set.");
                }

                break;
            case InteractionCallbackType.ChannelMessageWithSource:
                if (data is null || (string.IsNullOrEmpty(data.Content) && data.Embeds is not { Count: > 0 } && data.Components is not { Count: > 0 }
                                     && data.Files is not { Count: > 0 }))
                {
                    throw new DiscordLimitException(dataPath, "is empty; a message response needs content, embeds, components or files.");
                }

                ValidateParts(data.Content, data.Embeds, data.Components, data.AllowedMentions, dataPath);
                FileUploadValidator.Validate(data.Files, maxFileBytes, $"{dataPath}.files");
                break;
            case InteractionCallbackType.UpdateMessage:
                if (data is not null)
                {
                    ValidateParts(data.Content, data.Embeds, data.Components, data.AllowedMentions, dataPath);
                    FileUploadValidator.Validate(data.Files, maxFileBytes, $"{dataPath}.files");
                }

                break;
            case InteractionCallbackType.ApplicationCommandAutocompleteResult:
                ValidateChoices(data?.Choices ?? [], $"{dataPath}.choices");
                break;
            case InteractionCallbackType.Modal:
                ValidateModal(data, dataPath);
                break;
            default:
                throw new DiscordLimitException($"{path}.type", $"is {(int)response.Type}, which this client does not send.");
        }
    }

    /// <summary>Autocomplete results and command choices: at most 25, names 1–100, string values at most 100.</summary>
    public static void ValidateChoices(IReadOnlyList<ApplicationCommandOptionChoice> choices, string path)
    {
        if (choices.Count > DiscordLimits.AutocompleteChoices)
        {
            throw DiscordLimitException.TooMany(path, choices.Count, DiscordLimits.AutocompleteChoices, "choices");
        }

        for (var i = 0; i < choices.Count; i++)
        {
            TextLimits.CheckRequired(choices[i].Name, DiscordLimits.ChoiceName, $"{path}[{i}].name");
            TextLimits.Check(choices[i].Value.Text, DiscordLimits.ChoiceStringValue, $"{path}[{i}].value");
            foreach (var (locale, name) in choices[i].NameLocalizations ?? new Dictionary<string, string>())
            {
                TextLimits.CheckRequired(name, DiscordLimits.ChoiceName, $"{path}[{i}].name_localizations.{locale}");
            }
        }
    }

    private static void ValidateModal(InteractionCallbackData? data, string path)
    {
        if (data is null)
        {
            throw new DiscordLimitException(path, "is missing; a modal needs custom_id, title and components.");
        }

        ComponentValidator.ValidateCustomId(data.CustomId, $"{path}.custom_id");
        TextLimits.CheckRequired(data.Title, DiscordLimits.ModalTitle, $"{path}.title");
        var components = data.Components ?? [];
        if (components.Count is 0 or > DiscordLimits.ModalComponents)
        {
            throw new DiscordLimitException($"{path}.components", $"has {components.Count} components; a modal needs 1 to {DiscordLimits.ModalComponents}.");
        }

        for (var i = 0; i < components.Count; i++)
        {
            var componentPath = $"{path}.components[{i}]";
            switch (components[i].Type)
            {
                case ComponentType.Label:
                    ComponentValidator.ValidateLabel(components[i], componentPath);
                    break;
                case ComponentType.ActionRow:
                    ComponentValidator.ValidateActionRow(components[i], componentPath);
                    break;
                default:
                    throw new DiscordLimitException(componentPath, $"is a {components[i].Type}; modal components must be labels (or action rows).");
            }
        }

        ComponentValidator.EnsureUniqueCustomIds(components, $"{path}.components");
    }

    private static void ValidateParts(
        string? content, IReadOnlyList<Embed>? embeds, IReadOnlyList<Component>? components, AllowedMentions? mentions, string path)
    {
        TextLimits.Check(content, DiscordLimits.MessageContent, $"{path}.content");
        if (embeds is not null)
        {
            EmbedValidator.ValidateAll(embeds, $"{path}.embeds");
        }

        if (components is not null)
        {
            ComponentValidator.ValidateMessageComponents(components, $"{path}.components");
        }

        if (mentions is not null)
        {
            var parse = mentions.Parse ?? [];
            if (parse.Contains("users") && mentions.Users is { Count: > 0 })
            {
                throw new DiscordLimitException($"{path}.allowed_mentions", "lists users while parse includes \"users\"; use one or the other.");
            }

            if (parse.Contains("roles") && mentions.Roles is { Count: > 0 })
            {
                throw new DiscordLimitException($"{path}.allowed_mentions", "lists roles while parse includes \"roles\"; use one or the other.");
            }

            if (mentions.Roles is { Count: > DiscordLimits.AllowedMentionIds })
            {
                throw DiscordLimitException.TooMany($"{path}.allowed_mentions.roles", mentions.Roles.Count, DiscordLimits.AllowedMentionIds, "roles");
            }

            if (mentions.Users is { Count: > DiscordLimits.AllowedMentionIds })
            {
                throw DiscordLimitException.TooMany($"{path}.allowed_mentions.users", mentions.Users.Count, DiscordLimits.AllowedMentionIds, "users");
            }
        }
    }
}
