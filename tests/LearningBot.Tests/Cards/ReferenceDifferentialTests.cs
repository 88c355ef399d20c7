using System.Text.Json.Nodes;
using LearningBot.Cards;

namespace LearningBot.Tests.Cards;

/// <summary>
/// Many small templates bound by both engines in one Node process. Where the reference library produces a value,
/// ours must be identical; where it leaves <c>${...}</c> in the output, prints a placeholder's length or
/// "[object Object]", drops a property it could not evaluate, or throws, ours must throw
/// <see cref="CardBindingException"/> instead (each such case states what the reference shows).
/// </summary>
public sealed class ReferenceDifferentialTests
{
    private static readonly JsonObject Data = (JsonObject)JsonNode.Parse("""
        {
          "name": "Ann", "Name": "Upper", "n": 3, "f": 1.5, "big": 1e21, "small": 1e-7, "tiny": 0.000001,
          "neg": -2.5, "third": 0.3333333333333333, "large": 123456789012345680000, "t": true, "z": 0, "e": "",
          "nul": null, "arr": [1, 2], "words": ["a", "b"], "o": { "p": { "q": "deep" } }, "o2": { "p": { "q": "deep" } },
          "objs": [{ "a": "x", "k": [{ "b": 1 }, { "b": 2 }] }, { "a": "y", "k": [] }],
          "one": [{ "a": "solo" }], "none": [], "emptyObj": {}, "mixed": [1, null, "two"]
        }
        """)!.AsObject();

    public static TheoryData<string, string> SameAsReference => new()
    {
        { "whole string keeps text type", """{ "v": "${name}" }""" },
        { "whole number", """{ "v": "${n}" }""" },
        { "whole boolean", """{ "v": "${t}" }""" },
        { "whole object", """{ "v": "${o}" }""" },
        { "whole list", """{ "v": "${arr}" }""" },
        { "whole null", """{ "v": "${nul}" }""" },
        { "embedded text", """{ "v": "Hi ${name}!" }""" },
        { "embedded numbers as JavaScript writes them", """{ "v": "${n}|${f}|${big}|${small}|${tiny}|${neg}|${third}|${large}|${z}" }""" },
        { "embedded booleans", """{ "v": "${t} and ${!t}" }""" },
        { "adjacent expressions", """{ "v": "${n}${n}" }""" },
        { "dollar signs kept", """{ "v": "$ {x} $${name} $" }""" },
        { "nested path", """{ "v": "${o.p.q}" }""" },
        { "index then property", """{ "v": "${objs[1].a}" }""" },
        { "trailing index", """{ "v": "${arr[1]}" }""" },
        { "nested indexes", """{ "v": "${objs[0].k[1].b}" }""" },
        { "index beyond the end then property", """{ "v": "${objs[5].a == null}" }""" },
        { "case-insensitive names, first match wins", """{ "v": "${NAME}" }""" },
        { "$root and $data at top level", """{ "v": "${$root.name} ${$data.name}" }""" },
        { "whole $root", """{ "v": { "$data": "${o}", "w": "${$root.o.p.q}" } }""" },
        { "count of list, text and object", """{ "v": "${count(arr)} ${count(name)} ${count(o.p)}" }""" },
        { "empty of each kind", """{ "v": ["${empty(e)}", "${empty(z)}", "${empty(emptyObj)}", "${empty(none)}", "${empty(nul)}", "${empty(missing)}", "${empty(name)}", "${empty(t)}"] }""" },
        { "not of each kind", """{ "v": ["${!t}", "${!z}", "${!e}", "${!missing}", "${!nul}", "${!name}", "${!count(nul)}"] }""" },
        { "equality", """{ "v": ["${n == 3}", "${n == '3'}", "${name == 'Ann'}", "${name != \"Ann\"}", "${missing == null}", "${nul == missing}", "${o == o2}", "${arr == arr}", "${objs[0].k[0] == objs[0].k[1]}"] }""" },
        { "ordering", """{ "v": ["${n > 2}", "${n >= 3}", "${n < 3}", "${n <= 2}", "${'B' < 'a'}", "${'é' > 'z'}", "${missing > 1}", "${nul < 1}", "${f > 1 && f < 2}"] }""" },
        { "equality binds tighter than ordering", """{ "v": "${(n > 1) == t}" }""" },
        { "and, or and their precedence", """{ "v": ["${t || z && e}", "${z && e || t}", "${t && t && n > 1}", "${missing || t}"] }""" },
        { "or returns the last operand's value", """{ "v": ["${false || nul}", "${false || name}", "${false || n}"] }""" },
        { "when removes list items and nulls an object property", """{ "list": [{ "$when": "${n < 0}", "a": 1 }, { "b": 2 }], "prop": { "$when": "${n < 1}", "a": 1 }, "keep": { "$when": "${n > 1}", "a": 1 } }""" },
        { "when needs exactly true", """{ "v": [{ "$when": "${name}", "a": 1 }, { "$when": "${count(arr)}", "a": 2 }, { "$when": "${missing}", "a": 3 }, { "$when": "${1 < 'a'}", "a": 4 }, { "$when": "${!(1 < 'a')}", "a": 5 }] }""" },
        { "data repeats in place with index", """{ "v": [{ "z": 0 }, { "$data": "${objs}", "a": "${a} ${$index}" }, { "z": 9 }] }""" },
        { "data with when per item", """{ "v": [{ "$data": "${objs}", "$when": "${$index > 0}", "a": "${a}" }] }""" },
        { "nested data keeps $root", """{ "v": [{ "$data": "${objs}", "a": "${a}", "items": [{ "$data": "${k}", "t": "${b} ${$index} ${$root.name} ${$data.b}" }] }] }""" },
        { "data over one item gives an object", """{ "list": [{ "$data": "${one}", "a": "${a}" }], "prop": { "$data": "${one}", "a": "${a}" } }""" },
        { "data over many items as a property gives a list", """{ "prop": { "$data": "${objs}", "a": "${a}" } }""" },
        { "data over nothing", """{ "list": [{ "$data": "${none}", "a": 1 }, { "z": 1 }], "prop": { "$data": "${none}", "a": 1 } }""" },
        { "data scoped to an object keeps the outer index", """{ "v": [{ "$data": "${arr}", "inner": { "$data": "${$root.o}", "i": "${$index}", "q": "${p.q}" } }] }""" },
        { "data over scalars", """{ "v": [{ "$data": "${words}", "w": "${$data}", "i": "${$index}" }] }""" },
        { "data over null items", """{ "v": [{ "$data": "${mixed}", "isNull": "${$data == null}" }] }""" },
        { "lists flatten and drop nulls", """{ "v": [null, "${arr}", [3, [4]], "${nul}", "${name}"] }""" },
        { "other dollar keys are kept", """{ "$schema": "s", "$comment": "${name}" }""" },
        { "spaces inside expressions", """{ "v": "${ count( arr ) > 1 }" }""" },
        { "text with braces and symbols", """{ "v": "Ünïcødé ✓ 😀 ${n} } { $ \" ' x}y ${name != 'x}y'}" }""" },
    };

    public static TheoryData<string, string, string> ThrowsWhereReferenceMisbehaves => new()
    {
        { "missing whole value is left unexpanded by the reference", """{ "v": "${missing}" }""", """{"v":"${missing}"}""" },
        { "missing value inside text", """{ "v": "Hi ${missing}" }""", """{"v":"Hi ${missing}"}""" },
        { "missing nested value", """{ "v": "${o.p.missing}" }""", """{"v":"${o.p.missing}"}""" },
        { "property of null", """{ "v": "${nul.x}" }""", """{"v":"${nul.x}"}""" },
        { "property of text", """{ "v": "${name.length}" }""", """{"v":"${name.length}"}""" },
        { "count of a missing value counts the placeholder text", """{ "v": "${count(missing)}" }""", """{"v":10}""" },
        { "count of null", """{ "v": "${count(nul)}" }""", """error""" },
        { "index beyond the end", """{ "v": "${arr[5]}" }""", """error""" },
        { "index into an object", """{ "v": "${o[0]}" }""", """error""" },
        { "index into null is dropped by the reference", """{ "v": "${nul[0]}" }""", """{}""" },
        { "$index outside repetition", """{ "v": "${$index}" }""", """{"v":"${$index}"}""" },
        { "null inside text", """{ "v": "x ${nul}" }""", """error""" },
        { "list inside text", """{ "v": "x ${arr}" }""", """{"v":"x 1,2"}""" },
        { "object inside text", """{ "v": "x ${o}" }""", """{"v":"x [object Object]"}""" },
        { "ordering incomparable values", """{ "v": "${1 < 'a'}" }""", """error""" },
        { "ordering binds looser than equality", """{ "v": "${n > 1 == t}" }""", """error""" },
        { "negation binds tightest", """{ "v": "${!n > 1}" }""", """error""" },
        { "or ending in an error is dropped by the reference", """{ "v": "${false || count(nul)}" }""", """{}""" },
        { "data over a missing value", """{ "v": [{ "$data": "${missing}", "a": "${a}" }] }""", """{"v":[{"a":"${a}"}]}""" },
        { "missing value inside repetition", """{ "v": [{ "$data": "${objs}", "a": "${nope}" }] }""", """{"v":[{"a":"${nope}"},{"a":"${nope}"}]}""" },
    };

    private static readonly Lazy<Dictionary<string, JsonObject>> Reference = new(BindAllWithReference);

    [Theory]
    [MemberData(nameof(SameAsReference))]
    public void Binds_exactly_as_the_reference_library(string feature, string template)
    {
        var reference = Reference.Value[template];
        Assert.True(reference["error"] is null, $"{feature}: the reference failed: {reference["error"]}");
        Assert.DoesNotContain("${", reference["card"]!.ToJsonString(), StringComparison.Ordinal);

        var bound = CardTemplate.Parse(feature, template).Bind(Data);

        Assert.Null(JsonSemantics.FirstDifference(reference["card"], bound));
    }

    [Theory]
    [MemberData(nameof(ThrowsWhereReferenceMisbehaves))]
    public void Throws_where_the_reference_would_show_placeholders_or_fail(string feature, string template, string referenceShows)
    {
        var reference = Reference.Value[template];
        Assert.Equal(referenceShows, reference["error"] is null ? reference["card"]!.ToJsonString() : "error");

        var thrown = Assert.Throws<CardBindingException>(() => CardTemplate.Parse(feature, template).Bind(Data));

        Assert.Equal(feature, thrown.TemplateName);
        Assert.StartsWith("${", thrown.Expression, StringComparison.Ordinal);
    }

    private static Dictionary<string, JsonObject> BindAllWithReference()
    {
        var templates = SameAsReference.Select(row => (string)row[1])
            .Concat(ThrowsWhereReferenceMisbehaves.Select(row => (string)row[1]))
            .Distinct()
            .ToList();
        var results = ReferenceLibrary.Batch(templates.Select(t => (JsonNode.Parse(t)!, (JsonNode?)Data)));
        return templates.Select((t, i) => (t, results[i]!.AsObject())).ToDictionary(p => p.t, p => p.Item2);
    }
}
