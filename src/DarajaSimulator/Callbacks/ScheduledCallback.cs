using Shield.DarajaSimulator.Pushes;

namespace Shield.DarajaSimulator.Callbacks;

/// <summary>An STK callback to post at <paramref name="DueAt"/>, as many times as the scenario says.</summary>
/// <param name="Push">The push the callback reports on.</param>
/// <param name="DueAt">When to post it (the push's <see cref="SimulatedPush.FinalAt"/>).</param>
internal sealed record ScheduledCallback(SimulatedPush Push, DateTimeOffset DueAt) : ScheduledPost(DueAt);
