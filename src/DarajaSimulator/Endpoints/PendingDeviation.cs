namespace Shield.DarajaSimulator.Endpoints;

/// <summary>A deviation found while validating a request; it is journaled and logged only if the request is accepted.</summary>
internal readonly record struct PendingDeviation(string Field, string Description);
