using Xunit;

namespace RiskGrid.Testing;

/// <summary>A fact that needs ../shared; skipped, saying why, where it is absent.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute()
    {
        if (SharedData.Folder is null)
        {
            Skip = SharedData.MissingMessage;
        }
    }
}
