using Microsoft.Extensions.Time.Testing;
using Sweep.Runtime.Scheduling;

namespace Sweep.Runtime.Tests.Scheduling;

public sealed class DatasetFetchesTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void A_data_set_is_asked_for_once_however_many_trials_need_it()
    {
        var fetches = new DatasetFetches(_time);

        Assert.True(fetches.Need("data"));
        Assert.False(fetches.Need("data"));
        Assert.True(fetches.Need("other"));
        _time.Advance(DatasetFetches.AnswerTimeout - TimeSpan.FromSeconds(1));
        Assert.Empty(fetches.Due().Unanswered);
    }

    [Fact]
    public void An_ask_left_unanswered_is_repeated_after_the_answer_timeout_and_an_answer_stops_that()
    {
        var fetches = new DatasetFetches(_time);
        fetches.Need("slow");
        fetches.Need("answered");
        Assert.True(fetches.Answered("answered"));

        _time.Advance(DatasetFetches.AnswerTimeout);

        Assert.Equal(["slow"], fetches.Due().Unanswered);
        Assert.Empty(fetches.Due().Unanswered);
    }

    [Fact]
    public void A_second_answer_while_the_first_transfer_runs_is_not_read_nor_one_for_data_nobody_needs()
    {
        var fetches = new DatasetFetches(_time);
        fetches.Need("data");

        Assert.True(fetches.Answered("data"));
        Assert.False(fetches.Answered("data"));
        Assert.False(fetches.Answered("unknown"));
        fetches.Received("data");
        Assert.False(fetches.Answered("data"));
    }

    [Fact]
    public void Failed_transfers_are_retried_after_delays_that_double_up_to_a_minute()
    {
        var fetches = new DatasetFetches(_time);
        fetches.Need("data");
        var delays = new List<TimeSpan>();
        for (int failure = 1; failure <= 8; failure++)
        {
            fetches.Answered("data");
            var (failures, retryIn) = fetches.Failed("data");
            Assert.Equal(failure, failures);
            delays.Add(retryIn);

            _time.Advance(retryIn - TimeSpan.FromMilliseconds(1));
            Assert.Empty(fetches.Due().Retries);
            _time.Advance(TimeSpan.FromMilliseconds(1));
            Assert.Equal(["data"], fetches.Due().Retries);
        }

        Assert.Equal(new[] { 2, 4, 8, 16, 32, 60, 60, 60 }.Select(s => TimeSpan.FromSeconds(s)), delays);
    }
}
