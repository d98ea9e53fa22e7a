using System.Reflection;
using System.Text.RegularExpressions;
using Mono.Cecil;
using Mono.Cecil.Cil;
using NetArchTest.Rules;

namespace Shield.UnitTests.Architecture;

/// <summary>
/// The module rules of README "Extending", as functions of the types they judge, so that each can be run on Shield's
/// assemblies (<see cref="ModuleRuleTests"/>) and on types written to break it (<see cref="ModuleRuleSelfTests"/>).
/// Each returns the violations it found, one line each ("A uses B"); none means the rule holds.
/// <list type="bullet">
/// <item>A module is a folder in each layer (<c>{root}.Application.Payments</c>, <c>{root}.Domain.Payments</c>, ...).
/// <c>Common</c> is the shared kernel, not a module.</item>
/// <item>Inside a module's Application folder, use-case folders (InitiatePayment, RetryPayment...) do not use each
/// other; the shared folders (Common, Contracts, Ports, Specifications) use none of them.</item>
/// <item>A module uses another only through its <c>Contracts</c> (and the types those contracts expose).</item>
/// <item>The Domain speaks no HTTP and no configuration: no web or configuration namespace, no type named so, no
/// configuration key (<c>Section:Key</c>) or HTTP wording in its text.</item>
/// </list>
/// </summary>
public static partial class ModuleRules
{
    /// <summary>The folders of a module's Application layer every use case may use.</summary>
    public static readonly string[] SharedFolders = ["Common", "Contracts", "Ports", "Specifications"];

    /// <summary>Use-case folders of each module's Application layer do not depend on one another.</summary>
    public static IReadOnlyList<string> UseCaseFoldersAreIndependent(Assembly application, string root)
    {
        var violations = new List<string>();
        foreach (var module in Modules(application, $"{root}.Application"))
        {
            var prefix = $"{root}.Application.{module}";
            var useCases = Folders(application, prefix).Except(SharedFolders).ToList();
            foreach (var useCase in useCases)
            {
                var others = useCases.Where(u => u != useCase).Select(u => $"{prefix}.{u}").ToArray();
                violations.AddRange(FailingFolder(application, $"{prefix}.{useCase}", others));
            }

            foreach (var shared in SharedFolders)
            {
                violations.AddRange(FailingFolder(application, $"{prefix}.{shared}", [.. useCases.Select(u => $"{prefix}.{u}")]));
            }
        }

        return violations;
    }

    /// <summary>
    /// A module's types (in any layer) use another module only through its Application Contracts, and the types those
    /// contracts expose in their public members (the enums a contract carries, for example). The modules are the
    /// Application's folders other than Common (Payments, then Webhooks, Refunds...); the folders of the same name in the
    /// other layers belong to them. Other folders (Infrastructure's Persistence, Mpesa, Events; the Domain's Callbacks)
    /// are shared adapters and kernel, not modules: they implement or use any module's ports.
    /// </summary>
    public static IReadOnlyList<string> ModulesUseOnlyEachOthersContracts(IReadOnlyList<Assembly> assemblies, string root)
    {
        var layers = new[] { "Domain", "Application", "Infrastructure", "WebApi" };
        var modules = assemblies.SelectMany(a => Modules(a, $"{root}.Application")).Distinct().ToList();
        var violations = new List<string>();
        foreach (var module in modules)
        {
            var contracts = $"{root}.Application.{module}.Contracts";
            var published = assemblies.SelectMany(a => a.GetTypes()).Where(t => t.Namespace == contracts).ToList();
            var exposed = published.SelectMany(ExposedTypes).ToHashSet();
            foreach (var other in modules.Where(m => m != module))
            {
                var internals = layers.Select(l => $"{root}.{l}.{module}").ToArray();
                foreach (var type in assemblies.SelectMany(a => a.GetTypes()).Where(t => InModule(t, root, other)))
                {
                    var used = DependenciesOf(type).Where(d => internals.Any(i => d.Namespace?.StartsWith(i, StringComparison.Ordinal) == true))
                        .Where(d => d.Namespace != contracts && !exposed.Contains(d));
                    violations.AddRange(used.Select(d => $"{type.FullName} uses {d.FullName}, an internal of module {module}"));
                }
            }
        }

        return violations;
    }

    /// <summary>The Domain has no HTTP or configuration vocabulary, in its dependencies, its type names or its text.</summary>
    public static IReadOnlyList<string> DomainSpeaksNoHttpOrConfiguration(Assembly domain, string domainNamespace)
    {
        string[] forbidden =
        [
            "Microsoft.AspNetCore", "System.Net.Http", "System.Net.HttpStatusCode", "Microsoft.Extensions.Configuration", "Microsoft.Extensions.Options",
            "Microsoft.Extensions.Http",
        ];
        var violations = new List<string>(Failing(domain, domainNamespace, forbidden));
        violations.AddRange(domain.GetTypes().Where(t => t.Namespace?.StartsWith(domainNamespace, StringComparison.Ordinal) == true)
            .Where(t => HttpOrConfigurationName().IsMatch(t.Name))
            .Select(t => $"{t.FullName} is named in HTTP or configuration terms"));

        using var module = ModuleDefinition.ReadModule(domain.Location);
        foreach (var type in module.GetTypes().Where(t => t.Namespace.StartsWith(domainNamespace, StringComparison.Ordinal)))
        {
            foreach (var method in type.Methods.Where(m => m.HasBody))
            {
                foreach (var text in method.Body.Instructions.Where(i => i.OpCode == OpCodes.Ldstr).Select(i => (string)i.Operand))
                {
                    if (ConfigurationKey().Match(text) is { Success: true } key)
                    {
                        violations.Add($"{type.FullName}.{method.Name} names the configuration key {key.Value}");
                    }

                    if (HttpWords().Match(text) is { Success: true } http)
                    {
                        violations.Add($"{type.FullName}.{method.Name} speaks HTTP (\"{http.Value}\")");
                    }
                }
            }
        }

        return violations;
    }

    /// <summary>The types of <paramref name="namespace"/> (and below) that depend on any of <paramref name="forbidden"/>.</summary>
    private static IEnumerable<string> Failing(Assembly assembly, string @namespace, string[] forbidden)
    {
        if (forbidden.Length == 0)
        {
            return [];
        }

        var result = Types.InAssembly(assembly).That().ResideInNamespace(@namespace).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();
        return result.IsSuccessful ? [] : (result.FailingTypes ?? []).Select(t => $"{t.FullName} uses one of {string.Join(", ", forbidden)}");
    }

    /// <summary>
    /// <see cref="Failing"/> for folders, each matched whole: NetArchTest matches namespaces by prefix, which would take
    /// the types of <c>GetPaymentStats</c> for <c>GetPayment</c>'s, and their use of their own folder for a use of another.
    /// </summary>
    private static IEnumerable<string> FailingFolder(Assembly assembly, string folder, string[] forbiddenFolders)
    {
        if (forbiddenFolders.Length == 0)
        {
            return [];
        }

        var result = Types.InAssembly(assembly).That().ResideInNamespaceMatching($"^{Regex.Escape(folder)}(\\..+)?$")
            .ShouldNot().HaveDependencyOnAny(forbiddenFolders).GetResult();
        return result.IsSuccessful ? [] : (result.FailingTypes ?? []).Select(t => $"{t.FullName} uses one of {string.Join(", ", forbiddenFolders)}");
    }

    /// <summary>The folders right below <paramref name="prefix"/> that hold types: <c>Payments</c> below <c>Shield.Application</c>.</summary>
    private static IEnumerable<string> Folders(Assembly assembly, string prefix) =>
        assembly.GetTypes().Select(t => t.Namespace).OfType<string>()
            .Where(n => n.StartsWith(prefix + ".", StringComparison.Ordinal))
            .Select(n => n[(prefix.Length + 1)..].Split('.')[0])
            .Distinct();

    private static IEnumerable<string> Modules(Assembly assembly, string layer) => Folders(assembly, layer).Where(f => f != "Common");

    private static bool InModule(Type type, string root, string module) =>
        new[] { "Domain", "Application", "Infrastructure", "WebApi" }
            .Any(l => type.Namespace?.StartsWith($"{root}.{l}.{module}", StringComparison.Ordinal) == true);

    /// <summary>The assemblies' IL, read once: what method bodies use is not in the signatures.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Assembly, ModuleDefinition> Il = new();

    /// <summary>
    /// What a type uses: its base, interfaces, fields, properties, method signatures and generic arguments, and every
    /// type its method bodies name (a call, a field read, a new object, a cast).
    /// </summary>
    private static IEnumerable<Type> DependenciesOf(Type type)
    {
        return SignatureDependenciesOf(type).Concat(BodyDependenciesOf(type)).SelectMany(Unwrap).Distinct();
    }

    private static IEnumerable<Type> BodyDependenciesOf(Type type)
    {
        var definition = Il.GetOrAdd(type.Assembly, a => ModuleDefinition.ReadModule(a.Location)).GetType(type.FullName!.Replace('+', '/'));
        if (definition is null)
        {
            yield break;
        }

        foreach (var instruction in definition.Methods.Where(m => m.HasBody).SelectMany(m => m.Body.Instructions))
        {
            var named = instruction.Operand switch
            {
                TypeReference referenced => referenced,
                MemberReference member => member.DeclaringType,
                _ => null,
            };
            if (named?.GetElementType() is { } element && !element.IsGenericParameter
                && Type.GetType($"{element.FullName.Replace('/', '+')}, {(element.Scope is AssemblyNameReference name ? name.FullName : type.Assembly.FullName)}", throwOnError: false) is { } resolved)
            {
                yield return resolved;
            }
        }
    }

    private static IEnumerable<Type> SignatureDependenciesOf(Type type)
    {
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var direct = new List<Type?> { type.BaseType };
        direct.AddRange(type.GetInterfaces());
        direct.AddRange(type.GetFields(All).Select(f => f.FieldType));
        direct.AddRange(type.GetProperties(All).Select(p => p.PropertyType));
        foreach (var method in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
        {
            direct.AddRange(method.GetParameters().Select(p => p.ParameterType));
            if (method is MethodInfo info)
            {
                direct.Add(info.ReturnType);
            }
        }

        return direct.OfType<Type>();
    }

    private static IEnumerable<Type> Unwrap(Type type) =>
        type.HasElementType ? Unwrap(type.GetElementType()!)
        : type.IsGenericType ? type.GetGenericArguments().SelectMany(Unwrap).Prepend(type.GetGenericTypeDefinition())
        : [type];

    /// <summary>The types a contract exposes: its public members' types, and theirs (a contract's enums are part of the contract).</summary>
    private static HashSet<Type> ExposedTypes(Type contract)
    {
        var exposed = new HashSet<Type>();
        var pending = new Stack<Type>([contract]);
        while (pending.TryPop(out var type))
        {
            var members = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.PropertyType)
                .Concat(type.GetConstructors().SelectMany(c => c.GetParameters()).Select(p => p.ParameterType))
                .SelectMany(Unwrap);
            foreach (var member in members.Where(m => m.Namespace?.StartsWith("System", StringComparison.Ordinal) != true && exposed.Add(m)))
            {
                pending.Push(member);
            }
        }

        return exposed;
    }

    [GeneratedRegex(@"Http|Controller|Options$|Settings$|Configuration$|Dto$")]
    private static partial Regex HttpOrConfigurationName();

    /// <summary>A configuration key as appsettings and environment variables name it: <c>Payments:MaxAttempts</c>.</summary>
    [GeneratedRegex(@"\b[A-Z][A-Za-z]+:[A-Z][A-Za-z]+\b")]
    private static partial Regex ConfigurationKey();

    [GeneratedRegex(@"\bHTTP\b|status code|\bheader\b", RegexOptions.IgnoreCase)]
    private static partial Regex HttpWords();
}
