using System;
using System.Collections.Generic;
using System.Threading;
using AwaitRaceAnalyzer.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwaitRaceAnalyzer.Concurrency
{
    /// <summary>
    /// Types the compilation registers as singleton services: a dependency-injection container hands the one instance
    /// to every consumer (every request of a server, every view model of an application), so its methods run
    /// concurrently on that one object, which is why containers document that singletons must be thread-safe.
    /// Registrations are read from calls named <c>…Singleton</c> (<c>AddSingleton&lt;IService, Service&gt;()</c>,
    /// <c>TryAddSingleton</c>, <c>RegisterSingleton</c>, a factory lambda <c>sp =&gt; new Service(…)</c>, <c>typeof</c>
    /// arguments, an instance) and from <c>[Singleton…]</c> attributes of source-generated containers (the service type,
    /// or what its <c>Factory</c> method creates), from registration chains that end in a lifetime call
    /// (<c>RegisterType&lt;Service&gt;().As&lt;IService&gt;().SingleInstance()</c>) and from registrations given a singleton
    /// lifetime (<c>Register&lt;IService, Service&gt;(Lifestyle.Singleton)</c>, <c>new ServiceDescriptor(…,
    /// ServiceLifetime.Singleton)</c>). Only classes declared in source count.
    /// </summary>
    internal static class SingletonServices
    {
        public static readonly string[] TriggerWords = { "Singleton", "SingleInstance" };

        /// <summary>Fluent lifetime calls that end a registration chain: Autofac's <c>SingleInstance()</c>, Lamar's <c>Singleton()</c>.</summary>
        private static readonly string[] LifetimeCalls = { "SingleInstance", "Singleton" };

        private const string FactoryArgument = "Factory";

        /// <summary>
        /// Reports each class registered as a singleton in <paramref name="model"/>'s tree, with the registration's
        /// evidence; <paramref name="positions"/> are where the trigger word occurs (the index found them).
        /// </summary>
        public static void Collect(SemanticModel model, List<int> positions, Action<INamedTypeSymbol, ConcurrencyEvidence> found, CancellationToken cancellationToken)
        {
            positions.Sort();
            foreach (var node in model.SyntaxTree.GetRoot(cancellationToken).DescendantNodes(node => TextSearch.AnyWithin(positions, node.FullSpan)))
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (node)
                {
                    case InvocationExpressionSyntax invocation when IsLifetimeCall(invocation):
                        FromChain(invocation, model, found, cancellationToken);
                        break;
                    case InvocationExpressionSyntax invocation when NamesSingleton(SyntaxWalks.InvokedName(invocation)):
                        FromCall(invocation, model, found, cancellationToken);
                        break;
                    case InvocationExpressionSyntax invocation when SingletonLifetimeArgument(invocation.ArgumentList) is { } lifetime:
                        FromCall(invocation, model, found, cancellationToken, " with " + lifetime);
                        break;
                    case ObjectCreationExpressionSyntax { ArgumentList: { } arguments } descriptor when SingletonLifetimeArgument(arguments) is { } lifetime:
                        FromDescriptor(descriptor, arguments, lifetime, model, found, cancellationToken);
                        break;
                    case AttributeSyntax attribute when NamesSingleton(SyntaxWalks.RightmostName(attribute.Name)):
                        FromAttribute(attribute, model, found, cancellationToken);
                        break;
                }
            }
        }

        /// <summary>
        /// Read from the syntax, with only the named types bound: the container's own types often come from a package
        /// the compilation lacks while the registered service is the project's own.
        /// </summary>
        private static void FromCall(InvocationExpressionSyntax invocation, SemanticModel model, Action<INamedTypeSymbol, ConcurrencyEvidence> found, CancellationToken cancellationToken, string lifetime = "")
        {
            var registered = new List<INamedTypeSymbol>();
            var name = InvokedNameSyntax(invocation);
            AddLastTypeArgument(name, model, registered, cancellationToken);
            AddRegistered(invocation.ArgumentList, model, registered, cancellationToken);
            Report(registered, (name?.Identifier.ValueText ?? "a singleton registration") + lifetime, invocation, model, found);
        }

        /// <summary>
        /// <c>builder.RegisterType&lt;Service&gt;().As&lt;IService&gt;().SingleInstance()</c>: the classes named along the
        /// chain the lifetime call ends (type arguments, <c>typeof</c>, a factory's <c>new</c>, an instance).
        /// </summary>
        private static void FromChain(InvocationExpressionSyntax lifetime, SemanticModel model, Action<INamedTypeSymbol, ConcurrencyEvidence> found, CancellationToken cancellationToken)
        {
            var registered = new List<INamedTypeSymbol>();
            for (var link = (lifetime.Expression as MemberAccessExpressionSyntax)?.Expression as InvocationExpressionSyntax;
                 link is not null;
                 link = (link.Expression as MemberAccessExpressionSyntax)?.Expression as InvocationExpressionSyntax)
            {
                AddLastTypeArgument(InvokedNameSyntax(link), model, registered, cancellationToken);
                AddRegistered(link.ArgumentList, model, registered, cancellationToken);
            }

            Report(registered, SyntaxWalks.InvokedName(lifetime) ?? "a singleton registration", lifetime, model, found);
        }

        /// <summary><c>new ServiceDescriptor(typeof(IService), typeof(Service), ServiceLifetime.Singleton)</c>.</summary>
        private static void FromDescriptor(ObjectCreationExpressionSyntax descriptor, ArgumentListSyntax arguments, string lifetime, SemanticModel model, Action<INamedTypeSymbol, ConcurrencyEvidence> found, CancellationToken cancellationToken)
        {
            var registered = new List<INamedTypeSymbol>();
            AddRegistered(arguments, model, registered, cancellationToken);
            Report(registered, SyntaxWalks.RightmostName(descriptor.Type) + " with " + lifetime, descriptor, model, found);
        }

        private static SimpleNameSyntax? InvokedNameSyntax(InvocationExpressionSyntax invocation)
            => invocation.Expression is MemberAccessExpressionSyntax access ? access.Name : invocation.Expression as SimpleNameSyntax;

        /// <summary><c>SingleInstance()</c> or <c>Singleton()</c> called on a registration, with nothing of its own to register.</summary>
        private static bool IsLifetimeCall(InvocationExpressionSyntax invocation)
            => invocation.ArgumentList.Arguments.Count == 0
                && invocation.Expression is MemberAccessExpressionSyntax { Name: IdentifierNameSyntax name, Expression: InvocationExpressionSyntax }
                && Array.IndexOf(LifetimeCalls, name.Identifier.ValueText) >= 0;

        /// <summary>An argument that names the singleton lifetime: <c>Lifestyle.Singleton</c>, <c>Reuse.Singleton</c>, <c>ServiceLifetime.Singleton</c>.</summary>
        private static string? SingletonLifetimeArgument(ArgumentListSyntax arguments)
        {
            foreach (var argument in arguments.Arguments)
            {
                if (argument.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Singleton" } lifetime)
                {
                    return lifetime.ToString();
                }
            }

            return null;
        }

        /// <summary>The classes a registration's arguments name: <c>typeof</c>, a factory lambda's <c>new</c>, an instance.</summary>
        private static void AddRegistered(ArgumentListSyntax arguments, SemanticModel model, List<INamedTypeSymbol> registered, CancellationToken cancellationToken)
        {
            foreach (var argument in arguments.Arguments)
            {
                switch (argument.Expression)
                {
                    case TypeOfExpressionSyntax typeOf:
                        AddClass(model.GetTypeInfo(typeOf.Type, cancellationToken).Type, registered);
                        break;
                    case AnonymousFunctionExpressionSyntax factory:
                        AddCreated(factory, model, registered, cancellationToken);
                        break;
                    case ObjectCreationExpressionSyntax instance:
                        AddClass(model.GetTypeInfo(instance, cancellationToken).Type, registered);
                        break;
                }
            }
        }

        /// <summary><c>[Singleton&lt;IService, Service&gt;]</c>, <c>[Singleton(typeof(IService), typeof(Service))]</c>, <c>[Singleton&lt;IService&gt;(Factory = nameof(Create))]</c>.</summary>
        private static void FromAttribute(AttributeSyntax attribute, SemanticModel model, Action<INamedTypeSymbol, ConcurrencyEvidence> found, CancellationToken cancellationToken)
        {
            var registered = new List<INamedTypeSymbol>();
            var factory = false;
            foreach (var argument in attribute.ArgumentList?.Arguments ?? default)
            {
                if (argument.NameEquals?.Name.Identifier.ValueText == FactoryArgument)
                {
                    // The service is what that method of the container creates.
                    factory = true;
                    if (NameOf(argument.Expression) is { } creator && attribute.FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } container)
                    {
                        foreach (var member in container.Members)
                        {
                            if (member is MethodDeclarationSyntax method && method.Identifier.ValueText == creator)
                            {
                                AddCreated(method, model, registered, cancellationToken);
                            }
                        }
                    }
                }
                else if (argument.NameEquals is null && argument.Expression is TypeOfExpressionSyntax typeOf)
                {
                    AddClass(model.GetTypeInfo(typeOf.Type, cancellationToken).Type, registered);
                }
            }

            if (!factory)
            {
                AddLastTypeArgument(attribute.Name is QualifiedNameSyntax qualified ? qualified.Right : attribute.Name as SimpleNameSyntax, model, registered, cancellationToken);
            }

            Report(registered, "[" + SyntaxWalks.RightmostName(attribute.Name) + "]", attribute, model, found);
        }

        /// <summary>The implementation of a generic registration is its last type argument.</summary>
        private static void AddLastTypeArgument(SimpleNameSyntax? name, SemanticModel model, List<INamedTypeSymbol> registered, CancellationToken cancellationToken)
        {
            if (name is GenericNameSyntax { TypeArgumentList.Arguments: { Count: > 0 } arguments })
            {
                AddClass(model.GetTypeInfo(arguments[arguments.Count - 1], cancellationToken).Type, registered);
            }
        }

        /// <summary>The name in <c>nameof(Create)</c> or a string literal.</summary>
        private static string? NameOf(ExpressionSyntax expression)
            => expression switch
            {
                InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" }, ArgumentList.Arguments: { Count: 1 } arguments }
                    => SyntaxWalks.RightmostName(arguments[0].Expression),
                LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) => literal.Token.ValueText,
                _ => null,
            };

        private static void Report(List<INamedTypeSymbol> registered, string how, SyntaxNode site, SemanticModel model, Action<INamedTypeSymbol, ConcurrencyEvidence> found)
        {
            if (registered.Count == 0)
            {
                return;
            }

            var where = FanOutSites.Where(model, site.SpanStart);
            foreach (var type in registered)
            {
                found(type, ConcurrencyEvidence.Singleton(type.Name, how, where, site.GetLocation()));
            }
        }

        /// <summary>The source classes created with <c>new</c> in a factory (a lambda or a method of the container).</summary>
        private static void AddCreated(SyntaxNode factory, SemanticModel model, List<INamedTypeSymbol> registered, CancellationToken cancellationToken)
        {
            foreach (var node in factory.DescendantNodes())
            {
                if (node is ObjectCreationExpressionSyntax creation && model.GetTypeInfo(creation, cancellationToken).Type is { } created)
                {
                    AddClass(created, registered);
                }
            }
        }

        private static void AddClass(ITypeSymbol? type, List<INamedTypeSymbol> registered)
        {
            if (type is INamedTypeSymbol { TypeKind: TypeKind.Class, IsStatic: false } named
                && !named.DeclaringSyntaxReferences.IsEmpty
                && !registered.Contains(named.OriginalDefinition))
            {
                registered.Add(named.OriginalDefinition);
            }
        }

        /// <summary>AddSingleton, TryAddSingleton, AddKeyedSingleton, RegisterSingleton, RegisterLazySingleton, Singleton, SingletonAttribute.</summary>
        private static bool NamesSingleton(string? name)
            => name is not null
                && (name.EndsWith(TriggerWords[0], StringComparison.Ordinal) || name.EndsWith(TriggerWords[0] + "Attribute", StringComparison.Ordinal));
    }
}
