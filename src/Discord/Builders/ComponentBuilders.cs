using System.Globalization;
using DltBot.Discord.Models;

namespace DltBot.Discord.Builders;

/// <summary>Factories for message and modal components that check Discord's limits as they build.</summary>
public static class ComponentBuilders
{
    public static Component Button(ButtonStyle style, string label, string customId, bool disabled = false, PartialEmoji? emoji = null)
    {
        if (style is ButtonStyle.Link or ButtonStyle.Premium)
        {
            throw new DiscordLimitException("button.style", $"is {style}; use LinkButton for links, and premium buttons are not supported.");
        }

        var button = new Component
        {
            Type = ComponentType.Button,
            Style = (int)style,
            Label = label,
            CustomId = customId,
            Disabled = disabled ? true : null,
            Emoji = emoji,
        };
        ComponentValidator.ValidateButton(button, "button");
        return button;
    }

    public static Component LinkButton(string label, string url)
    {
        var button = new Component { Type = ComponentType.Button, Style = (int)ButtonStyle.Link, Label = label, Url = url };
        ComponentValidator.ValidateButton(button, "button");
        return button;
    }

    public static Component ActionRow(params Component[] children)
    {
        var row = new Component { Type = ComponentType.ActionRow, Components = children };
        ComponentValidator.ValidateActionRow(row, "action_row");
        return row;
    }

    public static SelectOption Option(string label, string value, string? description = null, bool isDefault = false)
    {
        var option = new SelectOption { Label = label, Value = value, Description = description, Default = isDefault ? true : null };
        ComponentValidator.ValidateSelectOption(option, "option");
        return option;
    }

    public static Component StringSelect(
        string customId, IReadOnlyList<SelectOption> options, string? placeholder = null, int? minValues = null, int? maxValues = null)
    {
        var select = new Component
        {
            Type = ComponentType.StringSelect,
            CustomId = customId,
            Options = options,
            Placeholder = placeholder,
            MinValues = minValues,
            MaxValues = maxValues,
        };
        ComponentValidator.ValidateSelect(select, "string_select");
        return select;
    }

    public static Component TextInput(
        string customId, TextInputStyle style, bool required = true, int? minLength = null, int? maxLength = null, string? value = null, string? placeholder = null)
    {
        var input = new Component
        {
            Type = ComponentType.TextInput,
            CustomId = customId,
            Style = (int)style,
            Required = required,
            MinLength = minLength,
            MaxLength = maxLength,
            Value = value,
            Placeholder = placeholder,
        };
        ComponentValidator.ValidateTextInput(input, "text_input");
        return input;
    }

    /// <summary>The current modal layout: a label (type 18) wrapping one input.</summary>
    public static Component Label(string label, Component child, string? description = null)
    {
        var wrapper = new Component { Type = ComponentType.Label, Label = label, Description = description, Child = child };
        ComponentValidator.ValidateLabel(wrapper, "label");
        return wrapper;
    }
}

/// <summary>Checks components against Discord's limits; the message and modal validators use it too.</summary>
public static class ComponentValidator
{
    /// <summary>Top-level message components: up to 5 action rows, custom_ids unique across the message.</summary>
    public static void ValidateMessageComponents(IReadOnlyList<Component> rows, string path = "components")
    {
        if (rows.Count > DiscordLimits.ActionRowsPerMessage)
        {
            throw DiscordLimitException.TooMany(path, rows.Count, DiscordLimits.ActionRowsPerMessage, "action rows");
        }

        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Type != ComponentType.ActionRow)
            {
                throw new DiscordLimitException($"{path}[{i}]", $"is a {rows[i].Type}; message components must be wrapped in action rows.");
            }

            ValidateActionRow(rows[i], $"{path}[{i}]");
        }

        EnsureUniqueCustomIds(rows, path);
    }

    public static void ValidateActionRow(Component row, string path)
    {
        var children = row.Components ?? [];
        if (children.Count == 0)
        {
            throw new DiscordLimitException($"{path}.components", "must hold at least one component.");
        }

        var buttons = children.Count(c => c.Type == ComponentType.Button);
        if (buttons != children.Count && children.Count > 1)
        {
            throw new DiscordLimitException($"{path}.components", "mixes a select menu with other components; a row holds up to 5 buttons or exactly one select.");
        }

        if (buttons > DiscordLimits.ButtonsPerRow)
        {
            throw DiscordLimitException.TooMany($"{path}.components", buttons, DiscordLimits.ButtonsPerRow, "buttons");
        }

        for (var i = 0; i < children.Count; i++)
        {
            var childPath = $"{path}.components[{i}]";
            switch (children[i].Type)
            {
                case ComponentType.Button:
                    ValidateButton(children[i], childPath);
                    break;
                case ComponentType.StringSelect:
                    ValidateSelect(children[i], childPath);
                    break;
                case ComponentType.TextInput:
                    ValidateTextInput(children[i], childPath);
                    break;
                case ComponentType.UserSelect or ComponentType.RoleSelect or ComponentType.MentionableSelect or ComponentType.ChannelSelect:
                    ValidateCustomId(children[i].CustomId, $"{childPath}.custom_id");
                    break;
                default:
                    throw new DiscordLimitException(childPath, $"is a {children[i].Type}, which cannot go in an action row.");
            }
        }
    }

    public static void ValidateButton(Component button, string path)
    {
        TextLimits.Check(button.Label, DiscordLimits.ButtonLabel, $"{path}.label");
        if (button.Label is null && button.Emoji is null)
        {
            throw new DiscordLimitException(path, "needs a label or an emoji.");
        }

        if (button.Style == (int)ButtonStyle.Link)
        {
            if (string.IsNullOrWhiteSpace(button.Url) || !Uri.TryCreate(button.Url, UriKind.Absolute, out _))
            {
                throw new DiscordLimitException($"{path}.url", "must be an absolute URL on a link button.");
            }

            if (button.CustomId is not null)
            {
                throw new DiscordLimitException($"{path}.custom_id", "must not be set on a link button.");
            }

            return;
        }

        if (button.Url is not null)
        {
            throw new DiscordLimitException($"{path}.url", "is only allowed on link buttons.");
        }

        ValidateCustomId(button.CustomId, $"{path}.custom_id");
    }

    public static void ValidateSelect(Component select, string path)
    {
        ValidateCustomId(select.CustomId, $"{path}.custom_id");
        TextLimits.Check(select.Placeholder, DiscordLimits.SelectPlaceholder, $"{path}.placeholder");
        var options = select.Options ?? [];
        if (options.Count == 0)
        {
            throw new DiscordLimitException($"{path}.options", "must hold at least one option.");
        }

        if (options.Count > DiscordLimits.SelectOptions)
        {
            throw DiscordLimitException.TooMany($"{path}.options", options.Count, DiscordLimits.SelectOptions, "options");
        }

        for (var i = 0; i < options.Count; i++)
        {
            ValidateSelectOption(options[i], $"{path}.options[{i}]");
        }

        var min = select.MinValues ?? 1;
        var max = select.MaxValues ?? 1;
        if (min < 0 || min > DiscordLimits.SelectOptions || max < 1 || max > DiscordLimits.SelectOptions || min > max)
        {
            throw new DiscordLimitException(path, $"has min_values {min} and max_values {max}; they must satisfy 0 <= min <= max <= 25 and max >= 1.");
        }

        if (max > options.Count)
        {
            throw new DiscordLimitException($"{path}.max_values", $"is {max} but there are only {options.Count} options.");
        }
    }

    public static void ValidateSelectOption(SelectOption option, string path)
    {
        TextLimits.CheckRequired(option.Label, DiscordLimits.SelectOptionText, $"{path}.label");
        TextLimits.CheckRequired(option.Value, DiscordLimits.SelectOptionText, $"{path}.value");
        TextLimits.Check(option.Description, DiscordLimits.SelectOptionText, $"{path}.description");
    }

    public static void ValidateTextInput(Component input, string path)
    {
        ValidateCustomId(input.CustomId, $"{path}.custom_id");
        if (input.Style is not ((int)TextInputStyle.Short or (int)TextInputStyle.Paragraph))
        {
            throw new DiscordLimitException($"{path}.style", $"is {input.Style?.ToString(CultureInfo.InvariantCulture) ?? "missing"}; use 1 (short) or 2 (paragraph).");
        }

        CheckRange(input.MinLength, 0, DiscordLimits.TextInputLength, $"{path}.min_length");
        CheckRange(input.MaxLength, 1, DiscordLimits.TextInputLength, $"{path}.max_length");
        if (input.MinLength > input.MaxLength)
        {
            throw new DiscordLimitException($"{path}.min_length", $"is {input.MinLength}, above max_length {input.MaxLength}.");
        }

        TextLimits.Check(input.Value, input.MaxLength ?? DiscordLimits.TextInputLength, $"{path}.value");
        TextLimits.Check(input.Placeholder, DiscordLimits.TextInputPlaceholder, $"{path}.placeholder");
    }

    public static void ValidateLabel(Component label, string path)
    {
        TextLimits.CheckRequired(label.Label, DiscordLimits.LabelText, $"{path}.label");
        TextLimits.Check(label.Description, DiscordLimits.LabelDescription, $"{path}.description");
        switch (label.Child)
        {
            case null:
                throw new DiscordLimitException($"{path}.component", "is missing; a label wraps exactly one component.");
            case { Type: ComponentType.TextInput } input:
                ValidateTextInput(input, $"{path}.component");
                break;
            case { Type: ComponentType.StringSelect } select:
                ValidateSelect(select, $"{path}.component");
                break;
            case { } other:
                ValidateCustomId(other.CustomId, $"{path}.component.custom_id");
                break;
        }
    }

    public static void ValidateCustomId(string? customId, string path)
    {
        if (string.IsNullOrEmpty(customId))
        {
            throw new DiscordLimitException(path, "must not be empty.");
        }

        TextLimits.Check(customId, DiscordLimits.CustomId, path);
    }

    internal static void EnsureUniqueCustomIds(IReadOnlyList<Component> components, string path)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in Flatten(components).Select(c => c.CustomId).OfType<string>())
        {
            if (!seen.Add(id))
            {
                throw new DiscordLimitException(path, $"uses custom_id '{id}' twice; custom_ids must be unique within a message.");
            }
        }
    }

    private static IEnumerable<Component> Flatten(IReadOnlyList<Component>? components)
    {
        foreach (var component in components ?? [])
        {
            yield return component;
            if (component.Child is { } child)
            {
                yield return child;
            }

            foreach (var nested in Flatten(component.Components))
            {
                yield return nested;
            }
        }
    }

    private static void CheckRange(int? value, int min, int max, string path)
    {
        if (value is { } v && (v < min || v > max))
        {
            throw new DiscordLimitException(path, $"is {v}; it must be between {min} and {max}.");
        }
    }
}
