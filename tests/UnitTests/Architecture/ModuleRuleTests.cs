using System.Reflection;
using Shield.Application.Payments.Contracts;
using Shield.Domain.Payments;
using Shield.Infrastructure.Mpesa;

namespace Shield.UnitTests.Architecture;

/// <summary>Shield's own assemblies keep the module rules (<see cref="ModuleRules"/>); <see cref="ModuleRuleSelfTests"/> shows each can fail.</summary>
public sealed class ModuleRuleTests
{
    private static readonly Assembly Domain = typeof(Payment).Assembly;
    private static readonly Assembly Application = typeof(PaymentDetails).Assembly;
    private static readonly Assembly Infrastructure = typeof(MpesaOptions).Assembly;

    [Fact]
    public void UseCaseFolders_DoNotUseEachOther()
    {
        Assert.Empty(ModuleRules.UseCaseFoldersAreIndependent(Application, "Shield"));
    }

    [Fact]
    public void Modules_UseEachOtherOnlyThroughContracts()
    {
        Assert.Empty(ModuleRules.ModulesUseOnlyEachOthersContracts([Domain, Application, Infrastructure], "Shield"));
    }

    [Fact]
    public void Domain_SpeaksNoHttpAndNoConfiguration()
    {
        Assert.Empty(ModuleRules.DomainSpeaksNoHttpOrConfiguration(Domain, "Shield.Domain"));
    }
}
