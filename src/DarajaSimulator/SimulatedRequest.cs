namespace Shield.DarajaSimulator;

/// <summary>One request the simulator received.</summary>
/// <param name="Method">HTTP method, e.g. <c>POST</c>.</param>
/// <param name="Path">Path without the simulator's prefix and without the query string, e.g. <c>/mpesa/stkpush/v1/processrequest</c>.</param>
/// <param name="Body">The raw request body, or null when the request had none.</param>
/// <param name="ReceivedAt">When it arrived, from the host's <see cref="TimeProvider"/>.</param>
public sealed record SimulatedRequest(string Method, string Path, string? Body, DateTimeOffset ReceivedAt);
