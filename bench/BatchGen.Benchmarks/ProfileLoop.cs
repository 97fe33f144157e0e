using System.Diagnostics;
using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace BatchGen.Benchmarks;

/// <summary>
/// One benchmark method called in a plain loop for a while, with its class's setup and cleanup
/// around it: what <c>bench/profile.sh</c> runs under <c>dotnet-trace</c>. BenchmarkDotNet's own
/// EventPipe profiler refuses .NET 10 (0.14 does not know it as .NET Core), and its harness would
/// dilute the samples anyway; here nearly every sample is the method under study.
/// </summary>
internal static class ProfileLoop
{
    public static void Run(string name, TimeSpan duration)
    {
        var dot = name.LastIndexOf('.');
        var type = typeof(ProfileLoop).Assembly.GetTypes().SingleOrDefault(t => t.Name == name[..Math.Max(dot, 0)])
            ?? throw new ArgumentException($"No benchmark class '{name[..Math.Max(dot, 0)]}'; write Type.Method, e.g. JsonBenchmarks.ReadBatchGenDirect.");
        var method = type.GetMethod(name[(dot + 1)..]) ?? throw new ArgumentException($"{type.Name} has no method '{name[(dot + 1)..]}'.");
        var instance = Activator.CreateInstance(type)!;
        // A delegate, not MethodInfo.Invoke, so the loop costs a call and not a reflection call;
        // a method returning a value type (the token-only floor) has no such delegate and is invoked.
        Func<object?> call = method.ReturnType.IsValueType
            ? () => method.Invoke(instance, null)
            : (Func<object?>)method.CreateDelegate(typeof(Func<object?>), instance);
        Invoke(type, instance, typeof(GlobalSetupAttribute));
        try
        {
            var calls = 0L;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < duration)
            {
                // A batch of calls between clock reads, so the clock is not what gets profiled.
                for (var i = 0; i < 64; i++)
                {
                    if (call() is Task task)
                    {
                        task.GetAwaiter().GetResult();
                    }
                }

                calls += 64;
            }

            Console.WriteLine($"{type.Name}.{method.Name}: {calls} calls in {clock.Elapsed.TotalSeconds:F1} s, {clock.Elapsed.TotalMilliseconds * 1e6 / calls:F0} ns each");
        }
        finally
        {
            Invoke(type, instance, typeof(GlobalCleanupAttribute));
        }
    }

    private static void Invoke(Type type, object instance, Type attribute)
    {
        foreach (var step in type.GetMethods().Where(m => m.GetCustomAttribute(attribute) is not null))
        {
            if (step.Invoke(instance, null) is Task task)
            {
                task.GetAwaiter().GetResult();
            }
        }
    }
}
