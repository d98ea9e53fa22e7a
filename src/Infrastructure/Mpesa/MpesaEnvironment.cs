namespace Shield.Infrastructure.Mpesa;

/// <summary>The value of Mpesa:Environment: which Daraja Shield talks to.</summary>
public enum MpesaEnvironment
{
    /// <summary>The built-in Daraja simulator, served by Shield itself. No Safaricom account needed.</summary>
    Simulator,
    Sandbox,
    Production,
}
