using Microsoft.IdentityModel.Tokens;

namespace LearningBot.Connector.Authentication;

/// <summary>A key from a JWKS document with the non-standard members the Bot Framework and Entra ID add.</summary>
/// <param name="Endorsements">Channels the key is endorsed for (Bot Connector keys), empty when absent.</param>
/// <param name="Issuer">The issuer the key may sign for (Entra ID keys; may contain <c>{tenantid}</c>).</param>
internal sealed record SigningKey(JsonWebKey Key, IReadOnlyList<string> Endorsements, string? Issuer);
