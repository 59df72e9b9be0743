using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PatentNav.Market.Tests.Api.Fuzz;

/// <summary>
/// Builds a request for an operation from its parameters and body schema, with values that exist in the
/// <see cref="FuzzWorld"/> (so that it gets past "not found"), then breaks it in zero, one or two ways: wrong JSON types,
/// boundary and overflowing numbers, NUL and control characters, huge strings, unknown fields, bad enums, nulls and
/// blanks in arrays, duplicate keys, malformed JSON, empty bodies, wrong content types, bad ids in the path, bad query
/// values, bad idempotency keys. Everything it chooses comes from the <see cref="Random"/> it is given, so one seed is
/// one sequence of requests.
/// </summary>
public sealed class RequestGenerator(ApiOperations document, FuzzWorld world, long maxBodyBytes)
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private enum Kind
    {
        WrongType, BoundaryNumber, BadString, BadEnum, UnknownField, DropField, NullField, ArrayElements, DuplicateKey,
        MalformedJson, EmptyBody, WrongContentType, HugeBody, UnexpectedBody, BadPathId, EmptyPathId, OtherKindOfId, BadQuery, BadIdempotencyKey,
    }

    /// <summary>Numbers at and past the edges of int32, int64 and double, decimals where integers are expected.</summary>
    private static readonly string[] BoundaryNumbers =
    [
        "9223372036854775807", "-9223372036854775808", "9223372036854775808", "-9223372036854775809", "4000000000000000000", "4e18",
        "-1", "0", "1", "-0", "1e308", "-1e308", "1e400", "0.5", "1.0", "12.345", "2147483647", "2147483648", "-2147483649",
        "100000000000000000000", "1E+2", "0.0000001", "99999999999999999999999999999999",
    ];

    /// <summary>Strings PostgreSQL cannot store, control characters, blanks, escapes, injections, odd Unicode.</summary>
    private static readonly string[] BadStrings =
    [
        "\0", "a\0b", "\u0001\u001f\u007f", "", " ", "\t\r\n", "'; DROP TABLE grain_state; --", "../../etc/passwd", "%00", "%2F",
        "\u202e\u0645\u0631\u062d\u0628\u0627", "🔥🔥🔥", "\uFEFF", "null", "undefined", "NaN", "{}", "[]", "<script>alert(1)</script>",
        "CN", "0", "-1", "9223372036854775808", "\\", "\"", "电池电池电池电池电池",
    ];

    /// <summary>JSON text a string field cannot take as a string.</summary>
    private static readonly string[] RawStrings = ["\"\\ud800\"", "\"\\udc00x\"", "\"\\u0000\""];

    private static readonly string[] MalformedBodies =
    [
        "{", "}", "{\"a\":}", "{\"a\":1,}", "{'a':1}", "{\"a\" 1}", "nul", "NaN", "Infinity", "{\"a\":NaN}", "/* c */{}", "[1,2",
        "\"unterminated", "{\"a\":\"\\x\"}", "{\"a\":01}", "\u00ff\u00fe",
    ];

    private static readonly string[] OtherBodies = ["", "null", "[]", "\"text\"", "0", "true", "{}", "[null]", "[{}]"];

    private static readonly string[] ContentTypes =
    [
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-16",
        "application/merge-patch+json", "application/problem+json", "application/octet-stream", "text/json", "application/*", "invalid",
    ];

    /// <summary>Ids for the path. Not U+0000: Kestrel refuses <c>%00</c> in a path before the app runs (KestrelRejectionTests).</summary>
    private static readonly string[] BadIds =
    [
        "", " ", "%", "..", ".", "null", "undefined", "-1", "0", "9223372036854775808", "1e400", "不存在", "pty_", "pol_x",
        "a/b", "a?b", "a#b", "\u0001", "{id}", "*", "ZZ9999999999999.9", "201710601862.3 ", "CN201710601862.3", "US10123456B2",
    ];

    private static readonly string[] BadQueryValues =
    [
        "", " ", "abc", "-1", "0", "-0", "1.5", "1e5", "9223372036854775807", "9223372036854775808", "99999999999999999999", "\0", "电池",
        "null", "true", "[]", "%", "%%", "-id", "--id", "a,b", "\u0001",
    ];

    public FuzzRequest Generate(ApiOperation operation, Random random)
    {
        var draft = new Draft(operation);
        var caller = PickCaller(random);
        foreach (var parameter in operation.In("path")) draft.Path[parameter.Name] = Uri.EscapeDataString(PathValue(operation, parameter, random));
        foreach (var parameter in operation.In("query").Where(_ => random.Next(3) > 0))
            draft.Query.Add((parameter.Name, Uri.EscapeDataString(Scalar(parameter.Name, parameter.Schema, random))));
        if (operation.BodySchema is { } schema)
        {
            draft.Body = Value(schema, "", random, 0);
            draft.ContentType = operation.BodyContentTypes.FirstOrDefault() ?? "application/json";
        }
        // Where the document asks for an Idempotency-Key, nearly always (so the body is what is tested); elsewhere now and then.
        var wantsKey = operation.In("header").Any(h => h.Name.Equals("Idempotency-Key", StringComparison.OrdinalIgnoreCase));
        if (random.NextDouble() < (wantsKey ? 0.9 : 0.25)) draft.Headers.Add(("Idempotency-Key", Guid.NewGuid().ToString()));
        if (random.Next(8) == 0) draft.Headers.Add(("Accept", random.Next(2) == 0 ? "text/csv" : "application/xml"));

        var count = random.NextDouble() switch { < 0.15 => 0, < 0.8 => 1, _ => 2 };
        for (var i = 0; i < count; i++) Mutate(draft, Pick(Applicable(draft), random), random);
        return draft.Build(caller);
    }

    private FuzzCaller PickCaller(Random random) => random.NextDouble() switch
    {
        < 0.50 => world.Callers[0],
        < 0.85 => world.Callers[1 + random.Next(world.Callers.Count - 3)],
        _ => world.Callers[world.Callers.Count - 1 - random.Next(2)],
    };

    private static List<(Kind Kind, double Weight)> Applicable(Draft draft)
    {
        var kinds = new List<(Kind, double)> { (Kind.BadIdempotencyKey, 0.5) };
        if (draft.Body is not null || draft.BodyText is not null)
            kinds.AddRange([
                (Kind.WrongType, 3), (Kind.BoundaryNumber, 3), (Kind.BadString, 3), (Kind.BadEnum, 2), (Kind.UnknownField, 1), (Kind.DropField, 1),
                (Kind.NullField, 1), (Kind.ArrayElements, 2), (Kind.DuplicateKey, 1), (Kind.MalformedJson, 1), (Kind.EmptyBody, 1),
                (Kind.WrongContentType, 1), (Kind.HugeBody, 0.3)]);
        else kinds.Add((Kind.UnexpectedBody, 0.5));
        if (draft.Path.Count > 0) kinds.AddRange([(Kind.BadPathId, 3), (Kind.EmptyPathId, 0.5), (Kind.OtherKindOfId, 1)]);
        if (draft.Operation.In("query").Any()) kinds.Add((Kind.BadQuery, 2));
        return kinds;
    }

    private static Kind Pick(List<(Kind Kind, double Weight)> kinds, Random random)
    {
        var roll = random.NextDouble() * kinds.Sum(k => k.Weight);
        foreach (var (kind, weight) in kinds)
        {
            if ((roll -= weight) < 0) return kind;
        }
        return kinds[^1].Kind;
    }

    private void Mutate(Draft draft, Kind kind, Random random)
    {
        switch (kind)
        {
            case Kind.WrongType:
                {
                    var slot = draft.AnySlot(random);
                    JsonNode?[] replacements = [JsonValue.Create(123), JsonValue.Create(-1.5), JsonValue.Create(true), JsonValue.Create("text"), new JsonArray(), new JsonObject(), null, new JsonArray(JsonValue.Create("x"))];
                    var value = replacements[random.Next(replacements.Length)];
                    draft.Replace(slot, value, $"{slot.Path} ← {value?.ToJsonString() ?? "null"} (wrong type)");
                    break;
                }
            case Kind.BoundaryNumber:
                {
                    var slot = draft.NumberSlot(random) ?? draft.AnySlot(random);
                    var number = BoundaryNumbers[random.Next(BoundaryNumbers.Length)];
                    draft.Replace(slot, draft.Raw(number), $"{slot.Path} ← {number}");
                    break;
                }
            case Kind.BadString:
                {
                    var slot = draft.StringSlot(random) ?? draft.AnySlot(random);
                    var roll = random.Next(10);
                    if (roll == 0)
                    {
                        var raw = RawStrings[random.Next(RawStrings.Length)];
                        draft.Replace(slot, draft.Raw(raw), $"{slot.Path} ← {raw}");
                    }
                    else if (roll == 1)
                    {
                        var length = random.Next(2) == 0 ? 10_000 : 100_001;
                        draft.Replace(slot, JsonValue.Create(new string('界', length)), $"{slot.Path} ← '界' × {length}");
                        draft.Recipe = $"{slot.Path} = new string('界', {length})";
                    }
                    else
                    {
                        var text = BadStrings[random.Next(BadStrings.Length)];
                        draft.Replace(slot, JsonValue.Create(text), $"{slot.Path} ← {JsonSerializer.Serialize(text)}");
                    }
                    break;
                }
            case Kind.BadEnum:
                {
                    var slot = draft.StringSlot(random) ?? draft.AnySlot(random);
                    var current = slot.Node is JsonValue v && v.TryGetValue<string>(out var s) ? s : "value";
                    string[] variants = [current.ToUpperInvariant(), char.ToUpperInvariant(current.FirstOrDefault('x')) + current[Math.Min(1, current.Length)..], "", "unknown_value", $" {current}", $"{current} ", current.Replace('_', '-'), ToCamel(current)];
                    var variant = variants[random.Next(variants.Length)];
                    draft.Replace(slot, random.Next(6) == 0 ? JsonValue.Create(0) : JsonValue.Create(variant), $"{slot.Path} ← bad enum {JsonSerializer.Serialize(variant)}");
                    break;
                }
            case Kind.UnknownField:
                {
                    var target = draft.ObjectSlot(random);
                    if (target?.Node is not JsonObject obj) { draft.Mutations.Add("unknown field: no object in the body"); break; }
                    var existing = obj.Select(p => p.Key).ToList();
                    string[] names = ["unexpected", "$type", "__proto__", "id", "", existing.Count > 0 ? char.ToUpperInvariant(existing[0][0]) + existing[0][1..] : "Extra"];
                    var name = names[random.Next(names.Length)];
                    if (!obj.ContainsKey(name)) obj[name] = JsonValue.Create(1);
                    draft.Mutations.Add($"{target.Path} + unknown field {JsonSerializer.Serialize(name)}");
                    break;
                }
            case Kind.DropField or Kind.NullField:
                {
                    var slot = draft.PropertySlot(random);
                    if (slot is null) { draft.Mutations.Add("no property to drop"); break; }
                    if (kind == Kind.DropField)
                    {
                        ((JsonObject)slot.Parent!).Remove(slot.Key!);
                        draft.Mutations.Add($"{slot.Path} removed");
                    }
                    else draft.Replace(slot, null, $"{slot.Path} ← null");
                    break;
                }
            case Kind.ArrayElements:
                {
                    var slot = draft.ArraySlot(random) ?? draft.AnySlot(random);
                    var array = slot.Node as JsonArray ?? new JsonArray(slot.Node?.DeepClone());
                    var copy = (JsonArray)array.DeepClone();
                    var roll = random.Next(6);
                    string what;
                    switch (roll)
                    {
                        case 0: copy.Add(null); what = "null element"; break;
                        case 1: copy.Add(JsonValue.Create("")); what = "\"\" element"; break;
                        case 2: copy.Insert(0, JsonValue.Create("   ")); what = "blank first element"; break;
                        case 3: if (copy.Count > 0) copy.Add(copy[0]?.DeepClone()); what = "duplicate element"; break;
                        case 4: copy.Clear(); what = "empty array"; break;
                        default:
                            var element = copy.Count > 0 ? copy[0] : JsonValue.Create("x");
                            // Many, but not so many that a huge element makes a body of gigabytes.
                            var more = (int)Math.Clamp(2 * maxBodyBytes / Math.Max(1, element?.ToJsonString().Length ?? 4), 1, 2_000);
                            for (var i = 0; i < more; i++) copy.Add(element?.DeepClone());
                            what = $"{more} more elements";
                            break;
                    }
                    draft.Replace(slot, copy, $"{slot.Path}: {what}");
                    break;
                }
            case Kind.DuplicateKey:
                draft.DuplicateKey = true;
                draft.Mutations.Add("the last property of the root object sent twice, the second with another value");
                break;
            case Kind.MalformedJson:
                {
                    if (random.Next(2) == 0)
                    {
                        var text = MalformedBodies[random.Next(MalformedBodies.Length)];
                        draft.BodyText = text;
                        draft.Mutations.Add($"body ← {JsonSerializer.Serialize(text)}");
                    }
                    else
                    {
                        draft.Truncate = random.NextDouble();
                        draft.Mutations.Add($"body cut at {draft.Truncate:P0}");
                    }
                    break;
                }
            case Kind.EmptyBody or Kind.UnexpectedBody:
                {
                    var roll = random.Next(OtherBodies.Length + 2);
                    if (roll == OtherBodies.Length)
                    {
                        draft.NoBody = true;
                        draft.Mutations.Add("no body at all");
                    }
                    else
                    {
                        draft.BodyText = roll < OtherBodies.Length ? OtherBodies[roll] : "{\"unexpected\":1}";
                        draft.ContentType ??= "application/json";
                        draft.Mutations.Add($"body ← {JsonSerializer.Serialize(draft.BodyText)}");
                    }
                    break;
                }
            case Kind.WrongContentType:
                {
                    var roll = random.Next(ContentTypes.Length + 1);
                    draft.ContentType = roll < ContentTypes.Length ? ContentTypes[roll] : null;
                    draft.Mutations.Add($"Content-Type ← {draft.ContentType ?? "(none)"}");
                    break;
                }
            case Kind.HugeBody:
                {
                    var slot = draft.StringSlot(random) ?? draft.AnySlot(random);
                    var over = random.Next(2) == 0;
                    var length = over ? maxBodyBytes + 1 : maxBodyBytes - 4_096;
                    draft.Replace(slot, JsonValue.Create(new string('a', (int)length)), $"{slot.Path} ← 'a' × {length} ({(over ? "over" : "just under")} the body limit)");
                    draft.Recipe = $"{slot.Path} = new string('a', {length})";
                    if (random.Next(2) == 0)
                    {
                        draft.Chunked = true;
                        draft.Mutations.Add("sent chunked, without Content-Length");
                    }
                    break;
                }
            case Kind.BadPathId:
                {
                    var name = draft.Path.Keys.ElementAt(random.Next(draft.Path.Count));
                    var roll = random.Next(BadIds.Length + 2);
                    var value = roll < BadIds.Length ? BadIds[roll] : roll == BadIds.Length ? new string('9', 2_000) : draft.Path[name] + "x";
                    draft.Path[name] = Uri.EscapeDataString(value);
                    draft.Mutations.Add($"path {{{name}}} ← {JsonSerializer.Serialize(value.Length > 40 ? value[..10] + $"…({value.Length})" : value)}");
                    break;
                }
            case Kind.EmptyPathId:
                {
                    var name = draft.Path.Keys.ElementAt(random.Next(draft.Path.Count));
                    draft.Path[name] = "";
                    draft.Mutations.Add($"path {{{name}}} left empty");
                    break;
                }
            case Kind.OtherKindOfId:
                {
                    var name = draft.Path.Keys.ElementAt(random.Next(draft.Path.Count));
                    var kinds = world.Ids.Keys.Where(k => char.IsLower(k[0]) && !k.EndsWith("Id") && !k.EndsWith("Ids")).ToArray();
                    var ids = world.Ids[kinds[random.Next(kinds.Length)]];
                    var value = ids[random.Next(ids.Length)];
                    draft.Path[name] = Uri.EscapeDataString(value);
                    draft.Mutations.Add($"path {{{name}}} ← {value} (an id of another kind)");
                    break;
                }
            case Kind.BadQuery:
                {
                    var parameters = draft.Operation.In("query").ToArray();
                    var parameter = parameters[random.Next(parameters.Length)];
                    var value = random.Next(12) == 0 ? new string('x', 5_000) : BadQueryValues[random.Next(BadQueryValues.Length)];
                    draft.Query.RemoveAll(q => q.Name == parameter.Name);
                    draft.Query.Add((parameter.Name, Uri.EscapeDataString(value)));
                    if (random.Next(5) == 0) draft.Query.Add((parameter.Name, "1"));
                    draft.Mutations.Add($"query {parameter.Name} ← {JsonSerializer.Serialize(value.Length > 40 ? value[..10] + $"…({value.Length})" : value)}");
                    break;
                }
            case Kind.BadIdempotencyKey:
                {
                    string[] keys = ["", " ", new string('k', 256), new string('k', 10_000), "a b", "\t", "%F0%9F%94%91"];
                    var key = keys[random.Next(keys.Length)];
                    draft.Headers.RemoveAll(h => h.Name == "Idempotency-Key");
                    draft.Headers.Add(("Idempotency-Key", key));
                    draft.Mutations.Add($"Idempotency-Key ← {JsonSerializer.Serialize(key.Length > 40 ? key[..10] + $"…({key.Length})" : key)}");
                    break;
                }
        }
    }

    private static string ToCamel(string snake)
    {
        var parts = snake.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => p.Length == 0 ? "" : char.ToUpperInvariant(p[0]) + p[1..]));
    }

    // ---- valid values ----

    private JsonNode? Value(JsonElement schema, string name, Random random, int depth)
    {
        var effective = document.Effective(schema);
        if (effective.ValueKind == JsonValueKind.Object && effective.TryGetProperty("enum", out var options) && options.GetArrayLength() > 0)
        {
            var option = options[random.Next(options.GetArrayLength())];
            return JsonNode.Parse(option.GetRawText());
        }
        var type = ApiOperations.TypeOf(effective);
        switch (type)
        {
            case "object":
                {
                    var obj = new JsonObject();
                    if (depth > 6 || !effective.TryGetProperty("properties", out var properties)) return obj;
                    var required = effective.TryGetProperty("required", out var list) ? list.EnumerateArray().Select(r => r.GetString()).ToHashSet() : [];
                    foreach (var property in properties.EnumerateObject())
                    {
                        if (random.NextDouble() < (required.Contains(property.Name) ? 0.9 : 0.5))
                            obj[property.Name] = Value(property.Value, property.Name, random, depth + 1);
                    }
                    return obj;
                }
            case "array":
                {
                    var array = new JsonArray();
                    var count = 1 + random.Next(2);
                    for (var i = 0; i < count; i++)
                        array.Add(effective.TryGetProperty("items", out var items) ? Value(items, Singular(name), random, depth + 1) : Element(name, random));
                    return array;
                }
            case "integer": return JsonValue.Create(Integer(name, effective, random));
            case "number": return JsonValue.Create(Math.Round(random.NextDouble() * 100, 2));
            case "boolean": return JsonValue.Create(random.Next(2) == 0);
            case "string": return JsonValue.Create(Text(name, effective, random));
            default:
                // The document does not say (yet): the name does.
                return IsArrayName(name) ? new JsonArray(Element(name, random)) : JsonValue.Create(Text(name, effective, random));
        }
    }

    private static bool IsArrayName(string name) =>
        name is "patents" or "ownerIds" or "ipc" or "productCategories" or "territories" or "fieldsOfUse" or "roles" or "categories" or "regionMultipliers" or "tiers" or "fundTiers";

    private static string Singular(string name) => name switch
    {
        "patents" => "number",
        "ownerIds" => "ownerId",
        "productCategories" or "fieldsOfUse" => "category",
        "territories" => "country",
        _ => name,
    };

    private JsonNode? Element(string name, Random random) => name switch
    {
        "patents" => JsonValue.Create(Pick(world.Patents, random)),
        "ownerIds" => JsonValue.Create(Pick(world.Ids["ownerIds"], random)),
        "ipc" => JsonValue.Create(Pick(["H01M 4/133", "H04N 19/70", "G06F 16/00"], random)),
        "productCategories" or "fieldsOfUse" => JsonValue.Create(Pick(["decoder", "encoder"], random)),
        "territories" => JsonValue.Create(Pick(["CN", "US", "DE"], random)),
        "roles" => JsonValue.Create(Pick(["licensor", "licensee", "operator", "financier", "appraiser"], random)),
        _ => JsonValue.Create(Text(Singular(name), default, random)),
    };

    private static T Pick<T>(IReadOnlyList<T> options, Random random) => options[random.Next(options.Count)];

    private long Integer(string name, JsonElement schema, Random random)
    {
        long value = name switch
        {
            _ when name.EndsWith("Bps", StringComparison.Ordinal) => Pick([0, 100, 435, 1_500, 5_000, 10_000], random),
            "termMonths" => Pick([1, 12, 36], random),
            "units" => Pick([0, 1_000, 1_000_000], random),
            "amount" => Pick([1, 10_000_00, 50_000_00, 1_000_000_00], random),
            "version" => Pick([1, 2, 3], random),
            _ when name.EndsWith("Days", StringComparison.Ordinal) => Pick([0, 10, 30], random),
            "upTo" => Pick([100_000, 5_000_000], random),
            "limit" => Pick([1, 10, 100], random),
            "page" => 1,
            "legal" or "technical" or "economic" => random.Next(0, 101),
            _ => Pick([0, 1, 1_000, 1_000_000], random),
        };
        if (schema.ValueKind == JsonValueKind.Object)
        {
            if (schema.TryGetProperty("minimum", out var min) && min.TryGetInt64(out var lo)) value = Math.Max(value, lo);
            if (schema.TryGetProperty("maximum", out var max) && max.TryGetInt64(out var hi)) value = Math.Min(value, hi);
        }
        return value;
    }

    private string Date(string name, Random random)
    {
        var today = world.Today;
        var quarter = LicenceSteps.Quarter(today);
        DateOnly day = name switch
        {
            "newMaturity" => today.AddDays(400),
            "effectiveDate" => new DateOnly(2029, 12, 1),
            "effectiveFrom" => today.AddDays(Pick([0, 1, 90], random)),
            "periodStart" => quarter.Previous().FirstDay,
            "periodEnd" => quarter.FirstDay,
            "filingDate" => new DateOnly(2022, 3, 2),
            "grantDate" => new DateOnly(2023, 5, 10),
            "end" => today.AddDays(365),
            _ => today.AddDays(Pick([0, 0, -1, -30], random)),
        };
        return day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private string Text(string name, JsonElement schema, Random random)
    {
        var format = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        if (format == "date" || name is "start" or "end" or "date" or "filedOn" or "periodStart" or "periodEnd" or "newMaturity" or "effectiveDate" or "effectiveFrom")
            return Date(name, random);
        if (format == "date-time") return new DateTimeOffset(world.Today.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero).ToString("O");
        if (world.Ids.TryGetValue(name, out var ids)) return Pick(ids, random);
        return name switch
        {
            "number" or "patentNumber" => Pick(world.Patents, random),
            "owner" or "partyId" or "counterpartyId" or "guarantorId" => Pick(world.Parties, random),
            "distributionId" => Pick(world.Ids["distributions"], random),
            "stripeAccountId" => "acct_1FuzzTest0000000",
            "fundId" => "gz-risk-fund",
            "currency" => random.Next(4) == 0 ? "USD" : "CNY",
            "ratePerUnit" => Pick(["20", "0.5", "0"], random),
            "period" => LicenceSteps.Quarter(world.Today).ToString(),
            "category" or "code" => "decoder",
            "region" => Pick(["US", "R2", "CN"], random),
            "country" => Pick(["CN", "US"], random),
            "creditCode" => "91350100M000100Y43",
            "bankReference" => $"BANK-{random.Next():x8}",
            "noticeNumber" => $"N2030-{random.Next(10_000, 99_999)}",
            "registrationNumber" => "Y2030980000123",
            "registrationCertificateNumber" => "ZX2030000123",
            "exportLicenceNumber" => "EL2030000123",
            "filingNumber" => "2030990000123",
            "method" => Pick(["conversion", "sale"], random),
            "decision" => Pick(["grant", "refuse"], random),
            "reason" => Pick(["uncured_breach", "no longer needed"], random),
            "q" => Pick(["电池", "battery", "编码"], random),
            "sort" => Pick(["id", "-status", "coverageBps", "-nextDueDate"], random),
            "type" => Pick(["invention", "utility_model", "design"], random),
            "status" => Pick(["granted", "pending"], random),
            "minValue" or "maxValue" or "units" or "limit" or "after" or "cursor" or "page" => Integer(name, default, random).ToString(CultureInfo.InvariantCulture),
            _ when name.EndsWith("Id", StringComparison.Ordinal) => Pick(world.Parties, random),
            _ => Pick(["一种锂离子电池负极材料", "Fuzz Co.", "note"], random),
        };
    }

    private string Scalar(string name, JsonElement? schema, Random random) =>
        schema is { } s && ApiOperations.TypeOf(document.Effective(s)) is "integer" or "number"
            ? Integer(name, document.Effective(s), random).ToString(CultureInfo.InvariantCulture)
            : Text(name, schema is { } t ? document.Effective(t) : default, random);

    /// <summary>An id that exists for the path segment before the parameter (<c>/pools/{id}</c> → a pool), else by its name.</summary>
    private string PathValue(ApiOperation operation, ApiParameter parameter, Random random)
    {
        var segments = operation.Path.Split('/');
        var at = Array.IndexOf(segments, $"{{{parameter.Name}}}");
        if (parameter.Name == "id" && at > 0 && world.Ids.TryGetValue(segments[at - 1], out var ids)) return Pick(ids, random);
        return parameter.Name switch
        {
            "number" => Pick(world.Patents, random),
            "reason" => Pick(["uncured_breach", "invoices_unpaid_over90_days"], random),
            _ => Scalar(parameter.Name, parameter.Schema, random),
        };
    }

    // ---- the request as it is being built ----

    /// <summary>A place in the body: the node, its parent and its key or index, its JSON path.</summary>
    private sealed record Slot(string Path, JsonNode? Node, JsonNode? Parent, string? Key, int Index);

    private sealed class Draft(ApiOperation operation)
    {
        private readonly Dictionary<string, string> _raw = [];

        public ApiOperation Operation => operation;
        public Dictionary<string, string> Path { get; } = [];
        public List<(string Name, string Value)> Query { get; } = [];
        public List<(string Name, string Value)> Headers { get; } = [];
        public JsonNode? Body { get; set; }
        public string? BodyText { get; set; }
        public bool NoBody { get; set; }
        public string? ContentType { get; set; }
        public bool Chunked { get; set; }
        public bool DuplicateKey { get; set; }
        public double? Truncate { get; set; }
        public string? Recipe { get; set; }
        public List<string> Mutations { get; } = [];

        public JsonNode Raw(string json)
        {
            var marker = $"@@raw{_raw.Count}@@";
            _raw[marker] = json;
            return JsonValue.Create(marker);
        }

        private List<Slot> Slots()
        {
            var slots = new List<Slot>();
            void Walk(JsonNode? node, string path, JsonNode? parent, string? key, int index)
            {
                slots.Add(new Slot(path.Length == 0 ? "$" : path, node, parent, key, index));
                switch (node)
                {
                    case JsonObject obj:
                        foreach (var (name, child) in obj.ToList()) Walk(child, path.Length == 0 ? name : $"{path}.{name}", obj, name, -1);
                        break;
                    case JsonArray array:
                        for (var i = 0; i < Math.Min(array.Count, 5); i++) Walk(array[i], $"{path}[{i}]", array, null, i);
                        break;
                }
            }
            Walk(Body, "", null, null, -1);
            return slots;
        }

        private static Slot? Choose(List<Slot> slots, Random random) => slots.Count == 0 ? null : slots[random.Next(slots.Count)];

        /// <summary>A leaf or container, preferring the ones below the root (the root is replaced 1 time in 10).</summary>
        public Slot AnySlot(Random random)
        {
            var slots = Slots();
            return slots.Count > 1 && random.Next(10) > 0 ? slots[1 + random.Next(slots.Count - 1)] : slots[0];
        }

        public Slot? NumberSlot(Random random) =>
            Choose(Slots().Where(s => s.Node is JsonValue v && v.GetValueKind() == JsonValueKind.Number).ToList(), random);

        public Slot? StringSlot(Random random) =>
            Choose(Slots().Where(s => s.Node is JsonValue v && v.GetValueKind() == JsonValueKind.String).ToList(), random);

        public Slot? ArraySlot(Random random) => Choose(Slots().Where(s => s.Node is JsonArray).ToList(), random);

        public Slot? ObjectSlot(Random random) => Choose(Slots().Where(s => s.Node is JsonObject).ToList(), random);

        public Slot? PropertySlot(Random random) => Choose(Slots().Where(s => s.Key is not null).ToList(), random);

        public void Replace(Slot slot, JsonNode? value, string description)
        {
            switch (slot.Parent)
            {
                case JsonObject obj: obj[slot.Key!] = value; break;
                case JsonArray array: array[slot.Index] = value; break;
                default: Body = value; BodyText = value is null ? "null" : null; break;
            }
            Mutations.Add(description);
        }

        public FuzzRequest Build(FuzzCaller caller)
        {
            var path = Operation.Path;
            foreach (var (name, value) in Path) path = path.Replace($"{{{name}}}", value);
            var url = Query.Count == 0 ? path : $"{path}?{string.Join("&", Query.Select(q => $"{Uri.EscapeDataString(q.Name)}={q.Value}"))}";
            var request = new FuzzRequest(Operation, Operation.Method, url, caller) { Chunked = Chunked, BodyRecipe = Recipe };
            request.Headers.AddRange(Headers);
            request.Mutations.AddRange(Mutations);
            if (NoBody) return request;
            var text = BodyText ?? (Body is null ? null : Serialize());
            if (text is not null && Truncate is { } at) text = text[..(int)(text.Length * at)];
            if (text is not null && DuplicateKey && Body is JsonObject obj && obj.Count > 0 && text.EndsWith('}'))
                text = $"{text[..^1]},{JsonSerializer.Serialize(obj.Last().Key)}:\"duplicate\"}}";
            request.Body = text;
            request.ContentType = text is null ? null : ContentType;
            return request;
        }

        private string Serialize()
        {
            var text = Body!.ToJsonString(Compact);
            foreach (var (marker, json) in _raw) text = text.Replace($"\"{marker}\"", json);
            return text;
        }
    }
}
