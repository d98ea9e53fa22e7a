namespace Shield.LoadHarness;

/// <summary>An API client Shield is configured with: its id and its (made-up) key.</summary>
internal sealed record HarnessClient(string Id, string ApiKey);
