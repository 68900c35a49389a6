using System.ComponentModel;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Tertulia.Channels;

/// <summary>
/// Encrypts the Data Protection key ring itself with a certificate kept apart from the data. Without it the keys that
/// open the channels' credentials sit next to them (a folder beside the SQLite file, or a table of the PostgreSQL
/// database), so a copy of the data folder or a pg_dump carries both. With <c>Tertulia:KeyCertificate</c> (a PFX file,
/// <c>Tertulia:KeyCertificatePassword</c> its password) each key is stored encrypted to that certificate; whoever holds
/// the data but not the certificate reads no credential. Every node of a deployment needs the same certificate.
/// </summary>
public static class KeyCertificate
{
    public const string PathSetting = "Tertulia:KeyCertificate";
    public const string PasswordSetting = "Tertulia:KeyCertificatePassword";

    /// <summary>The configured certificate, with its private key; null when none is configured.</summary>
    public static X509Certificate2? Load(IConfiguration configuration)
    {
        if (configuration[PathSetting] is not { Length: > 0 } path)
        {
            return null;
        }
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{PathSetting} names {path}, which does not exist. Create one with `tertulia keys certificate --out {path}`.");
        }
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration[PasswordSetting], X509KeyStorageFlags.EphemeralKeySet);
        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"{path} has no private key: Tertulia needs it to read the keys it encrypted.");
        }
        return certificate;
    }

    /// <summary>Writes a new self-signed RSA certificate (with its private key) as a PFX file only its owner can read.</summary>
    public static X509Certificate2 Create(string path, string? password)
    {
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=Tertulia key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: true));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(50));
        var bytes = certificate.Export(X509ContentType.Pfx, password);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var file = new FileStream(path, options))
        {
            file.Write(bytes);
        }
        return X509CertificateLoader.LoadPkcs12(bytes, password, X509KeyStorageFlags.EphemeralKeySet);
    }
}

/// <summary>`keys certificate --out FILE`: a certificate to encrypt the key ring with (see <see cref="KeyCertificate"/>).</summary>
public sealed class CreateKeyCertificateCommand : Command<CreateKeyCertificateCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--out <FILE>")]
        [Description("Where to write the PFX file (it must not exist yet). Keep it outside the data folder and its backups.")]
        public string Out { get; init; } = "";

        [CommandOption("--password <PASSWORD>")]
        [Description("Password of the PFX file (then set Tertulia:KeyCertificatePassword too).")]
        public string? Password { get; init; }

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Out) ? ValidationResult.Error("--out is required.") : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(settings.Out);
        if (File.Exists(path))
        {
            Console.Error.WriteLine($"{path} already exists: a new certificate would not open the keys the old one encrypted.");
            return 1;
        }
        using var certificate = KeyCertificate.Create(path, settings.Password);
        Console.Out.WriteLine(path);
        Console.Error.WriteLine($"Certificate {certificate.Thumbprint} written. Start Tertulia with Tertulia__KeyCertificate={path}"
            + (settings.Password is null ? "" : " and Tertulia__KeyCertificatePassword")
            + "; keys created from then on are encrypted with it. Back it up apart from the data: without it no stored credential can be read.");
        return 0;
    }
}
