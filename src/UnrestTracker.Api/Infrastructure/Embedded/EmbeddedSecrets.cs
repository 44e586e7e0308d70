using System.Security.Cryptography;
using System.Text;

namespace UnrestTracker.Api.Infrastructure.Embedded;

/// <summary>
/// The generated passwords of the embedded cluster's two roles, kept beside it in <c>.data/{name}.pgpass</c>
/// (libpq's pgpass format, mode 0600): <c>PGPASSFILE=.data/pg.pgpass psql -h 127.0.0.1 -p PORT -U unrest_api unrest</c>.
/// </summary>
public sealed class EmbeddedSecrets(string dataDirectory)
{
    /// <summary>Owns the tables and runs migrations.</summary>
    public const string Owner = "postgres";

    /// <summary>What the API serves as: SELECT and INSERT on history, owns nothing.</summary>
    public const string ApiRole = "unrest_api";

    public string FilePath { get; } = Path.Combine(Path.GetDirectoryName(dataDirectory)!, Path.GetFileName(dataDirectory) + ".pgpass");

    public bool Exist => File.Exists(FilePath);

    public string PasswordOf(string role) =>
        File.ReadLines(FilePath)
            .Select(line => line.Split(':'))
            .Where(parts => parts.Length == 5 && parts[3] == role)
            .Select(parts => parts[4])
            .FirstOrDefault()
        ?? throw new InvalidOperationException($"{FilePath} holds no password for {role}.");

    /// <summary>
    /// The role's password as PostgreSQL stores it (a SCRAM-SHA-256 verifier, RFC 5802/7677), so that
    /// <c>ALTER ROLE … PASSWORD</c> never carries the password itself into a statement, a server log or an error.
    /// </summary>
    public string VerifierOf(string role) => ScramVerifier(PasswordOf(role), RandomNumberGenerator.GetBytes(16));

    public static string ScramVerifier(string password, byte[] salt, int iterations = 4096)
    {
        var salted = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, 32);
        var storedKey = SHA256.HashData(HMACSHA256.HashData(salted, "Client Key"u8));
        var serverKey = HMACSHA256.HashData(salted, "Server Key"u8);
        return $"SCRAM-SHA-256${iterations}:{Convert.ToBase64String(salt)}${Convert.ToBase64String(storedKey)}:{Convert.ToBase64String(serverKey)}";
    }

    /// <summary>New passwords for both roles; the file is created readable by its owner only.</summary>
    public void Generate()
    {
        File.Delete(FilePath);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using var file = new FileStream(FilePath, options);
        using var writer = new StreamWriter(file);
        foreach (var role in new[] { Owner, ApiRole })
        {
            writer.WriteLine($"*:*:*:{role}:{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24))}");
        }
    }
}
