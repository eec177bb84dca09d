using Microsoft.CodeAnalysis.Testing;
using Verify = AwaitRaceAnalyzer.Tests.Verifiers.AnalyzerVerifier<AwaitRaceAnalyzer.Rules.LostUpdateAnalyzer>;

namespace AwaitRaceAnalyzer.Tests.Rules;

/// <summary>
/// A class registered as a singleton service is one instance that every consumer of the container shares: its
/// methods run concurrently on it, so a check-then-act in it is AWR002 with the registration (#3) as the evidence.
/// Registrations are read from the syntax (the container's own types need not bind): generic calls named
/// <c>…Singleton</c>, a factory lambda's <c>new</c>, <c>[Singleton…]</c> attributes with a factory method. A scoped or
/// transient registration, and a singleton of another class, are no evidence.
/// </summary>
public class SingletonServiceEvidenceTests
{
    private const string Usings = "using System; using System.Collections.Generic; using System.Threading.Tasks;\n";

    /// <summary>A scheduler factory that initialises once, with no sign of concurrent use of its own (AWR102 alone).</summary>
    private const string Factory = """
        public interface ISchedulerFactory { Task<string> GetScheduler(); }

        public class SchedulerFactory : ISchedulerFactory
        {
            private bool _initialized;

            Task AddCalendarsAsync() => Task.CompletedTask;

            public async Task<string> GetScheduler()
            {
                if (!{|#1:_initialized|})
                {
                    {|#2:await AddCalendarsAsync()|};
                    {|#0:_initialized = true|};
                }

                return "scheduler";
            }
        }

        public class Services : List<object> { }

        public static class Registrations
        {
            public static Services AddSingleton<TService, TImplementation>(this Services services) => services;
            public static Services AddSingleton<TService>(this Services services, Func<IServiceProvider, TService> factory) => services;
            public static Services AddScoped<TService, TImplementation>(this Services services) => services;
        }

        """;

    private static DiagnosticResult Promoted(string method, string registration, string where)
        => Verify.Diagnostic(DiagnosticIds.CheckThenAct).WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3)
            .WithArguments("_initialized", "await AddCalendarsAsync()", $"; {method} runs concurrently on the one SchedulerFactory that every consumer shares (a singleton service: {registration} in {where})");

    private static DiagnosticResult Advisory()
        => Verify.Diagnostic(DiagnosticIds.AdvisoryCheckThenAct).WithLocation(0).WithLocation(1).WithLocation(2)
            .WithArguments("_initialized", "await AddCalendarsAsync()", string.Empty);

    [Fact]
    public Task GenericSingletonRegistration_Promotes()
        => Verify.VerifyAnalyzerAsync(Usings + Factory + """
            public static class Startup
            {
                public static void Configure(Services services) => {|#3:services.AddSingleton<ISchedulerFactory, SchedulerFactory>()|};
            }
            """, Promoted("GetScheduler", "AddSingleton", "Startup.Configure"));

    [Fact]
    public Task SingletonCreatedByAFactoryLambda_Promotes()
        => Verify.VerifyAnalyzerAsync(Usings + Factory + """
            public static class Startup
            {
                public static void Configure(Services services) => {|#3:services.AddSingleton<ISchedulerFactory>(provider => new SchedulerFactory())|};
            }
            """, Promoted("GetScheduler", "AddSingleton", "Startup.Configure"));

    [Fact]
    public Task RegistrationWhoseContainerDoesNotBind_StillPromotes()
        => Verify.VerifyAnalyzerAsync(Usings + Factory + """
            public static class Startup
            {
                public static void Configure({|CS0246:IServiceCollection|} services) => {|#3:services.TryAddSingleton<ISchedulerFactory, SchedulerFactory>()|};
            }
            """, Promoted("GetScheduler", "TryAddSingleton", "Startup.Configure"));

    [Fact]
    public Task AttributeWithAFactoryMethod_Promotes()
        => Verify.VerifyAnalyzerAsync(Usings + Factory + """
            [AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
            public sealed class SingletonAttribute<TService> : Attribute
            {
                public string? Factory { get; set; }
            }

            [{|#3:Singleton<ISchedulerFactory>(Factory = nameof(CreateSchedulerFactory))|}]
            public partial class ServiceProvider
            {
                private ISchedulerFactory CreateSchedulerFactory() => new SchedulerFactory();
            }
            """, Promoted("GetScheduler", "[Singleton]", "ServiceProvider"));

    [Fact]
    public Task InheritedMethodOfARegisteredSubclass_Promotes()
        => Verify.VerifyAnalyzerAsync(Usings + Factory + """
            public class ConfiguredSchedulerFactory : SchedulerFactory { }

            public static class Startup
            {
                public static void Configure(Services services) => {|#3:services.AddSingleton<ISchedulerFactory, ConfiguredSchedulerFactory>()|};
            }
            """, Verify.Diagnostic(DiagnosticIds.CheckThenAct).WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3)
                .WithArguments("_initialized", "await AddCalendarsAsync()", "; GetScheduler runs concurrently on the one ConfiguredSchedulerFactory that every consumer shares (a singleton service: AddSingleton in Startup.Configure)"));

    [Fact]
    public Task ScopedRegistration_IsNoEvidence()
        => Verify.VerifyAnalyzerAsync(Usings + Factory + """
            public static class Startup
            {
                public static void Configure(Services services) => services.AddScoped<ISchedulerFactory, SchedulerFactory>();
            }
            """, Advisory());

    [Fact]
    public Task SingletonOfAnotherClass_IsNoEvidence()
        => Verify.VerifyAnalyzerAsync(Usings + Factory + """
            public class Clock { }

            public static class Startup
            {
                public static void Configure(Services services) => services.AddSingleton<Clock, Clock>();
            }
            """, Advisory());

    [Fact]
    public Task RegistrationChainEndedBySingleInstance_Promotes()
        => Verify.VerifyAnalyzerAsync(Usings + Factory + """
            public static class Startup
            {
                public static void Configure({|CS0246:ContainerBuilder|} builder) => {|#3:builder.RegisterType<SchedulerFactory>().As<ISchedulerFactory>().SingleInstance()|};
            }
            """, Promoted("GetScheduler", "SingleInstance", "Startup.Configure"));

    [Fact]
    public Task RegistrationChainWithAnotherLifetime_IsNoEvidence()
        => Verify.VerifyAnalyzerAsync(Usings + Factory + """
            public static class Startup
            {
                public static void Configure({|CS0246:ContainerBuilder|} builder) => builder.RegisterType<SchedulerFactory>().As<ISchedulerFactory>().InstancePerLifetimeScope();
            }
            """, Advisory());

    [Fact]
    public Task RegistrationGivenTheSingletonLifetime_Promotes()
        => Verify.VerifyAnalyzerAsync(Usings + Factory + """
            public enum Lifestyle { Transient, Singleton }

            public static class Startup
            {
                public static void Configure({|CS0246:Container|} container) => {|#3:container.Register<ISchedulerFactory, SchedulerFactory>(Lifestyle.Singleton)|};
            }
            """, Promoted("GetScheduler", "Register with Lifestyle.Singleton", "Startup.Configure"));

    [Fact]
    public Task RegistrationGivenATransientLifetime_IsNoEvidence()
        => Verify.VerifyAnalyzerAsync(Usings + Factory + """
            public enum Lifestyle { Transient, Singleton }

            public static class Startup
            {
                public static void Configure({|CS0246:Container|} container) => container.Register<ISchedulerFactory, SchedulerFactory>(Lifestyle.Transient);
            }
            """, Advisory());

    /// <summary>A calendar store with a once-initialisation of its own, held by a registered service.</summary>
    private const string HeldStore = """
        public class CalendarStore
        {
            private bool _loaded;

            Task ReadCalendarsAsync() => Task.CompletedTask;

            public async Task LoadAsync()
            {
                if (!{|#1:_loaded|})
                {
                    {|#2:await ReadCalendarsAsync()|};
                    {|#0:_loaded = true|};
                }
            }
        }

        public interface ICalendarService { Task OpenAsync(); }

        public class CalendarService : ICalendarService
        {
            private readonly CalendarStore _store = new CalendarStore();

            public Task OpenAsync() => _store.LoadAsync();
        }

        public class Services : List<object> { }

        public static class Registrations
        {
            public static Services AddSingleton<TService, TImplementation>(this Services services) => services;
            public static Services AddScoped<TService, TImplementation>(this Services services) => services;
        }

        """;

    [Fact]
    public Task ObjectHeldByASingleton_RunsConcurrentlyToo()
        => Verify.VerifyAnalyzerAsync(Usings + HeldStore + """
            public static class Startup
            {
                public static void Configure(Services services) => {|#3:services.AddSingleton<ICalendarService, CalendarService>()|};
            }
            """, Verify.Diagnostic(DiagnosticIds.CheckThenAct).WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3)
                .WithArguments("_loaded", "await ReadCalendarsAsync()", "; LoadAsync runs concurrently on one CalendarStore (a singleton service: AddSingleton in Startup.Configure, through OpenAsync)"));

    [Fact]
    public Task ObjectHeldByAScopedService_IsNoEvidence()
        => Verify.VerifyAnalyzerAsync(Usings + HeldStore + """
            public static class Startup
            {
                public static void Configure(Services services) => services.AddScoped<ICalendarService, CalendarService>();
            }
            """, Verify.Diagnostic(DiagnosticIds.AdvisoryCheckThenAct).WithLocation(0).WithLocation(1).WithLocation(2)
                .WithArguments("_loaded", "await ReadCalendarsAsync()", string.Empty));
}
