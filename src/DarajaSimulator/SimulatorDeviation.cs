namespace Shield.DarajaSimulator;

/// <summary>
/// A request the simulator accepted although one field broke Daraja's documentation (only with
/// <see cref="DarajaSimulatorStrictness.Documented"/>; <see cref="DarajaSimulatorStrictness.Strict"/> refuses it).
/// </summary>
/// <param name="Path">The endpoint, without the simulator's prefix, e.g. <c>/mpesa/stkpush/v1/processrequest</c>.</param>
/// <param name="Field">The request field, e.g. <c>Timestamp</c>.</param>
/// <param name="Description">What deviates from the documentation, in words; it carries no field value but a length or an enumerated code.</param>
/// <param name="ReceivedAt">When the request arrived, from the host's <see cref="TimeProvider"/>.</param>
public sealed record SimulatorDeviation(string Path, string Field, string Description, DateTimeOffset ReceivedAt);
