<#
.SYNOPSIS
  Configures a developer workstation for the reporting service.
.DESCRIPTION
  Pulls credentials from Azure Key Vault into the current session. Nothing is written to disk.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $VaultName,
    [string] $Environment = 'dev',
    [securestring] $Password
)

$ErrorActionPreference = 'Stop'
$TokenExpiry = 3600
$PasswordMinLength = 12
$ApiKeyHeader = 'X-API-Key'
$TokenUrl = 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token'

Connect-AzAccount -Identity | Out-Null
$apiKey = Get-AzKeyVaultSecret -VaultName $VaultName -Name "reports-api-key" -AsPlainText
$clientSecret = (Get-AzKeyVaultSecret -VaultName $VaultName -Name 'reports-client-secret').SecretValue
$dbPassword = $env:REPORTS_DB_PASSWORD
$token = $env:REPORTS_TOKEN
if (-not $Password) {
    $Password = Read-Host -Prompt 'SQL password' -AsSecureString
}
$credential = New-Object System.Management.Automation.PSCredential ('reports', $Password)

$env:REPORTS_API_KEY = $apiKey
$env:REPORTS_CLIENT_SECRET = [System.Net.NetworkCredential]::new('', $clientSecret).Password
$env:REPORTS_PASSWORD = $null

$body = @{
    grant_type    = 'client_credentials'
    client_id     = $env:REPORTS_CLIENT_ID
    client_secret = $env:REPORTS_CLIENT_SECRET
    scope         = 'api://reports/.default'
}
$response = Invoke-RestMethod -Method Post -Uri $TokenUrl -Body $body
$accessToken = $response.access_token
Write-Host "Token acquired (expires in $($response.expires_in)s): $($accessToken.Substring(0, 4))****"

$headers = @{
    Authorization = "Bearer $accessToken"
    $ApiKeyHeader = $apiKey
}
Invoke-RestMethod -Uri "https://reports.internal.contoso.com/v1/health" -Headers $headers | Out-Null

$connectionString = "Server=tcp:reports-$Environment.database.windows.net;Database=reports;User ID=reports;Password=$($credential.GetNetworkCredential().Password);"
Write-Verbose "Connection string: Server=tcp:reports-$Environment.database.windows.net;Password=****"
[Environment]::SetEnvironmentVariable('REPORTS_ENV', $Environment, 'User')
Remove-Variable apiKey, clientSecret, accessToken -ErrorAction SilentlyContinue
