using Roster.Common;

namespace Roster.Features.SignIn;

/// <summary>
/// What a new password must be, after NIST SP 800-63B: long enough, not absurdly long, not a common password or a close
/// variant of one, and not built from the user's own e-mail address. No composition rules: they make passwords worse.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 12;
    public const int MaxLength = 256;

    /// <summary>zxcvbn's score (0–4) a password must reach: 3 is "safely unguessable".</summary>
    public const int MinScore = 3;

    /// <summary>The reason <paramref name="password"/> is refused for the user with <paramref name="email"/>; null when it is good.</summary>
    public static InvalidInput? Refusal(string password, string email)
    {
        if (password.Length < MinLength)
        {
            return new InvalidInput($"The password must be at least {MinLength} characters long.");
        }
        if (password.Length > MaxLength)
        {
            return new InvalidInput($"The password must be at most {MaxLength} characters long.");
        }
        var name = email.Split('@')[0];
        if (name.Length >= 3 && password.Contains(name, StringComparison.OrdinalIgnoreCase))
        {
            return new InvalidInput("The password must not contain your e-mail name.");
        }
        var inputs = email.Split(['@', '.', '_', '-', '+'], StringSplitOptions.RemoveEmptyEntries).Append(email).ToList();
        var strength = Zxcvbn.Zxcvbn.MatchPassword(password, inputs);
        if (strength.Score < MinScore)
        {
            return new InvalidInput($"The password is too easy to guess: {Weakness(strength.MatchSequence)} Try a longer phrase of unrelated words.");
        }
        return null;
    }

    /// <summary>Why zxcvbn found a password guessable, from the patterns it matched, the worst first.</summary>
    private static string Weakness(IEnumerable<Zxcvbn.Match> matches)
    {
        var patterns = matches.Select(m => (m.Pattern, (m as Zxcvbn.Matcher.DictionaryMatch)?.DictionaryName)).ToList();
        return patterns switch
        {
            _ when patterns.Any(p => p.DictionaryName == "user_inputs") => "it is built from your e-mail address.",
            _ when patterns.Any(p => p.DictionaryName == "passwords") => "it is a common password or close to one.",
            _ when patterns.Any(p => p.Pattern == "spatial") => "it follows a keyboard pattern.",
            _ when patterns.Any(p => p.Pattern is "repeat" or "sequence") => "it repeats characters or runs through a sequence.",
            _ when patterns.Any(p => p.Pattern == "date") => "dates are easy to guess.",
            _ when patterns.Any(p => p.Pattern == "dictionary") => "it is made of common words or names.",
            _ => "it is too short for what it is made of.",
        };
    }
}
