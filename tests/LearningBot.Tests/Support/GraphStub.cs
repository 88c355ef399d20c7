using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LearningBot.Tests.Support;

/// <summary>A user in the stub's directory (Graph property names in camelCase on the wire).</summary>
public sealed record GraphStubUser(
    string Id,
    string DisplayName,
    string? JobTitle = null,
    string? Department = null,
    string? CompanyName = null,
    string? Mail = null,
    string? OfficeLocation = null,
    string? ManagerId = null,
    string? UserPrincipalName = null);

/// <summary>An organisational contact: Graph lists these among a manager's direct reports too.</summary>
public sealed record GraphStubContact(string Id, string DisplayName, string ManagerId);

/// <summary>One request the stub received.</summary>
public sealed record GraphStubRequest(string Path, IReadOnlyDictionary<string, string> Query, string? Authorization, string? ConsistencyLevel = null);

/// <summary>
/// Microsoft Graph v1.0 on a real Kestrel server at a free 127.0.0.1 port, answering the user, manager and
/// directReports operations with the documented JSON: <c>@odata.context</c>, <c>value</c>, <c>@odata.type</c> on
/// directory objects, <c>@odata.nextLink</c> paging, <c>$select</c> honoured, and the documented 404 error body; listing
/// users with <c>$search</c> (an advanced query: 400 without <c>ConsistencyLevel: eventual</c>) or <c>$filter</c> (see
/// <see cref="GraphStubQuery"/>); and
/// installing a Teams app for a user (<c>POST /users/{id}/teamwork/installedApps</c>: 201 with no body, 409 when it is
/// already installed, 404 for an unknown user, or a refusal set with <see cref="RefuseInstallFor"/>); and checking a
/// user's group membership (<c>POST /users/{id}/checkMemberGroups</c> with <c>groupIds</c>: those of them the user is in,
/// through nested groups too, as a <c>Collection(Edm.String)</c>; 400 for no ids or more than 20, 404 for an unknown user,
/// or a refusal set with <see cref="RefuseGroupChecks"/>).
/// Point a real <c>GraphServiceClient</c> at <see cref="BaseUrl"/>.
/// </summary>
public sealed class GraphStub : IAsyncDisposable
{
    private const string JsonContentType = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

    private static readonly string[] UserProperties =
        ["id", "displayName", "jobTitle", "department", "companyName", "mail", "officeLocation"];

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, GraphStubUser> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<object> _reportOrder = new();
    private readonly ConcurrentQueue<GraphStubRequest> _requests = new();
    private readonly ConcurrentDictionary<string, string> _installed = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, (int Status, JsonObject Body)> _installRefusals = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, bool>> _groupMembers = new(StringComparer.OrdinalIgnoreCase);
    private (int Status, JsonObject Body)? _groupCheckRefusal;

    private GraphStub(WebApplication app) => _app = app;

    /// <summary>e.g. <c>http://127.0.0.1:53123/v1.0</c>.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Direct reports per page; Graph's default is 100.</summary>
    public int PageSize { get; set; } = 100;

    public IReadOnlyList<GraphStubRequest> Requests => [.. _requests];

    public static async Task<GraphStub> StartAsync()
    {
        var (stub, address) = await LoopbackServer.StartAsync(app => new GraphStub(app), stub => stub.HandleAsync);
        stub.BaseUrl = address + "/v1.0";
        return stub;
    }

    public GraphStub AddUser(GraphStubUser user)
    {
        _users[user.Id] = user;
        _reportOrder.Enqueue(user);
        return this;
    }

    /// <summary>The app each user has installed, by user id: the <c>teamsApp@odata.bind</c> the install named.</summary>
    public IReadOnlyDictionary<string, string> InstalledApps => _installed;

    /// <summary>Installing an app for <paramref name="userId"/> is answered with this error (Graph's error body).</summary>
    public GraphStub RefuseInstallFor(string userId, int status, string code, string message, string? innerCode = null)
    {
        var body = Error(code, message);
        if (innerCode is not null)
        {
            body["error"]!["innerError"]!["code"] = innerCode;
        }

        _installRefusals[userId] = (status, body);
        return this;
    }

    /// <summary>The app is already installed for <paramref name="userId"/> (so installing it again answers 409).</summary>
    public GraphStub AlreadyInstalled(string userId, string teamsAppBind)
    {
        _installed[userId] = teamsAppBind;
        return this;
    }

    /// <summary>Puts <paramref name="memberId"/> (a user, or another group, whose members then belong too) in the group.</summary>
    public GraphStub AddGroupMember(string groupId, string memberId)
    {
        _groupMembers.GetOrAdd(groupId, _ => new(StringComparer.OrdinalIgnoreCase))[memberId] = true;
        return this;
    }

    /// <summary>Every group membership check is answered with this error (Graph's error body) until <see cref="AnswerGroupChecks"/>.</summary>
    public GraphStub RefuseGroupChecks(int status, string code, string message)
    {
        _groupCheckRefusal = (status, Error(code, message));
        return this;
    }

    public GraphStub AnswerGroupChecks()
    {
        _groupCheckRefusal = null;
        return this;
    }

    /// <summary>The group membership checks received, for any user.</summary>
    public int GroupChecks => Requests.Count(request => request.Path.EndsWith("/checkMemberGroups", StringComparison.Ordinal));

    public GraphStub AddContact(GraphStubContact contact)
    {
        _reportOrder.Enqueue(contact);
        return this;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var query = request.Query.ToDictionary(pair => pair.Key, pair => pair.Value.ToString(), StringComparer.Ordinal);
        _requests.Enqueue(new GraphStubRequest(request.Path.Value ?? string.Empty, query,
            request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : null,
            request.Headers["ConsistencyLevel"].ToString() is { Length: > 0 } consistency ? consistency : null));

        var segments = (request.Path.Value ?? string.Empty).Trim('/').Split('/');
        var posted = request.Method == "POST" ? await ReadBodyAsync(request) : null;
        var (status, body) = (request.Method, segments) switch
        {
            ("POST", ["v1.0", "users", var id, "teamwork", "installedApps"]) => InstallApp(Uri.UnescapeDataString(id), posted),
            ("POST", ["v1.0", "users", var id, "checkMemberGroups"]) => CheckMemberGroups(Uri.UnescapeDataString(id), posted),
            ("GET", ["v1.0", "users"]) => ListUsers(query, request.Headers["ConsistencyLevel"].ToString()),
            ("GET", ["v1.0", "users", var id]) => GetUser(Uri.UnescapeDataString(id), query),
            ("GET", ["v1.0", "users", var id, "manager"]) => GetManager(Uri.UnescapeDataString(id), query),
            ("GET", ["v1.0", "users", var id, "directReports"]) => GetDirectReports(Uri.UnescapeDataString(id), query),
            _ => (StatusCodes.Status400BadRequest, Error("BadRequest", $"Resource not found for the segment '{segments.LastOrDefault()}'.")),
        };

        context.Response.StatusCode = status;
        context.Response.Headers["request-id"] = Guid.NewGuid().ToString();
        if (body is not null)
        {
            context.Response.ContentType = JsonContentType;
            await context.Response.WriteAsync(body.ToJsonString());
        }
    }

    private static async Task<JsonObject?> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync();
        try
        {
            return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>201 with no body when installed; 409 when it already was; 404 for a user the directory does not have.</summary>
    private (int, JsonObject?) InstallApp(string userId, JsonObject? posted)
    {
        if (_installRefusals.TryGetValue(userId, out var refusal))
        {
            return refusal;
        }

        if (!_users.ContainsKey(userId))
        {
            return NotFound(userId);
        }

        if (posted?["teamsApp@odata.bind"]?.GetValue<string>() is not { Length: > 0 } bind)
        {
            return (StatusCodes.Status400BadRequest, Error("BadRequest", "The teamsApp binding is required."));
        }

        return _installed.TryAdd(userId, bind)
            ? (StatusCodes.Status201Created, null)
            : (StatusCodes.Status409Conflict, Error("Conflict", "The app is already installed for this user."));
    }

    /// <summary>Those of the posted <c>groupIds</c> the user is in, directly or through a group in the group.</summary>
    private (int, JsonObject) CheckMemberGroups(string userId, JsonObject? posted)
    {
        if (_groupCheckRefusal is { } refusal)
        {
            return refusal;
        }

        if (posted?["groupIds"] is not JsonArray { Count: > 0 and <= 20 } asked)
        {
            return (StatusCodes.Status400BadRequest, Error("Request_BadRequest", "Invalid value specified for property 'groupIds' of resource 'User'."));
        }

        if (!_users.ContainsKey(userId))
        {
            return NotFound(userId);
        }

        var memberOf = asked.Select(group => group?.GetValue<string>() ?? string.Empty).Where(group => IsInGroup(userId, group, depth: 0));
        return (StatusCodes.Status200OK, new JsonObject
        {
            ["@odata.context"] = $"{BaseUrl}/$metadata#Collection(Edm.String)",
            ["value"] = new JsonArray([.. memberOf.Select(group => (JsonNode)group)]),
        });
    }

    private bool IsInGroup(string memberId, string groupId, int depth) =>
        depth < 10 && _groupMembers.TryGetValue(groupId, out var members)
        && (members.ContainsKey(memberId) || members.Keys.Any(member => IsInGroup(memberId, member, depth + 1)));

    /// <summary>
    /// <c>GET /users</c>: every user (or those <c>$search</c> or <c>$filter</c> match), <see cref="PageSize"/> (or a smaller
    /// <c>$top</c>) at a time, with <c>@odata.nextLink</c> while there are more.
    /// </summary>
    private (int, JsonObject) ListUsers(Dictionary<string, string> query, string consistencyLevel)
    {
        if (query.ContainsKey("$search") && consistencyLevel != "eventual")
        {
            return (StatusCodes.Status400BadRequest, Error("Request_UnsupportedQuery",
                "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'"));
        }

        Func<GraphStubUser, bool> matches;
        try
        {
            matches = GraphStubQuery.Parse(query.GetValueOrDefault("$search"), query.GetValueOrDefault("$filter"));
        }
        catch (FormatException invalid)
        {
            return (StatusCodes.Status400BadRequest, Error("BadRequest", invalid.Message));
        }

        var selected = Selected(query);
        var size = query.TryGetValue("$top", out var top) ? Math.Min(PageSize, int.Parse(top, CultureInfo.InvariantCulture)) : PageSize;
        var skip = query.TryGetValue("$skiptoken", out var token) ? int.Parse(token, CultureInfo.InvariantCulture) : 0;
        var users = _users.Values.Where(matches).OrderBy(user => user.Id, StringComparer.Ordinal).ToList();
        var body = new JsonObject { ["@odata.context"] = $"{BaseUrl}/$metadata#users({string.Join(',', selected)})" };
        if (skip + size < users.Count)
        {
            var narrowed = string.Concat(new[] { "$search", "$filter" }
                .Where(query.ContainsKey).Select(name => $"&{name}={Uri.EscapeDataString(query[name])}"));
            body["@odata.nextLink"] = $"{BaseUrl}/users?$select={Uri.EscapeDataString(string.Join(',', selected))}&$top={size}&$skiptoken={skip + size}{narrowed}";
        }

        body["value"] = new JsonArray([.. users.Skip(skip).Take(size).Select(user =>
        {
            var item = new JsonObject();
            WriteProperties(item, user, selected);
            return (JsonNode)item;
        })]);
        return (StatusCodes.Status200OK, body);
    }

    private (int, JsonObject) GetUser(string id, Dictionary<string, string> query)
    {
        if (!_users.TryGetValue(id, out var user))
        {
            return NotFound(id);
        }

        var selected = Selected(query);
        var body = new JsonObject { ["@odata.context"] = $"{BaseUrl}/$metadata#users({string.Join(',', selected)})/$entity" };
        WriteProperties(body, user, selected);
        if (query.TryGetValue("$expand", out var expand) && expand.StartsWith("manager", StringComparison.Ordinal)
            && user.ManagerId is not null && _users.TryGetValue(user.ManagerId, out var manager))
        {
            body["manager"] = DirectoryObject(manager, ["id"]);
        }

        return (StatusCodes.Status200OK, body);
    }

    private (int, JsonObject) GetManager(string id, Dictionary<string, string> query)
    {
        if (!_users.TryGetValue(id, out var user) || user.ManagerId is null || !_users.TryGetValue(user.ManagerId, out var manager))
        {
            return NotFound(id);
        }

        var body = DirectoryObject(manager, Selected(query));
        body.Insert(0, "@odata.context", $"{BaseUrl}/$metadata#directoryObjects/$entity");
        return (StatusCodes.Status200OK, body);
    }

    private (int, JsonObject) GetDirectReports(string id, Dictionary<string, string> query)
    {
        if (!_users.ContainsKey(id))
        {
            return NotFound(id);
        }

        var selected = Selected(query);
        var reports = _reportOrder
            .Where(entry => entry is GraphStubUser user ? string.Equals(user.ManagerId, id, StringComparison.OrdinalIgnoreCase)
                : string.Equals(((GraphStubContact)entry).ManagerId, id, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var skip = query.TryGetValue("$skiptoken", out var token) ? int.Parse(token, CultureInfo.InvariantCulture) : 0;
        var page = new JsonArray([.. reports.Skip(skip).Take(PageSize).Select(entry => (JsonNode)(entry is GraphStubUser user
            ? DirectoryObject(user, selected)
            : Contact((GraphStubContact)entry, selected)))]);

        var body = new JsonObject { ["@odata.context"] = $"{BaseUrl}/$metadata#directoryObjects({string.Join(',', selected)})" };
        if (skip + PageSize < reports.Count)
        {
            var next = $"{BaseUrl}/users/{Uri.EscapeDataString(id)}/directReports?$select={Uri.EscapeDataString(string.Join(',', selected))}&$skiptoken={skip + PageSize}";
            body["@odata.nextLink"] = next;
        }

        body["value"] = page;
        return (StatusCodes.Status200OK, body);
    }

    private static JsonObject DirectoryObject(GraphStubUser user, IReadOnlyList<string> selected)
    {
        var body = new JsonObject { ["@odata.type"] = "#microsoft.graph.user" };
        WriteProperties(body, user, selected);
        return body;
    }

    private static JsonObject Contact(GraphStubContact contact, IReadOnlyList<string> selected)
    {
        var body = new JsonObject { ["@odata.type"] = "#microsoft.graph.orgContact", ["id"] = contact.Id };
        if (selected.Contains("displayName"))
        {
            body["displayName"] = contact.DisplayName;
        }

        return body;
    }

    private static void WriteProperties(JsonObject body, GraphStubUser user, IReadOnlyList<string> selected)
    {
        foreach (var name in selected)
        {
            body[name] = name switch
            {
                "id" => user.Id,
                "displayName" => user.DisplayName,
                "jobTitle" => user.JobTitle,
                "department" => user.Department,
                "companyName" => user.CompanyName,
                "mail" => user.Mail,
                "userPrincipalName" => user.UserPrincipalName,
                "officeLocation" => user.OfficeLocation,
                _ => null,
            };
        }
    }

    /// <summary>The properties asked for with $select (id always comes back), else Graph's default set.</summary>
    private static IReadOnlyList<string> Selected(Dictionary<string, string> query) =>
        query.TryGetValue("$select", out var select)
            ? ["id", .. select.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(name => name != "id")]
            : UserProperties;

    private static (int, JsonObject) NotFound(string id) => (StatusCodes.Status404NotFound, Error(
        "Request_ResourceNotFound",
        $"Resource '{id}' does not exist or one of its queried reference-property objects are not present."));

    private static JsonObject Error(string code, string message) => new()
    {
        ["error"] = new JsonObject
        {
            ["code"] = code,
            ["message"] = message,
            ["innerError"] = new JsonObject
            {
                ["date"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
                ["request-id"] = Guid.NewGuid().ToString(),
                ["client-request-id"] = Guid.NewGuid().ToString(),
            },
        },
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
