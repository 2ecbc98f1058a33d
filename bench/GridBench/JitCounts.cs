using System.Runtime;

namespace RiskGrid.GridBench;

/// <summary>Methods the JIT compiled in this process and the time it spent, to tell a run still compiling from a warm one.</summary>
public readonly record struct JitCounts(long Methods, TimeSpan Time)
{
    public static JitCounts Now() => new(JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime());

    public static JitCounts operator -(JitCounts a, JitCounts b) => new(a.Methods - b.Methods, a.Time - b.Time);

    public override string ToString() => $"{Methods} methods compiled in {Time.TotalSeconds:0.00} s";
}
