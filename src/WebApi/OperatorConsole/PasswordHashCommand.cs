namespace Shield.WebApi.OperatorConsole;

/// <summary>
/// <c>dotnet run --project src/WebApi -- hash-password</c>: reads a password from standard input and prints the hash
/// to configure as <c>Console:Operators:N:PasswordHash</c> (ASP.NET Core Identity's PasswordHasher, PBKDF2).
/// </summary>
public static class PasswordHashCommand
{
    public const int MinLength = 12;

    public static int Run(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Length > 0)
        {
            error.WriteLine("hash-password takes no arguments: type the password on standard input (e.g. `read -rs p; echo \"$p\" | dotnet run --project src/WebApi -- hash-password`).");
            return 2;
        }

        var password = input.ReadLine();
        if (password is null || password.Length < MinLength)
        {
            error.WriteLine($"A console password has at least {MinLength} characters.");
            return 2;
        }

        output.WriteLine(OperatorDirectory.Hash(password));
        return 0;
    }
}
