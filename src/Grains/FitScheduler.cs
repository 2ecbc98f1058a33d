namespace RiskGrid.Grains;

/// <summary>
/// A small pool of dedicated, below-normal-priority threads that run the pairs' CPU-heavy work (fits
/// and forecasts over a batch of prices). Grains await it, so the grain scheduler and the thread pool
/// (where Orleans does its messaging and membership probes) are never held by a long estimation, and
/// a busy silo still answers its probes in time.
/// </summary>
public sealed class FitScheduler : TaskScheduler, IDisposable
{
    // A plain queue under a lock with Monitor.Wait: an idle thread blocks at once. (A BlockingCollection's
    // SemaphoreSlim spins first: with many short batches, idle fit threads spun a fifth of a loaded silo's CPU.)
    private readonly Queue<Task> _queue = new();
    private readonly object _gate = new();
    private readonly Thread[] _threads;
    private bool _completed;

    public FitScheduler(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        _threads = new Thread[threads];
        for (var i = 0; i < threads; i++)
        {
            _threads[i] = new Thread(Work)
            {
                IsBackground = true,
                Name = $"riskgrid-fit-{i}",
                Priority = ThreadPriority.BelowNormal,
            };
            _threads[i].Start();
        }
    }

    public override int MaximumConcurrencyLevel => _threads.Length;

    /// <summary>Runs <paramref name="work"/> on the pool.</summary>
    public Task<T> Run<T>(Func<T> work, CancellationToken cancellationToken = default) =>
        Task.Factory.StartNew(work, cancellationToken, TaskCreationOptions.DenyChildAttach, this);

    /// <summary>Lets the threads finish what is queued and end.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _completed = true;
            Monitor.PulseAll(_gate);
        }
    }

    protected override void QueueTask(Task task)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_completed, this);
            _queue.Enqueue(task);
            Monitor.Pulse(_gate);
        }
    }

    // Inlining would run a fit on the caller's thread (possibly the grain scheduler): never.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task> GetScheduledTasks()
    {
        lock (_gate)
        {
            return [.. _queue];
        }
    }

    private void Work()
    {
        while (true)
        {
            Task task;
            lock (_gate)
            {
                while (_queue.Count == 0)
                {
                    if (_completed)
                    {
                        return;
                    }

                    Monitor.Wait(_gate);
                }

                task = _queue.Dequeue();
            }

            TryExecuteTask(task);
        }
    }
}
