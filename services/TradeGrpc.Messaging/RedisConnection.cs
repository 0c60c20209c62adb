using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace TradeGrpc.Messaging;

/// <summary>Opens the Redis connection without waiting for Redis, and logs an outage once when it starts and once when it ends.</summary>
public sealed partial class RedisConnection
{
    public static IConnectionMultiplexer Open(ConfigurationOptions options, ILogger<RedisConnection> logger)
    {
        var connection = ConnectionMultiplexer.Connect(options);
        var down = 0;
        connection.ConnectionFailed += (_, e) =>
        {
            if (Interlocked.Exchange(ref down, 1) == 0)
            {
                LogDown(logger, e.EndPoint, e.FailureType);
            }
        };
        connection.ConnectionRestored += (_, e) =>
        {
            if (Interlocked.Exchange(ref down, 0) == 1)
            {
                LogRestored(logger, e.EndPoint);
            }
        };
        if (!connection.IsConnected && Interlocked.Exchange(ref down, 1) == 0)
        {
            LogDownAtStart(logger, options.EndPoints.FirstOrDefault());
        }

        return connection;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis at {EndPoint} is unavailable ({Reason}); serving from the store until it returns")]
    private static partial void LogDown(ILogger logger, System.Net.EndPoint? endPoint, ConnectionFailureType reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis at {EndPoint} is not reachable at start; serving from the store until it is")]
    private static partial void LogDownAtStart(ILogger logger, System.Net.EndPoint? endPoint);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis at {EndPoint} is back; caching resumes")]
    private static partial void LogRestored(ILogger logger, System.Net.EndPoint? endPoint);
}
