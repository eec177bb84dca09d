using System;
using AwaitRaceAnalyzer.Sample;

// Each section: the unsafe version (its warning is in the build output above) on the thread pool and on one thread,
// then the version the rule's code fix produces (the files are the fix's before and after).
Console.WriteLine("== Lost update (AWR001) ==");
Console.WriteLine($"{CounterRace.TaskCount} tasks, each: read the count, await Task.Delay(1), write count + 1");
Console.WriteLine("Unsafe (AWR001 in the build output above):");
Console.WriteLine("  " + CounterRace.Describe("thread pool", CounterRace.RunOnThreadPool(new UnsafeCounter())));
Console.WriteLine("  " + CounterRace.Describe("single thread", CounterRace.RunOnSingleThread(new UnsafeCounter())));
Console.WriteLine("Fixed:");
Console.WriteLine("  " + CounterRace.Describe("SemaphoreSlim, pool", CounterRace.RunOnThreadPool(new SemaphoreSlimCounter())));
Console.WriteLine("  " + CounterRace.Describe("SemaphoreSlim, 1 thread", CounterRace.RunOnSingleThread(new SemaphoreSlimCounter())));
Console.WriteLine("  " + CounterRace.Describe("Interlocked, pool", CounterRace.RunOnThreadPool(new InterlockedCounter())));
Console.WriteLine("  " + CounterRace.Describe("Interlocked, 1 thread", CounterRace.RunOnSingleThread(new InterlockedCounter())));
Console.WriteLine();

Console.WriteLine("== Check-then-act (AWR002) ==");
Console.WriteLine($"{RespondRace.CallerCount} callers of RespondAsync on one interaction, each: check HasResponded in a lock, await the send, set HasResponded");
Console.WriteLine("Unsafe (AWR002 in the build output above):");
Console.WriteLine("  " + RespondRace.Describe("thread pool", RespondRace.RunOnThreadPool(new UnsafeInteraction())));
Console.WriteLine("  " + RespondRace.Describe("single thread", RespondRace.RunOnSingleThread(new UnsafeInteraction())));
Console.WriteLine("Fixed (claim before the await):");
Console.WriteLine("  " + RespondRace.Describe("thread pool", RespondRace.RunOnThreadPool(new ClaimBeforeAwaitInteraction())));
Console.WriteLine("  " + RespondRace.Describe("single thread", RespondRace.RunOnSingleThread(new ClaimBeforeAwaitInteraction())));
Console.WriteLine();

Console.WriteLine("== Lazy initialisation (AWR003) ==");
Console.WriteLine($"{LoadRace.CallerCount} callers of an empty settings cache, each: _settings ??= await LoadAsync()");
Console.WriteLine("Unsafe (AWR003, a warning here through the sample's .editorconfig):");
Console.WriteLine("  " + LoadRace.Describe("thread pool", LoadRace.RunOnThreadPool(new UnsafeSettingsCache())));
Console.WriteLine("  " + LoadRace.Describe("single thread", LoadRace.RunOnSingleThread(new UnsafeSettingsCache())));
Console.WriteLine("Fixed (share one load):");
Console.WriteLine("  " + LoadRace.Describe("thread pool", LoadRace.RunOnThreadPool(new SingleFlightSettingsCache())));
Console.WriteLine("  " + LoadRace.Describe("single thread", LoadRace.RunOnSingleThread(new SingleFlightSettingsCache())));
