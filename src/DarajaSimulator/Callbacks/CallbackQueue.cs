using System.Threading.Channels;

namespace Shield.DarajaSimulator.Callbacks;

/// <summary>Hands STK callbacks and Transaction Status results from the endpoints to <see cref="CallbackDispatcher"/>.</summary>
internal sealed class CallbackQueue
{
    private readonly Channel<ScheduledPost> _channel =
        Channel.CreateUnbounded<ScheduledPost>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<ScheduledPost> Reader => _channel.Reader;

    /// <summary>Queues a post; false only once the dispatcher has stopped.</summary>
    public bool Enqueue(ScheduledPost post) => _channel.Writer.TryWrite(post);
}
