using Mapster;
using Shield.Application.Payments.Contracts;

namespace Shield.UnitTests.TestSupport;

internal static class Mapping
{
    /// <summary>The mapping configuration exactly as AddApplication builds it.</summary>
    public static TypeAdapterConfig Create()
    {
        var config = new TypeAdapterConfig { RequireExplicitMapping = true, RequireDestinationMemberSource = true };
        config.Scan(typeof(PaymentDetails).Assembly);
        config.Compile();
        return config;
    }
}
