using System;
using AwaitRaceAnalyzer.Sample;

// The reference loop: 1000 tasks each read the count, await, and write back count + 1.
Console.WriteLine($"{CounterRace.TaskCount} tasks, each: read the count, await Task.Delay(1), write count + 1");
Console.WriteLine();
Console.WriteLine("Unsafe (AWR001 in the build output above):");
Console.WriteLine("  " + CounterRace.Describe("thread pool", CounterRace.RunOnThreadPool(new UnsafeCounter())));
Console.WriteLine("  " + CounterRace.Describe("single thread", CounterRace.RunOnSingleThread(new UnsafeCounter())));
Console.WriteLine();
Console.WriteLine("Fixed:");
Console.WriteLine("  " + CounterRace.Describe("SemaphoreSlim, pool", CounterRace.RunOnThreadPool(new SemaphoreSlimCounter())));
Console.WriteLine("  " + CounterRace.Describe("SemaphoreSlim, 1 thread", CounterRace.RunOnSingleThread(new SemaphoreSlimCounter())));
Console.WriteLine("  " + CounterRace.Describe("Interlocked, pool", CounterRace.RunOnThreadPool(new InterlockedCounter())));
Console.WriteLine("  " + CounterRace.Describe("Interlocked, 1 thread", CounterRace.RunOnSingleThread(new InterlockedCounter())));
