using Microsoft.AspNetCore.Identity;

namespace Aftercare.Web.Security;

/// <summary>
/// Password rules from OWASP ASVS 5 (V6.2): at least 8 characters (15 suggested), at least 64
/// allowed, no composition rules, and not one of the most common passwords.
/// </summary>
public sealed class PasswordRules<TUser> : IPasswordValidator<TUser> where TUser : IdentityUser<Guid>
{
    public const int MinimumLength = 8;
    public const int MaximumLength = 128;

    public Task<IdentityResult> ValidateAsync(UserManager<TUser> manager, TUser user, string? password)
    {
        password ??= "";
        var errors = new List<IdentityError>();
        if (password.Length > MaximumLength)
            errors.Add(new IdentityError { Code = "PasswordTooLong", Description = $"Password must be {MaximumLength} characters or fewer" });
        if (CommonPasswords.Contains(password))
            errors.Add(new IdentityError { Code = "PasswordTooCommon", Description = "This password is one of the most commonly used, so it is easy to guess. Choose another: a few unrelated words work well" });
        if (user.Email is { } email && string.Equals(password, email, StringComparison.OrdinalIgnoreCase))
            errors.Add(new IdentityError { Code = "PasswordIsEmail", Description = "Password must not be your email address" });
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }
}

/// <summary>
/// The list of common passwords, made by the project's scripts from an npm package into
/// Security/common-passwords.txt (the first 100,000 of a million, of 8 to 64 characters).
/// </summary>
public static class CommonPasswords
{
    private static readonly Lazy<HashSet<string>> List = new(Load);

    public static bool Contains(string password) => List.Value.Contains(password);

    private static HashSet<string> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Security", "common-passwords.txt");
        if (!File.Exists(path))
            throw new InvalidOperationException($"The common-password list is missing at {path}. Run ./run.sh or ./test.sh, which make it.");
        return new HashSet<string>(File.ReadLines(path).Where(l => l.Length > 0), StringComparer.OrdinalIgnoreCase);
    }
}
