using System.Text.Json;
using Shield.WebApi.Hosting;

namespace Shield.IntegrationTests.Hosting;

/// <summary>Every secret-like value in the repository's settings files is on the list a Production host refuses, so the two cannot drift.</summary>
public sealed class PublishedSecretsTests
{
    private static readonly string[] SecretLikeNames = ["Secret", "Key", "Password", "Passkey"]; // KeyHash contains Key

    [Fact]
    public void SettingsFiles_EverySecretLikeValue_IsAPublishedSecret()
    {
        var files = Directory.GetFiles(Path.Combine(RepositoryRoot(), "src", "WebApi"), "appsettings*.json");
        var values = files.SelectMany(f => SecretLike(JsonDocument.Parse(File.ReadAllText(f)).RootElement, Path.GetFileName(f))).ToList();

        Assert.Contains(files, f => f.EndsWith("appsettings.Development.json", StringComparison.Ordinal));
        Assert.NotEmpty(values);
        Assert.All(values, v => Assert.True(
            PublishedSecrets.Development.Contains(v.Value) || PublishedSecrets.Sandbox.Contains(v.Value),
            $"{v.Where} is not in PublishedSecrets: a Production host would accept it."));
    }

    [Fact]
    public void PublishedSecrets_DevelopmentAndSandbox_DoNotOverlap()
    {
        Assert.Empty(PublishedSecrets.Development.Intersect(PublishedSecrets.Sandbox));
    }

    /// <summary>(file:path, value) for every string whose own key, or the key of the array holding it, is secret-like.</summary>
    private static IEnumerable<(string Where, string Value)> SecretLike(JsonElement element, string path, bool secretLike = false)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var named = SecretLikeNames.Any(n => property.Name.Contains(n, StringComparison.OrdinalIgnoreCase));
                    foreach (var found in SecretLike(property.Value, $"{path}:{property.Name}", named))
                    {
                        yield return found;
                    }
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var found in SecretLike(item, $"{path}:{index++}", secretLike))
                    {
                        yield return found;
                    }
                }

                break;
            case JsonValueKind.String when secretLike && element.GetString() is { Length: > 0 } value:
                yield return (path, value);
                break;
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Shield.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Shield.sln not found above the test's folder.");
    }
}
