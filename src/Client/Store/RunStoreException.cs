namespace RiskGrid.Client.Store;

/// <summary>A run store that cannot be used (not a store, a newer schema, a missing run); the message says which.</summary>
public sealed class RunStoreException : Exception
{
    public RunStoreException(string message)
        : base(message)
    {
    }

    public RunStoreException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
