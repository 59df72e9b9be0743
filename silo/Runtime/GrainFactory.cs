using System.Collections.Concurrent;
using System.Reflection;
using PatentNav.Market.Grains.Abstractions;

namespace PatentNav.Market.Silo.Runtime;

/// <summary>Hands out grain references: proxies whose every method call becomes a turn of the target grain.</summary>
internal sealed class GrainFactory(GrainRuntime runtime) : IGrainFactory
{
    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey) where TGrainInterface : IGrainWithStringKey
    {
        ArgumentException.ThrowIfNullOrEmpty(primaryKey);
        var reference = DispatchProxy.Create<TGrainInterface, GrainReference>();
        ((GrainReference)(object)reference).Bind(runtime, new GrainId(runtime.Registry.ForInterface(typeof(TGrainInterface)).TypeName, primaryKey));
        return reference;
    }

    /// <summary>Calls <see cref="IRemindable.ReceiveReminder"/> on a grain as an ordinary turn.</summary>
    public Task ReceiveReminder(GrainId id, string name, TickStatus status) =>
        runtime.CallAsync(id, $"reminder:{name}", async grain =>
        {
            if (grain is not IRemindable remindable)
                throw new InvalidOperationException($"{id} has a reminder '{name}' but is not IRemindable.");
            await remindable.ReceiveReminder(name, status);
            return null;
        });
}

/// <summary>The proxy behind a grain reference. Grain methods return Task or Task&lt;T&gt;.</summary>
public class GrainReference : DispatchProxy
{
    private static readonly ConcurrentDictionary<MethodInfo, Func<GrainReference, MethodInfo, object?[]?, object>> Callers = new();
    private static readonly MethodInfo TypedCall = typeof(GrainReference).GetMethod(nameof(CallTyped), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private GrainRuntime _runtime = null!;
    private GrainId _id;

    internal void Bind(GrainRuntime runtime, GrainId id)
    {
        _runtime = runtime;
        _id = id;
    }

    public override string ToString() => _id.ToString();

    protected override object? Invoke(MethodInfo? method, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(method);
        return Callers.GetOrAdd(method, CallerFor)(this, method, args);
    }

    private static Func<GrainReference, MethodInfo, object?[]?, object> CallerFor(MethodInfo method)
    {
        if (method.ReturnType == typeof(Task))
            return (self, m, args) => self.Call(m, args);
        if (method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            var typed = TypedCall.MakeGenericMethod(method.ReturnType.GetGenericArguments()[0]);
            return (self, m, args) => typed.Invoke(self, [m, args])!;
        }
        throw new NotSupportedException($"Grain method {method.DeclaringType?.Name}.{method.Name} must return Task or Task<T>.");
    }

    private Task<object?> Call(MethodInfo method, object?[]? args) =>
        _runtime.CallAsync(_id, method.Name, async grain =>
        {
            var task = (Task)Invoke(method, grain, args);
            await task;
            return method.ReturnType == typeof(Task) ? null : task.GetType().GetProperty("Result")!.GetValue(task);
        });

    private async Task<T> CallTyped<T>(MethodInfo method, object?[]? args) => (T)(await Call(method, args))!;

    private static object Invoke(MethodInfo method, object grain, object?[]? args)
    {
        try
        {
            return method.Invoke(grain, args)!;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }
}
