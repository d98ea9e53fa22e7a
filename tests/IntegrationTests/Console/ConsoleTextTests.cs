using Shield.WebApi.OperatorConsole.Display;

namespace Shield.IntegrationTests.OperatorConsole;

/// <summary>What the console masks in text people typed or Safaricom sent, and what it must leave readable.</summary>
public sealed class ConsoleTextTests
{
    [Theory]
    [InlineData("call 0712345678 back", "call 2547******78 back")]
    [InlineData("0712 345 678", "2547******78")]
    [InlineData("0712-345-678", "2547******78")]
    [InlineData("phone=0712+345+678&x=1", "phone=2547******78&x=1")]
    [InlineData("+254 712 345 678", "2547******78")]
    [InlineData("254712345678", "2547******78")]
    [InlineData("+2540712345678", "2547******78")]
    [InlineData("00254712345678", "2547******78")]
    [InlineData("(0712) 345 678", "2547******78")]
    [InlineData("0112.345.678", "2541******78")]
    [InlineData("712345678", "2547******78")]
    [InlineData("INV0712345678", "INV2547******78")]
    [InlineData("{\"Name\":\"PhoneNumber\",\"Value\":254708374149}", "{\"Name\":\"PhoneNumber\",\"Value\":2547******49}")]
    public void MaskPhones_AnyWayANumberIsWritten_IsMaskedTheSameWay(string text, string masked) =>
        Assert.Equal(masked, ConsoleText.MaskPhones(text));

    [Theory]
    [InlineData("receipt NLJ7RT61SV, paid 100.00")]
    [InlineData("TransactionDate 20261201123456")]
    [InlineData("2026-12-01 12:34:56")]
    [InlineData("payment 01a23314-5a74-71eb-bf2f-f788340bdfaf")]
    [InlineData("guid 73992178-5b1f-4c2e-9d3a-0a1b2c3d4e5f")]
    [InlineData("MerchantRequestID 29115-34620561-1")]
    [InlineData("http://127.0.0.1:39193/hook")]
    [InlineData("100 200 300")]
    public void MaskPhones_IdsAmountsTimesAndUrls_AreLeftAsTheyAre(string text) =>
        Assert.Equal(text, ConsoleText.MaskPhones(text));

    [Fact]
    public void MaskPhones_ACheckoutRequestId_HidesTheNumberItEndsWith() =>
        Assert.Equal("\"ws_CO_011220261803512*******49\"", ConsoleText.MaskPhones("\"ws_CO_011220261803512708374149\""));

    [Theory]
    [InlineData("https://shop.example.com/hooks/shield?token=s3cret", "https://shop.example.com/hooks/shield?…")]
    [InlineData("https://user:pass@shop.example.com/h", "https://shop.example.com/h")]
    [InlineData("http://127.0.0.1:8080/hook", "http://127.0.0.1:8080/hook")]
    public void Url_OfAWebhookEndpoint_LeavesOutWhatMayCarryAToken(string url, string shown) =>
        Assert.Equal(shown, ConsoleText.Url(url));
}
