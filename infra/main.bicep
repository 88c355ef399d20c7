// LearningBot on Azure: a Linux Web App running the bot, an Azure Bot registration connected to
// Microsoft Teams, table storage, and Application Insights. One user-assigned managed identity is
// both the bot's identity (no secrets to rotate) and its identity for table storage.
//
// Deploy into an existing resource group:
//   az deployment group create -g <group> -f infra/main.bicep -p infra/main.parameters.json
targetScope = 'resourceGroup'

@description('Short name used to derive resource names (letters and digits, 3-11 characters).')
@minLength(3)
@maxLength(11)
param baseName string = 'learningbot'

@description('Azure region for everything except the bot registration, which is global.')
param location string = resourceGroup().location

@description('Name the bot shows in Teams and in the Azure portal.')
param botDisplayName string = 'LearningBot'

@description('App Service plan size. B1 is enough for a pilot; P0v3 or larger for production.')
param appServicePlanSku string = 'B1'

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

@description('Tenants whose Teams may talk to the bot. Empty means the bot identity\'s own tenant only.')
param allowedTenantIds array = []

@description('Tags applied to every resource.')
param tags object = {
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
}
// tenant() is known when the deployment starts, so it can drive the settings loop below.
var tenantId = tenant().tenantId
var botTenants = empty(allowedTenantIds) ? [tenantId] : allowedTenantIds

// Built-in role: read, write and delete tables and entities.
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

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
    retentionInDays: 30
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
  name: guid(storage.id, identity.id, storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    description: 'LearningBot reads and writes its tables with its managed identity.'
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
  }
  properties: {
    reserved: true // Linux
  }
}

// App settings use "__" for ":" because Linux app setting names cannot contain colons.
var tenantSettings = [for (allowedTenant, i) in botTenants: {
  name: 'BotAuthentication__AllowedTenants__${i}'
  value: allowedTenant
}]

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
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      healthCheckPath: '/healthz'
      appSettings: concat([
        {
          name: 'MicrosoftAppType'
          value: 'UserAssignedMSI'
        }
        {
          name: 'MicrosoftAppId'
          value: identity.properties.clientId
        }
        {
          name: 'MicrosoftAppTenantId'
          value: tenantId
        }
        {
          name: 'Storage__TableEndpoint'
          value: storage.properties.primaryEndpoints.table
        }
        {
          // lets Azure.Identity pick the user-assigned identity for storage and telemetry
          name: 'AZURE_CLIENT_ID'
          value: identity.properties.clientId
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: insights.properties.ConnectionString
        }
      ], tenantSettings)
    }
  }
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

// --- outputs ---------------------------------------------------------------------------------

@description('Web App to deploy the published bot to.')
output webAppName string = webApp.name

@description('Host name for manifest packaging: scripts/package-manifest.sh --host <this>.')
output webAppHostName string = webApp.properties.defaultHostName

@description('The bot\'s Microsoft App ID: scripts/package-manifest.sh --bot-id <this>.')
output botAppId string = identity.properties.clientId

output tenantId string = tenantId
output botName string = bot.name
output tableEndpoint string = storage.properties.primaryEndpoints.table
