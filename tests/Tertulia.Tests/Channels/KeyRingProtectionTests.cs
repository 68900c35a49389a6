using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tertulia.Channels;
using Tertulia.Storage;
using Tertulia.Tests.Support;
using Tertulia.Tests.Web;

namespace Tertulia.Tests.Channels;

/// <summary>
/// With a key certificate the key ring is stored encrypted (in the folder beside the SQLite file, or in PostgreSQL):
/// the data and its keys alone open no credential; with the certificate every node does.
/// </summary>
public sealed class KeyRingProtectionTests
{
    private sealed record Login(string User, string Password);

    [Fact]
    public async Task With_a_key_certificate_the_stored_keys_are_encrypted_and_only_a_node_holding_it_reads_the_credentials()
    {
        using var apart = new TempFolder();
        var (code, output) = await CliTests.RunTertuliaAsync("keys", "certificate", "--out", Path.Combine(apart.Path, "keys.pfx"), "--password", "clave-del-certificado");
        Assert.Equal(0, code);
        var pfx = output.Split('\n')[0].Trim(); // the path alone on standard output, the advice after it
        var mode = OperatingSystem.IsLinux() ? File.GetUnixFileMode(pfx) : UnixFileMode.None;
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode); // only its owner reads it (Tertulia runs on Linux)
        var withCertificate = new Dictionary<string, string?>
        {
            [KeyCertificate.PathSetting] = pfx,
            [KeyCertificate.PasswordSetting] = "clave-del-certificado",
        };

        await using var first = await TestApp.StartAsync(settings: withCertificate);
        var sealedLogin = first.Services.GetRequiredService<ChannelSecrets>().Protect(new Login("hola@horno.example", "contraseña-del-buzón"));

        var stored = await StoredKeysAsync(first);
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(pfx, "clave-del-certificado");
        Assert.NotEmpty(stored);
        Assert.All(stored, key =>
        {
            Assert.Contains("encryptedSecret", key);
            Assert.Contains(Convert.ToBase64String(certificate.RawData), key); // encrypted to this certificate
            Assert.DoesNotContain("<value>", key);
        });

        // Another node on the same data, with the certificate: reads the credentials.
        await using (var second = await TestApp.StartAsync(settings: withCertificate, sharedDatabase: first.Database))
        {
            var login = second.Services.GetRequiredService<ChannelSecrets>().Unprotect<Login>(Channel(sealedLogin));
            Assert.Equal("contraseña-del-buzón", login.Password);
        }

        // The same data and keys without the certificate (a stolen backup): nothing opens.
        await using var thief = await TestApp.StartAsync(sharedDatabase: first.Database);
        var refused = Assert.Throws<ChannelException>(() => thief.Services.GetRequiredService<ChannelSecrets>().Unprotect<Login>(Channel(sealedLogin)));
        Assert.Contains("cannot be decrypted", refused.Message);
    }

    [Fact]
    public async Task A_missing_key_certificate_stops_the_start_with_how_to_make_one()
    {
        using var apart = new TempFolder();
        var missing = Path.Combine(apart.Path, "no-existe.pfx");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestApp.StartAsync(settings: new Dictionary<string, string?> { [KeyCertificate.PathSetting] = missing }));

        Assert.Contains("keys certificate --out", error.ToString());
    }

    private static Channel Channel(string credentials) =>
        new() { Name = "Buzón", Source = "imap://127.0.0.1", Kind = ChannelKind.Email, Credentials = credentials };

    private static async Task<List<string>> StoredKeysAsync(TestApp app)
    {
        if (app.Store == StoreKind.Sqlite)
        {
            return Directory.GetFiles(Path.Combine(app.Folder.Path, "keys"), "key-*.xml").Select(File.ReadAllText).ToList();
        }
        await using var db = app.Db();
        return await db.Database.SqlQuery<string>($"SELECT \"Xml\" AS \"Value\" FROM \"DataProtectionKeys\"").ToListAsync();
    }
}
