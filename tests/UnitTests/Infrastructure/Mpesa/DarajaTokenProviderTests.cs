using System.Net;
using Shield.Domain.Payments;
using Shield.Infrastructure.Mpesa;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Infrastructure.Mpesa;

public sealed class DarajaTokenProviderTests : IDisposable
{
    private readonly DarajaFixture _fixture = new();

    private ScriptedDaraja Daraja => _fixture.Daraja;

    public void Dispose() => _fixture.Dispose();

    /// <summary>Lets the provider's back-off delays (on the fake clock) elapse until the call finishes.</summary>
    private async Task<T> PumpAsync<T>(Task<T> task)
    {
        for (var i = 0; i < 500 && !task.IsCompleted; i++)
        {
            _fixture.Clock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(1);
        }

        return await task;
    }

    [Fact]
    public async Task GetTokenAsync_ConcurrentFirstCalls_ShareOneRequest()
    {
        var release = new TaskCompletionSource();
        Daraja.Token = async n =>
        {
            await release.Task;
            return ScriptedDaraja.Json(HttpStatusCode.OK, $$"""{"access_token":"token-{{n}}","expires_in":3599}""");
        };

        var calls = Enumerable.Range(0, 20).Select(_ => _fixture.Tokens.GetTokenAsync(CancellationToken.None)).ToList();
        release.SetResult();
        var tokens = await Task.WhenAll(calls);

        Assert.Single(Daraja.TokenRequests);
        Assert.All(tokens, t => Assert.Equal("token-1", t));
    }

    [Fact]
    public async Task Invalidate_CurrentToken_NextCallGetsNewToken()
    {
        var first = await _fixture.Tokens.GetTokenAsync(CancellationToken.None);

        _fixture.Tokens.Invalidate(first);
        var second = await _fixture.Tokens.GetTokenAsync(CancellationToken.None);

        Assert.Equal(("token-1", "token-2"), (first, second));
    }

    [Fact]
    public async Task Invalidate_TokenAlreadyReplaced_KeepsTheCurrentOne()
    {
        var first = await _fixture.Tokens.GetTokenAsync(CancellationToken.None);
        _fixture.Tokens.Invalidate(first);
        var second = await _fixture.Tokens.GetTokenAsync(CancellationToken.None);

        _fixture.Tokens.Invalidate(first); // a slow caller reporting the old token
        var third = await _fixture.Tokens.GetTokenAsync(CancellationToken.None);

        Assert.Equal(second, third);
        Assert.Equal(2, Daraja.TokenRequests.Count);
    }

    [Fact]
    public async Task GetTokenAsync_MissingExpiresIn_StillCachesToken()
    {
        Daraja.Token = _ => Task.FromResult(ScriptedDaraja.Json(HttpStatusCode.OK, """{"access_token":"c9SQxWWhmdVRlyh0zh8gZDTkubVF"}"""));

        await _fixture.Tokens.GetTokenAsync(CancellationToken.None);
        var again = await _fixture.Tokens.GetTokenAsync(CancellationToken.None);

        Assert.Equal("c9SQxWWhmdVRlyh0zh8gZDTkubVF", again);
        Assert.Single(Daraja.TokenRequests);
    }

    [Fact]
    public async Task GetTokenAsync_TransientServerError_IsRetried()
    {
        Daraja.Token = n => Task.FromResult(n == 1
            ? ScriptedDaraja.Html(HttpStatusCode.BadGateway)
            : ScriptedDaraja.Json(HttpStatusCode.OK, """{"access_token":"after-retry","expires_in":"3599"}"""));

        var token = await PumpAsync(_fixture.Tokens.GetTokenAsync(CancellationToken.None));

        Assert.Equal("after-retry", token);
        Assert.Equal(2, Daraja.TokenRequests.Count);
    }

    [Fact]
    public async Task GetTokenAsync_AlwaysServerError_GivesUpAsUnreachable()
    {
        Daraja.Token = _ => Task.FromResult(ScriptedDaraja.Empty(HttpStatusCode.ServiceUnavailable));

        var exception = await Assert.ThrowsAsync<DarajaUnavailableException>(() => PumpAsync(_fixture.Tokens.GetTokenAsync(CancellationToken.None)));

        Assert.Equal(NoAnswerReason.Unreachable, exception.Reason);
        Assert.Equal(3, Daraja.TokenRequests.Count);
    }

    [Fact]
    public async Task GetTokenAsync_WrongCredentials_IsNotRetried()
    {
        Daraja.Token = _ => Task.FromResult(ScriptedDaraja.Json(HttpStatusCode.BadRequest,
            """{'requestId': '11259-2330641-1', 'errorCode': '400.008.02', 'errorMessage': 'Invalid grant type passed'}""".Replace('\'', '"')));

        await Assert.ThrowsAsync<DarajaUnavailableException>(() => _fixture.Tokens.GetTokenAsync(CancellationToken.None));

        Assert.Single(Daraja.TokenRequests);
    }

    [Fact]
    public async Task GetTokenAsync_TokenRequestTimesOut_IsTimedOut()
    {
        Daraja.Token = _ => throw new TaskCanceledException("timeout", new TimeoutException());

        var exception = await Assert.ThrowsAsync<DarajaUnavailableException>(() => PumpAsync(_fixture.Tokens.GetTokenAsync(CancellationToken.None)));

        Assert.Equal(NoAnswerReason.TimedOut, exception.Reason);
    }
}
