namespace Shield.DarajaSimulator.TransactionStatus;

/// <summary>A Transaction Status result to post to <paramref name="Url"/> at <paramref name="DueAt"/>. The URL is secret: never log it.</summary>
internal sealed record ScheduledResult(Uri Url, string Body, DateTimeOffset DueAt);
