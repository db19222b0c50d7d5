using System.Threading.Channels;
using EdgeEmotion.Contracts;
using EdgeEmotion.Hosting;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeEmotion.Collector.Ingest;

/// <summary>
/// Takes the fleet's messages from the broker and stores them. One MQTT 5 connection with a
/// persistent session (clean start off, the session kept <c>Collector:SessionExpirySeconds</c>)
/// subscribes at QoS 1 to <c>{prefix}/+/emotions|visits|stats|status</c>, so the broker holds the
/// collector's messages while it is away (or, with <c>Collector:SharedSubscription</c>, to
/// <c>$share/{group}/…</c>, so several collectors split a fleet; see <see cref="Subscription"/>).
/// Messages are acknowledged by hand, in the order received, only after the batch they
/// are in is committed: a collector killed at any point loses nothing (the broker sends the
/// unacknowledged ones again) and stores nothing twice (the store drops them as duplicates).
/// </summary>
public sealed partial class IngestService(
    CollectorStore store,
    IOptions<BrokerOptions> brokerOptions,
    IOptions<CollectorOptions> collectorOptions,
    MqttConnectionSettings connection,
    IngestCounters counters,
    TimeProvider clock,
    ILogger<IngestService> logger) : BackgroundService
{
    /// <summary>How often an idle writer loop still comes round (the watchdog's heartbeat).</summary>
    public static readonly TimeSpan IdleBeat = TimeSpan.FromSeconds(5);

    /// <summary>The connection's socket buffers (see <see cref="ClientOptions"/>).</summary>
    internal const int ReceiveBufferBytes = 256 * 1024;
    private readonly BrokerOptions _broker = brokerOptions.Value;
    private readonly CollectorOptions _collector = collectorOptions.Value;
    private readonly Channel<Received> _inbox = Channel.CreateUnbounded<Received>(new UnboundedChannelOptions { SingleReader = true });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var writer = Task.Run(() => WriteLoopAsync(stoppingToken), stoppingToken);
        var connection = ConnectionLoopAsync(stoppingToken);
        // A writer that fails must not leave a collector that connects and stores nothing: its
        // exception ends the service (and systemd restarts it; the broker kept the messages).
        var first = await Task.WhenAny(writer, connection);
        try
        {
            await first;
            await Task.WhenAll(writer, connection);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping: what was not acknowledged is the broker's to send again
        }
    }

    private async Task ConnectionLoopAsync(CancellationToken stop)
    {
        var factory = new MqttClientFactory();
        var delay = TimeSpan.FromSeconds(1);
        var timeout = TimeSpan.FromSeconds(_broker.TimeoutSeconds);
        var subscribedBefore = false;
        while (!stop.IsCancellationRequested)
        {
            using var client = factory.CreateMqttClient();
            var disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            client.DisconnectedAsync += _ =>
            {
                disconnected.TrySetResult();
                return Task.CompletedTask;
            };
            client.ApplicationMessageReceivedAsync += e =>
            {
                e.AutoAcknowledge = false;
                _inbox.Writer.TryWrite(new Received(client, e, clock.GetUtcNow()));
                return Task.CompletedTask;
            };
            try
            {
                using (var bounded = CancellationTokenSource.CreateLinkedTokenSource(stop))
                {
                    bounded.CancelAfter(timeout);
                    var result = await client.ConnectAsync(ClientOptions(timeout), bounded.Token);
                    if (result.ResultCode != MqttClientConnectResultCode.Success)
                    {
                        throw new MqttRefusedException($"the broker refused the connection: {result.ResultCode}", result.ResultCode);
                    }
                    var shared = _collector.SharedSubscription && result.SharedSubscriptionAvailable;
                    var subscribe = new MqttClientSubscribeOptionsBuilder();
                    foreach (var filter in Subscription.Filters(_broker.TopicPrefix, _collector.Group, shared))
                    {
                        subscribe.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
                    }
                    if (Subscription.Refused(await client.SubscribeAsync(subscribe.Build(), bounded.Token)) is { Count: > 0 } refused)
                    {
                        throw new SubscriptionRefusedException(refused);
                    }
                    if (result.IsSessionPresent && result.SharedSubscriptionAvailable)
                    {
                        // A session kept from a collector set the other way holds the other form
                        // too, and would deliver each message twice (stored once, sent twice).
                        await client.UnsubscribeAsync(Subscription.Unsubscribe(_broker.TopicPrefix, _collector.Group, !shared), bounded.Token);
                    }
                    LogConnected(logger, _broker.Host, _broker.Port, _collector.ResolvedClientId, result.IsSessionPresent);
                    if (!result.SharedSubscriptionAvailable)
                    {
                        LogNoSharedSubscriptions(logger, _broker.Host, _broker.Port);
                    }
                    if (subscribedBefore && !result.IsSessionPresent)
                    {
                        LogSessionLost(logger, _broker.Host, _broker.Port, _collector.ResolvedClientId);
                    }
                    subscribedBefore = true;
                }
                delay = TimeSpan.FromSeconds(1);
                await disconnected.Task.WaitAsync(stop);
                LogDisconnected(logger, _broker.Host, _broker.Port);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                await DisconnectAsync(client);
                return;
            }
            catch (SubscriptionRefusedException ex)
            {
                LogSubscriptionRefused(logger, _broker.Host, _broker.Port, ex.Message, delay.TotalSeconds);
            }
            catch (Exception ex) when (ex is MqttCommunicationException or IOException or OperationCanceledException or System.Net.Sockets.SocketException)
            {
                LogUnreachable(logger, _broker.Host, _broker.Port, ex.Message, delay.TotalSeconds);
            }
            await Task.Delay(delay, clock, stop);
            delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, _broker.MaxReconnectSeconds));
        }
    }

    private MqttClientOptions ClientOptions(TimeSpan timeout)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_broker.Host, _broker.Port)
            .WithClientId(_collector.ResolvedClientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)_collector.SessionExpirySeconds)
            .WithTimeout(timeout);
        connection.Apply(builder);
        var options = builder.Build();
        if (options.ChannelOptions is MqttClientTcpOptions tcp)
        {
            // MQTTnet sets the socket's buffers to BufferSize (8 KB by default), which turns off
            // the kernel's receive-window tuning: a backlog then arrives through a window of about
            // 10 KB, and once a busy machine lets that buffer fill, Linux clamps it further (a
            // loopback connection to mosquitto fell to about 40 messages/s and stayed there,
            // `ss -tmi`: rb16384, rwnd_limited 99.9 %). 256 KB is capped by net.core.rmem_max.
            tcp.BufferSize = ReceiveBufferBytes;
        }
        return options;
    }

    /// <summary>A clean DISCONNECT at stop keeps the session (its expiry stays as connected).</summary>
    private static async Task DisconnectAsync(IMqttClient client)
    {
        if (!client.IsConnected)
        {
            return;
        }
        try
        {
            using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.DisconnectAsync(new MqttClientDisconnectOptions(), bounded.Token);
        }
        catch (Exception ex) when (ex is MqttCommunicationException or IOException or OperationCanceledException)
        {
            // gone already: the session stays on the broker all the same
        }
    }

    private async Task WriteLoopAsync(CancellationToken stop)
    {
        var reader = _inbox.Reader;
        var batch = new List<Received>();
        var records = new List<CollectorMessage>();
        while (!stop.IsCancellationRequested)
        {
            counters.Beat();
            using (var idle = CancellationTokenSource.CreateLinkedTokenSource(stop))
            {
                idle.CancelAfter(IdleBeat);
                try
                {
                    await reader.WaitToReadAsync(idle.Token);
                }
                catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                {
                    continue;
                }
            }
            batch.Clear();
            records.Clear();
            while (batch.Count < _collector.BatchSize && reader.TryRead(out var received))
            {
                batch.Add(received);
                if (Parse(received) is { } record)
                {
                    records.Add(record);
                }
            }
            counters.Add(await StoreAsync(records, stop));
            foreach (var received in batch)
            {
                await AcknowledgeAsync(received, stop);
            }
        }
    }

    private CollectorMessage? Parse(Received received)
    {
        var message = received.Args.ApplicationMessage;
        try
        {
            return MessageMapping.Map(_broker.TopicPrefix, message.Topic, message.Payload, received.At);
        }
        catch (PayloadException ex)
        {
            // Acknowledged all the same: the broker would send it again and again, and it would
            // never read any better. The line names the field, never the payload.
            counters.Reject();
            LogRejected(logger, message.Topic, ex.Message);
            return null;
        }
        catch (OverflowException)
        {
            counters.Reject();
            LogRejected(logger, message.Topic, "a count beyond what a window can hold");
            return null;
        }
    }

    /// <summary>Until it is committed: a database that is away (PostgreSQL restarting, a full
    /// disk) holds the messages unacknowledged on the broker, and the batch is tried again.</summary>
    private async Task<StoreResult> StoreAsync(List<CollectorMessage> records, CancellationToken stop)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                return records.Count == 0 ? default : await store.StoreAsync(records, stop);
            }
            catch (System.Data.Common.DbException ex)
            {
                LogStoreFailed(logger, records.Count, ex.Message, delay.TotalSeconds);
                await Task.Delay(delay, clock, stop);
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 30));
                counters.Beat();
            }
        }
    }

    /// <summary>Bounded like every broker operation: an acknowledgement on a connection that died
    /// under it was seen to wait for ever, and the writer with it.</summary>
    private async Task AcknowledgeAsync(Received received, CancellationToken stop)
    {
        if (!received.Client.IsConnected)
        {
            return; // its connection is gone: the broker sends it again on the next one
        }
        try
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(stop);
            bounded.CancelAfter(TimeSpan.FromSeconds(_broker.TimeoutSeconds));
            await received.Args.AcknowledgeAsync(bounded.Token).WaitAsync(bounded.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stop.IsCancellationRequested)
        {
            // Whatever the client says (not connected, disposed, a broken pipe), an acknowledgement
            // that did not go out only means the broker sends the message again, and the store
            // drops it as a duplicate: never a reason to stop storing.
        }
    }

    private sealed record Received(IMqttClient Client, MqttApplicationMessageReceivedEventArgs Args, DateTimeOffset At);

    [LoggerMessage(0, LogLevel.Information, "Connected to {Host}:{Port} as {ClientId} and subscribed (session resumed: {SessionPresent})")]
    private static partial void LogConnected(ILogger logger, string host, int port, string clientId, bool sessionPresent);

    [LoggerMessage(1, LogLevel.Warning, "Broker {Host}:{Port} disconnected; reconnecting")]
    private static partial void LogDisconnected(ILogger logger, string host, int port);

    [LoggerMessage(2, LogLevel.Warning, "Broker {Host}:{Port} unreachable ({Reason}); next attempt in {Seconds} s")]
    private static partial void LogUnreachable(ILogger logger, string host, int port, string reason, double seconds);

    [LoggerMessage(3, LogLevel.Warning, "Message on {Topic} not stored: {Reason}")]
    private static partial void LogRejected(ILogger logger, string topic, string reason);

    [LoggerMessage(4, LogLevel.Error, "Storing {Count} messages failed ({Reason}); they stay with the broker, retrying in {Seconds} s")]
    private static partial void LogStoreFailed(ILogger logger, int count, string reason, double seconds);

    [LoggerMessage(5, LogLevel.Error, "Broker {Host}:{Port}: {Reason}; nothing would be stored from those topics, next attempt in {Seconds} s")]
    private static partial void LogSubscriptionRefused(ILogger logger, string host, int port, string reason, double seconds);

    [LoggerMessage(6, LogLevel.Warning, "Broker {Host}:{Port} offers no shared subscriptions (as the daemon's embedded broker): subscribed to the topics themselves, so each collector on it receives every message (stored once). A broker that keeps no session while the collector is away (the embedded broker keeps none) loses what is published meanwhile: for a history without gaps use mosquitto (installer's guide)")]
    private static partial void LogNoSharedSubscriptions(ILogger logger, string host, int port);

    [LoggerMessage(7, LogLevel.Warning, "Broker {Host}:{Port} kept no session for {ClientId}: what was published while the collector was disconnected is lost (the gaps show in /api/v1/gaps)")]
    private static partial void LogSessionLost(ILogger logger, string host, int port, string clientId);
}
