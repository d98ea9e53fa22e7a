namespace Shield.LoadHarness;

/// <summary>One stretch of the way from a callback to its webhook, timed from Shield's records and the receiver's.</summary>
internal sealed record WebhookStage(string Name, Distribution Milliseconds);
