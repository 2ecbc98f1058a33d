using Xunit;

namespace RiskGrid.Testing;

/// <summary>A theory that needs ../shared; skipped, saying why, where it is absent.</summary>
public sealed class SharedDataTheoryAttribute : TheoryAttribute
{
    public SharedDataTheoryAttribute()
    {
        if (SharedData.Folder is null)
        {
            Skip = SharedData.MissingMessage;
        }
    }
}
