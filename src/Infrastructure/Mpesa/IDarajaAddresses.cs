namespace Shield.Infrastructure.Mpesa;

/// <summary>Where Daraja is, and the public base URL Safaricom calls back. Resolved per call: the simulator's is known only once the server listens.</summary>
public interface IDarajaAddresses
{
    Uri DarajaBaseUrl { get; }

    Uri CallbackBaseUrl { get; }
}
