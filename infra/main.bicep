// LearningBot on Azure: a Linux Web App running the bot, an Azure Bot registration connected to
// Microsoft Teams, table storage, a Key Vault for the one secret the bot has, and Application
// Insights. One user-assigned managed identity is the bot's identity towards Teams (no passwords to
// rotate) and its identity for table storage, Key Vault and Microsoft Graph.
//
// Deploy into an existing resource group (infra/README.md has the full steps):
//   az deployment group create -g <group> -f infra/main.bicep -p infra/main.parameters.json \
//     -p allowedTenantIds='["<tenant id>"]' supportTeamObjectIds='["<object id>"]'
targetScope = 'resourceGroup'

@description('An Entra ID identifier (tenant id or object id): a GUID such as 00000000-0000-0000-0000-000000000000.')
@minLength(36)
@maxLength(36)
type entraId = string

@description('A date in yyyy-MM-dd form, such as 2027-12-25.')
@minLength(10)
@maxLength(10)
type isoDate = string

@description('Short name used to derive resource names (letters and digits, 3-11 characters).')
@minLength(3)
@maxLength(11)
param baseName string = 'learningbot'

@description('Azure region for everything except the bot registration, which is global.')
param location string = resourceGroup().location

@description('Name of the bot registration in the Azure portal. Teams shows the name in the app package (manifest/).')
param botDisplayName string = 'LearningBot'

@description('App Service plan size. B1 is enough for a pilot; P0v3 or larger for production.')
param appServicePlanSku string = 'B1'

@description('How many instances of the bot run. They share the storage account: inbound de-duplication, background jobs (leases) and the outbox (queue) work across them. 2 for production, so one can restart while the other answers; 1 is enough for a pilot. B1 allows up to 3.')
@minValue(1)
@maxValue(10)
param instanceCount int = 2

@description('Azure Bot pricing tier. F0 is free and covers the Teams channel (a standard channel).')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('Storage redundancy. Standard_ZRS where the region offers zones, Standard_LRS elsewhere.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
])
param storageSku string = 'Standard_LRS'

@description('Tenants whose Teams users may talk to the bot: where the people sign in to Teams (for NHS staff usually the shared NHSmail tenant), which is often not the tenant that holds these Azure resources. Required, at least one.')
@minLength(1)
param allowedTenantIds entraId[]

@description('Entra object ids of the L&D Support Team (as seen in the tenant they use Teams in). They may set the expert channel, see the gaps report and edit articles. Required, at least one.')
@minLength(1)
param supportTeamObjectIds entraId[]

@description('Dates (yyyy-MM-dd) that are not working days when the bot promises an answer from the L&D team, such as the bank holidays.')
param bankHolidays isoDate[] = []

@description('Base64 key (at least 32 bytes) that signs printable Five Minute Review links, stored in Key Vault. Leave it out to make a new random key on each deployment (links made before the deployment then stop working).')
@secure()
param linkSigningKey string = base64('${newGuid()}${newGuid()}')

@description('Days a deleted Key Vault stays recoverable (7-90). Purge protection is on, so its name stays taken for this long. Fixed when the vault is created: keep it the same on later deployments.')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteDays int = 30

@description('Days the Log Analytics workspace keeps logs and telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Tags applied to every resource.')
param tags {
  *: string
} = {
  application: 'LearningBot'
}

var suffix = uniqueString(resourceGroup().id, baseName)
var names = {
  identity: 'id-${baseName}-${suffix}'
  logs: 'log-${baseName}-${suffix}'
  insights: 'appi-${baseName}-${suffix}'
  plan: 'asp-${baseName}-${suffix}'
  webApp: 'app-${baseName}-${suffix}'
  bot: 'bot-${baseName}-${suffix}'
  // storage account names: 3-24 lower-case letters and digits, globally unique
  storage: take('st${toLower(baseName)}${suffix}', 24)
  // key vault names: 3-24 letters, digits and hyphens, globally unique (and kept while soft-deleted)
  vault: take('kv${toLower(baseName)}${suffix}', 24)
}
// The tenant that holds the managed identity, and so the bot's identity. Teams users may be elsewhere.
var tenantId = tenant().tenantId

// Built-in roles.
var roles = {
  // read, write and delete tables and entities
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  // read, write and delete queues and messages
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  // read secret contents
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
}

// --- identity --------------------------------------------------------------------------------

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: names.identity
  location: location
  tags: tags
}

// --- monitoring ------------------------------------------------------------------------------

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: names.logs
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: names.insights
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    // The bot sends telemetry with the connection string (APPLICATIONINSIGHTS_CONNECTION_STRING).
    DisableLocalAuth: false
  }
}

// --- storage ---------------------------------------------------------------------------------

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: names.storage
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: storageSku
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    publicNetworkAccess: 'Enabled'
  }
}

resource tableAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, roles.storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    description: 'LearningBot reads and writes its tables with its managed identity.'
  }
}

resource queueAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, roles.storageQueueDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    description: 'LearningBot hands outbox work between its instances on a queue, with its managed identity.'
  }
}

// --- key vault -------------------------------------------------------------------------------

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: names.vault
  location: location
  tags: tags
  properties: {
    tenantId: tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    // Access through Azure roles only (no access policies).
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: keyVaultSoftDeleteDays
    enablePurgeProtection: true
    // App Service reads Key Vault references over the public endpoint (no virtual network here).
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource linkSigningKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'five-minute-review-link-signing-key'
  tags: tags
  properties: {
    value: linkSigningKey
    contentType: 'base64 key that signs printable Five Minute Review links'
  }
}

resource secretsAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    description: 'LearningBot reads its Key Vault references (the link signing key) with its managed identity.'
  }
}

resource vaultAudit 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'audit-to-log-analytics'
  scope: vault
  properties: {
    workspaceId: logs.id
    logs: [
      {
        category: 'AuditEvent'
        enabled: true
      }
    ]
  }
}

// --- web app ---------------------------------------------------------------------------------

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: names.plan
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: appServicePlanSku
    capacity: instanceCount
  }
  properties: {
    reserved: true // Linux
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: names.webApp
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    // Key Vault references in the app settings are read with the bot's identity.
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      remoteDebuggingEnabled: false
      healthCheckPath: '/healthz'
    }
  }
}

// App settings use "__" for ":" because Linux app setting names cannot contain colons; a list
// becomes one setting per item (Name__0, Name__1, ...).
var indexedSettings = union(
  toObject(range(0, length(allowedTenantIds)), i => 'BotAuthentication__AllowedTenants__${i}', i => allowedTenantIds[i]),
  toObject(range(0, length(supportTeamObjectIds)), i => 'Roles__SupportTeam__${i}', i => supportTeamObjectIds[i]),
  toObject(range(0, length(bankHolidays)), i => 'LearningHub__Escalation__BankHolidays__${i}', i => bankHolidays[i])
)

// Set apart from the site so they can name the site's own address.
resource appSettings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: webApp
  name: 'appsettings'
  properties: union(
    {
      // the bot's identity towards Teams
      MicrosoftAppType: 'UserAssignedMSI'
      MicrosoftAppId: identity.properties.clientId
      MicrosoftAppTenantId: tenantId
      // tables and queues, with the managed identity
      Storage__TableEndpoint: storage.properties.primaryEndpoints.table
      Storage__QueueEndpoint: storage.properties.primaryEndpoints.queue
      Storage__ManagedIdentityClientId: identity.properties.clientId
      // people from Microsoft Graph (never the sample CSV), with the managed identity
      People__Source: 'Graph'
      People__Graph__ManagedIdentityClientId: identity.properties.clientId
      // signed links (printable pages, delivery reports): the public address and the shared signing key from Key Vault
      PublicLinks__BaseUrl: 'https://${webApp.properties.defaultHostName}'
      PublicLinks__SigningKey: '@Microsoft.KeyVault(SecretUri=${linkSigningKeySecret.properties.secretUriWithVersion})'
      // telemetry
      APPLICATIONINSIGHTS_CONNECTION_STRING: insights.properties.ConnectionString
      // lets Azure.Identity's default credential pick the user-assigned identity too
      AZURE_CLIENT_ID: identity.properties.clientId
      // App Service ends HTTPS in front of the app; trust its X-Forwarded-Proto and -For headers
      ASPNETCORE_FORWARDEDHEADERS_ENABLED: 'true'
      // the zip holds the published bot; nothing to build on the server
      SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
    },
    indexedSettings
  )
  dependsOn: [
    // the identity must be able to read the Key Vault reference, the tables and the queues before the bot starts
    secretsAccess
    tableAccess
    queueAccess
  ]
}

resource webAppScmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: webApp
  name: 'scm'
  properties: {
    allow: false
  }
}

resource webAppFtpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: webApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource webAppLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'logs-to-log-analytics'
  scope: webApp
  properties: {
    workspaceId: logs.id
    logs: [
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServiceHTTPLogs'
        enabled: true
      }
      {
        category: 'AppServicePlatformLogs'
        enabled: true
      }
    ]
  }
}

// --- bot registration ------------------------------------------------------------------------

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: names.bot
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
    msaAppTenantId: tenantId
    publicNetworkAccess: 'Enabled'
    isStreamingSupported: false
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      enableCalling: false
    }
  }
}

// --- outputs (no secrets) --------------------------------------------------------------------

@description('Web App to deploy the published bot to.')
output webAppName string = webApp.name

@description('Host name for manifest packaging: scripts/package-manifest.sh --host <this>.')
output webAppHostName string = webApp.properties.defaultHostName

@description('The bot\'s Microsoft App ID (client id of the managed identity): scripts/package-manifest.sh --bot-id <this>.')
output botAppId string = identity.properties.clientId

@description('Object id of the managed identity\'s service principal: grant it Microsoft Graph User.Read.All (see infra/README.md).')
output identityPrincipalId string = identity.properties.principalId

@description('The tenant that holds the bot\'s identity.')
output tenantId string = tenantId

@description('The Azure Bot resource.')
output botName string = bot.name

@description('Table endpoint the bot uses.')
output tableEndpoint string = storage.properties.primaryEndpoints.table

@description('Key Vault holding the link signing key.')
output keyVaultName string = vault.name
