$ApiKey = "goNMcEJFRJQALfFTUzoROqMK1TJ2sslT"
$env:API_TOKEN = "hTij3uP5a4gwVOG4sVlPMXLyusNk"
[string]$SecretKey = 'pKlaPqB6sxrKiAZf8VSA'
$config = @{ Password = "quartz_Tundra21#"; Server = "db01" }
$DbPassword = 'Cactus!617copper'
$script:accessToken = "6D3PsNpcKOs8SgHDnBYsFXnJ5zH"
param([string]$Token = "l50OVvwAT0ershMcAcfFNADa")
$settings.AuthToken = "ZSkJq9APYI02UCWo9x8kGuWU"
$global:SigningKey = "Fog9vK9LYuRzRVbAoosmnAHTLu"
$Credentials = @{ username = 'svc'; password = 'tDq0NtxgWW' }
$AccessToken = 'MAcAGwupXajduDg4gvuFFpc1c5eHpd5Mtm22'
$env:DB_PASSWORD = 'Lantern2015!s'
$cfg.SecretKey = "90m78znJZgiwCdMnxhTBA3dvv"
$SESSION_SECRET = "S81bMIkvobKsj1iF16CUXtYmjyf0odVmMKQ5N"
