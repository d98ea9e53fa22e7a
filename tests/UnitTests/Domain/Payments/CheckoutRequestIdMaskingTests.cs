using Shield.Domain.Payments;

namespace Shield.UnitTests.Domain.Payments;

/// <summary>Daraja's CheckoutRequestIDs end with the customer's number; logs carry them masked (Msisdn.MaskIn).</summary>
public sealed class CheckoutRequestIdMaskingTests
{
    [Theory]
    [InlineData("ws_CO_180920261803512708374149", "ws_CO_180920261803512*******49")]
    [InlineData("ws_CO_01122026144019158254717574149", "ws_CO_01122026144019158254*******49")]
    [InlineData("ws_CO_21072024125243250722943992", "ws_CO_21072024125243250*******92")]
    public void MaskIn_IdEndingWithAPhoneNumber_HidesTheNumber(string id, string masked)
    {
        Assert.Equal(masked, Msisdn.MaskIn(id));
    }

    [Theory]
    [InlineData("ws_CO_DMZ_264695293_11032019122104433", "ws_CO_DMZ_264695293_11032019*******33")]
    [InlineData("ws_CO_12345678", "ws_CO_12345678")]
    [InlineData("opaque-id", "opaque-id")]
    public void MaskIn_OtherIds_KeepWhatCannotBeAPhone(string id, string masked)
    {
        Assert.Equal(masked, Msisdn.MaskIn(id));
    }

    [Fact]
    public void MaskIn_None_IsADash()
    {
        Assert.Equal("-", Msisdn.MaskIn(null));
    }
}
