namespace TradeGrpc.Testing;

public static class Eventually
{
    /// <summary>Polls <paramref name="probe"/> until <paramref name="done"/> holds or the deadline passes; returns the last value.</summary>
    public static async Task<T> PollAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan deadline)
    {
        var until = DateTime.UtcNow + deadline;
        while (true)
        {
            var value = await probe();
            if (done(value) || DateTime.UtcNow > until)
            {
                return value;
            }

            await Task.Delay(50);
        }
    }
}
