namespace Shield.UnitTests.Architecture;

/// <summary>Each module rule, run on types written to break it (Architecture/Broken), reports exactly what breaks it.</summary>
public sealed class ModuleRuleSelfTests
{
    private const string Root = "Shield.UnitTests.Architecture.Broken";
    private static readonly System.Reflection.Assembly Tests = typeof(ModuleRuleSelfTests).Assembly;

    [Fact]
    public void UseCaseRule_FindsAUseCaseUsingAnother_AndASharedFolderUsingAUseCase()
    {
        var violations = ModuleRules.UseCaseFoldersAreIndependent(Tests, Root);

        Assert.Contains(violations, v => v.StartsWith($"{Root}.Application.Payments.InitiatePayment.InitiateHandler uses", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith($"{Root}.Application.Payments.Common.SharedHelper uses", StringComparison.Ordinal));
        Assert.DoesNotContain(violations, v => v.Contains("RetryOutcome uses", StringComparison.Ordinal));
        Assert.DoesNotContain(violations, v => v.StartsWith($"{Root}.Application.Payments.RetryPaymentLater.", StringComparison.Ordinal));
    }

    [Fact]
    public void ModuleRule_FindsInternalsOfAnotherModule_AndAllowsItsContracts()
    {
        var violations = ModuleRules.ModulesUseOnlyEachOthersContracts([Tests], Root);

        Assert.Equal(
            [
                $"{Root}.Application.Webhooks.Deliver.Sender uses {Root}.Application.Payments.Common.BodyOnlyHelper, an internal of module Payments",
                $"{Root}.Application.Webhooks.Deliver.Sender uses {Root}.Application.Payments.Common.SharedHelper, an internal of module Payments",
                $"{Root}.Application.Webhooks.Deliver.Sender uses {Root}.Domain.Payments.PaymentRecord, an internal of module Payments",
            ],
            violations.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void DomainRule_FindsHttpAndConfigurationDependenciesNamesAndText()
    {
        var violations = ModuleRules.DomainSpeaksNoHttpOrConfiguration(Tests, $"{Root}.Domain");

        Assert.Contains(violations, v => v.StartsWith($"{Root}.Domain.Payments.PaymentHttpOptions uses one of", StringComparison.Ordinal));
        Assert.Contains(violations, v => v == $"{Root}.Domain.Payments.PaymentHttpOptions is named in HTTP or configuration terms");
        Assert.Contains(violations, v => v.EndsWith("names the configuration key Payments:MaxAttempts", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.EndsWith("speaks HTTP (\"HTTP\")", StringComparison.Ordinal));
    }
}
