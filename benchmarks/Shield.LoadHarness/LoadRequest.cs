namespace Shield.LoadHarness;

/// <summary>One HTTP request of a run: its method, path, JSON body (if any) and the status that counts as success.</summary>
internal sealed record LoadRequest(HttpMethod Method, string Path, byte[]? JsonBody, int ExpectedStatus, bool WithApiKey = true);
